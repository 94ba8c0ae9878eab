<?php

declare(strict_types=1);

namespace Protosmith\GrpcErrors\Tests;

use PHPUnit\Framework\TestCase;

/**
 * gen/ is exactly what protoc --php_out makes of the vendored google/rpc
 * protos (proto/) and of protosmith's options.proto (the repository's
 * proto/, whose PHP classes ship here rather than in every API package), so
 * nobody edits it by hand and it can be regenerated.
 */
final class VendoredProtosTest extends TestCase
{
    public function testGenIsProtocOutputOfTheVendoredProtos(): void
    {
        $root = dirname(__DIR__);
        $protoc = trim((string) shell_exec('command -v protoc'));
        self::assertNotSame('', $protoc, 'protoc is needed (Debian protobuf-compiler)');
        $out = sys_get_temp_dir() . '/protosmith-php-rpc-' . getmypid();
        @mkdir($out);
        exec(sprintf(
            '%s -I %s --php_out=%s google/rpc/status.proto google/rpc/error_details.proto 2>&1',
            escapeshellarg($protoc),
            escapeshellarg("$root/proto"),
            escapeshellarg($out),
        ), $output, $status);
        self::assertSame(0, $status, implode("\n", $output));
        exec(sprintf(
            '%s -I %s --php_out=%s protosmith/errors/v1/options.proto 2>&1',
            escapeshellarg($protoc),
            escapeshellarg(dirname($root, 2) . '/proto'),
            escapeshellarg($out),
        ), $output, $status);
        self::assertSame(0, $status, implode("\n", $output));
        self::assertSame(self::tree("$root/gen"), self::tree($out));
        exec('rm -rf ' . escapeshellarg($out));
    }

    /**
     * @return array<string, string> relative path => content
     */
    private static function tree(string $dir): array
    {
        $files = [];
        $directory = new \RecursiveDirectoryIterator($dir, \FilesystemIterator::SKIP_DOTS);
        foreach (new \RecursiveIteratorIterator($directory) as $file) {
            $files[substr((string) $file, strlen($dir) + 1)] = (string) file_get_contents((string) $file);
        }
        ksort($files);
        return $files;
    }
}
