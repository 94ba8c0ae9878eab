<?php

declare(strict_types=1);

namespace Protosmith\GrpcErrors\Tests;

use Acme\User\V1\UserErrorErrors;
use Google\Protobuf\StringValue;
use Google\Rpc\ErrorInfo;
use PHPUnit\Framework\TestCase;
use Protosmith\GrpcErrors\Code;
use Protosmith\GrpcErrors\GrpcError;
use Protosmith\GrpcErrors\UnaryClient;

/**
 * UnaryClient against a real gRPC server (Python grpcio, tests/Server) on
 * 127.0.0.1. The Python comes from PROTOSMITH_TEST_PYTHON, else the
 * repository's .tools/php-venv (ci/lang/php.sh installs it).
 */
final class UnaryClientTest extends TestCase
{
    /** @var resource|null */
    private static $server = null;

    /** @var array<int, resource> */
    private static array $pipes = [];

    private static string $address = '';

    public static function setUpBeforeClass(): void
    {
        [self::$server, self::$pipes, self::$address] = self::startServer();
    }

    public static function tearDownAfterClass(): void
    {
        if (self::$server !== null) {
            self::stopServer(self::$server, self::$pipes);
            self::$server = null;
        }
    }

    public function testASuccessfulCallSendsRequestAndMetadata(): void
    {
        $client = new UnaryClient(self::$address);
        $reply = $client->call(
            '/protosmith.test.v1.Test/Echo',
            (new StringValue())->setValue('grüß dich'),
            StringValue::class,
            ['Accept-Language' => 'de-CH, de;q=0.9', 'trace-bin' => "\x00\xff\x01", 'multi' => ['a', 'b']],
            10.0,
        );
        self::assertInstanceOf(StringValue::class, $reply);
        $echo = json_decode($reply->getValue(), true, 512, JSON_THROW_ON_ERROR);
        self::assertSame('grüß dich', $echo['value']);
        self::assertSame(['de-CH, de;q=0.9'], $echo['metadata']['accept-language']);
        self::assertSame([base64_encode("\x00\xff\x01")], $echo['metadata']['trace-bin']);
        self::assertSame(['a', 'b'], $echo['metadata']['multi']);
        self::assertStringStartsWith('protosmith-grpc-errors-php/', $echo['metadata']['user-agent'][0]);
    }

    public function testOneClientMakesManyCalls(): void
    {
        $client = new UnaryClient('http://' . self::$address);
        for ($i = 0; $i < 20; $i++) {
            $request = (new StringValue())->setValue("n$i");
            $reply = $client->call('/protosmith.test.v1.Test/Echo', $request, StringValue::class);
            self::assertSame("n$i", json_decode($reply->getValue(), true)['value']);
        }
    }

    public function testAServerErrorIsDecodedWithTheRuntime(): void
    {
        UserErrorErrors::definitions();
        $error = $this->failure('/protosmith.interop.v1.Interop/Raise', json_encode([
            'reason' => 'acme.user.v1.USER_ERROR_NOT_FOUND',
            'args' => ['user_id' => 'u-404'],
            'extra_metadata' => ['request_id' => 'r-1'],
        ], JSON_THROW_ON_ERROR), ['accept-language' => 'zh-TW']);
        self::assertSame(Code::NotFound, $error->getGrpcCode());
        self::assertSame('acme.user.v1.USER_ERROR_NOT_FOUND', $error->getReason());
        self::assertSame('user u-404 not found', $error->getMessage());
        self::assertSame(['request_id' => 'r-1', 'user_id' => 'u-404'], $error->getMetadata());
        self::assertSame('zh', $error->getLocalized()?->locale);
        self::assertSame('用户 u-404 不存在', $error->getLocalized()?->message);
        self::assertTrue(UserErrorErrors::isNotFound($error));
        self::assertFalse(UserErrorErrors::isEmailTaken($error));
    }

    public function testAStatusWithoutDetailsHasNoReason(): void
    {
        $error = $this->failure('/protosmith.interop.v1.Interop/Raise', json_encode(['custom' => [
            'code' => 14, 'reason' => '', 'domain' => '', 'message' => 'try again later', 'metadata' => [],
        ]], JSON_THROW_ON_ERROR));
        self::assertSame(Code::Unavailable, $error->getGrpcCode());
        self::assertSame('', $error->getReason());
        self::assertSame('try again later', $error->getMessage());
        self::assertFalse($error->is($error));
    }

    public function testMalformedDetailsOnTheWireKeepTheStatus(): void
    {
        foreach (["\xff\xfe", "\x1a\x03\x0a\x01", ''] as $details) {
            $error = $this->failure('/protosmith.test.v1.Test/Abort', json_encode([
                'code' => 9, 'message' => 'precondition 100% failed', 'details_b64' => base64_encode($details),
            ], JSON_THROW_ON_ERROR));
            self::assertSame(Code::FailedPrecondition, $error->getGrpcCode());
            self::assertSame('precondition 100% failed', $error->getMessage());
            self::assertSame('', $error->getReason());
        }
    }

    public function testAnUnknownReasonKeepsTheWireCode(): void
    {
        $error = $this->failure('/protosmith.interop.v1.Interop/Raise', json_encode(['custom' => [
            'code' => 10, 'reason' => 'INVENTORY_LOCKED', 'domain' => 'inventory.acme.example',
            'message' => 'Bestellung für Zoë: sku-1 ist zu 100% gesperrt', 'metadata' => ['sku' => 'sku-1'],
        ]], JSON_THROW_ON_ERROR));
        self::assertSame(Code::Aborted, $error->getGrpcCode());
        self::assertSame(409, $error->getHttpStatus());
        self::assertSame('Bestellung für Zoë: sku-1 ist zu 100% gesperrt', $error->getMessage());
        $local = GrpcError::create(Code::Internal, 'INVENTORY_LOCKED', '', 'inventory.acme.example');
        self::assertTrue($error->is($local));
        self::assertFalse($error->is(GrpcError::create(Code::Aborted, 'INVENTORY_LOCKED', '', 'elsewhere')));
    }

    public function testTheDeadlineIsEnforced(): void
    {
        $started = microtime(true);
        try {
            (new UnaryClient(self::$address))->call(
                '/protosmith.test.v1.Test/Sleep',
                (new StringValue())->setValue('3'),
                StringValue::class,
                [],
                0.3,
            );
            self::fail('no error');
        } catch (GrpcError $error) {
            self::assertSame(Code::DeadlineExceeded, $error->getGrpcCode());
            self::assertSame('', $error->getReason());
        }
        self::assertLessThan(2.0, microtime(true) - $started);
    }

    public function testTransportFailuresAreUnavailable(): void
    {
        // Port 1 on 127.0.0.1: nothing listens there.
        try {
            (new UnaryClient('127.0.0.1:1'))->call('/a.B/C', new StringValue(), StringValue::class);
            self::fail('no error');
        } catch (GrpcError $error) {
            self::assertSame(Code::Unavailable, $error->getGrpcCode());
            self::assertNotSame('', $error->getMessage());
        }
    }

    public function testAResponseOverTheLimitIsRefused(): void
    {
        try {
            (new UnaryClient(self::$address, maxResponseSize: 16))->call(
                '/protosmith.test.v1.Test/Echo',
                (new StringValue())->setValue(str_repeat('x', 100)),
                StringValue::class,
            );
            self::fail('no error');
        } catch (GrpcError $error) {
            self::assertSame(Code::ResourceExhausted, $error->getGrpcCode());
        }
    }

    public function testResponseBytesAreDecodedAsTheResponseClass(): void
    {
        $client = new UnaryClient(self::$address);
        $raw = static fn (string $bytes): StringValue => (new StringValue())->setValue(base64_encode($bytes));
        $info = $client->call('/protosmith.test.v1.Test/Raw', $raw("\x0a\x01R\x12\x01D"), ErrorInfo::class);
        self::assertSame('R', $info->getReason());
        self::assertSame('D', $info->getDomain());
        // An empty message is a message.
        self::assertSame('', $client->call('/protosmith.test.v1.Test/Raw', $raw(''), ErrorInfo::class)->getReason());
        try {
            $client->call('/protosmith.test.v1.Test/Raw', $raw("\x0a\x7fshort"), ErrorInfo::class);
            self::fail('no error');
        } catch (GrpcError $error) {
            self::assertSame(Code::Internal, $error->getGrpcCode());
            self::assertStringStartsWith('undecodable response message', $error->getMessage());
        }
    }

    public function testMetadataThatCannotBeSentIsRefusedBeforeCalling(): void
    {
        $client = new UnaryClient(self::$address);
        foreach ([['bad key' => 'v'], ['grpc-timeout' => '1S'], ['x' => "line\r\nbreak"], ['x' => 'é']] as $metadata) {
            try {
                $client->call('/protosmith.test.v1.Test/Echo', new StringValue(), StringValue::class, $metadata);
                self::fail('accepted ' . json_encode($metadata));
            } catch (\InvalidArgumentException $e) {
                self::assertStringContainsString('metadata', $e->getMessage());
            }
        }
    }

    public function testTls(): void
    {
        $dir = sys_get_temp_dir() . '/protosmith-php-tls-' . getmypid();
        @mkdir($dir);
        $key = openssl_pkey_new(['private_key_type' => OPENSSL_KEYTYPE_EC, 'curve_name' => 'prime256v1']);
        self::assertNotFalse($key);
        $csr = openssl_csr_new(['commonName' => 'localhost'], $key, ['digest_alg' => 'sha256']);
        self::assertNotFalse($csr);
        $certificate = openssl_csr_sign($csr, null, $key, 1, ['digest_alg' => 'sha256']);
        self::assertNotFalse($certificate);
        openssl_x509_export_to_file($certificate, "$dir/cert.pem");
        openssl_pkey_export_to_file($key, "$dir/key.pem");
        [$server, $pipes, $address] = self::startServer('--tls', "$dir/cert.pem", "$dir/key.pem");
        try {
            $port = substr($address, strrpos($address, ':') + 1);
            $client = new UnaryClient("https://localhost:$port", curlOptions: [
                CURLOPT_CAINFO => "$dir/cert.pem",
                CURLOPT_RESOLVE => ["localhost:$port:127.0.0.1"],
            ]);
            $request = (new StringValue())->setValue('tls');
            $reply = $client->call('/protosmith.test.v1.Test/Echo', $request, StringValue::class);
            self::assertSame('tls', json_decode($reply->getValue(), true)['value']);
            try {
                $client->call('/protosmith.interop.v1.Interop/Raise', (new StringValue())->setValue(
                    '{"reason": "acme.user.v1.USER_ERROR_EMAIL_TAKEN", "args": {}}',
                ), StringValue::class);
                self::fail('no error');
            } catch (GrpcError $error) {
                self::assertTrue(UserErrorErrors::isEmailTaken($error));
            }
            // Without the certificate as a trust anchor, the handshake fails.
            try {
                (new UnaryClient("https://localhost:$port", curlOptions: [
                    CURLOPT_RESOLVE => ["localhost:$port:127.0.0.1"],
                ]))->call('/protosmith.test.v1.Test/Echo', new StringValue(), StringValue::class);
                self::fail('an untrusted certificate was accepted');
            } catch (GrpcError $error) {
                self::assertSame(Code::Unavailable, $error->getGrpcCode());
            }
        } finally {
            self::stopServer($server, $pipes);
            exec('rm -rf ' . escapeshellarg($dir));
        }
    }

    /**
     * Starts tests/Server/grpc_test_server.py with $arguments.
     *
     * @return array{resource, array<int, resource>, string} process, pipes, `127.0.0.1:PORT`
     */
    private static function startServer(string ...$arguments): array
    {
        $python = getenv('PROTOSMITH_TEST_PYTHON') ?: dirname(__DIR__, 3) . '/.tools/php-venv/bin/python';
        if (!is_executable($python)) {
            self::fail("no Python with grpcio at $python: run ci/lang/php.sh or set PROTOSMITH_TEST_PYTHON");
        }
        // grpc-core logs failed handshakes, which testTls provokes, to stderr.
        $log = (string) tempnam(sys_get_temp_dir(), 'protosmith-php-server');
        $server = proc_open(
            [$python, __DIR__ . '/Server/grpc_test_server.py', ...$arguments],
            [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['file', $log, 'w']],
            $pipes,
        );
        self::assertIsResource($server);
        $line = trim((string) fgets($pipes[1]));
        self::assertMatchesRegularExpression(
            '/^listening 127\.0\.0\.1:\d+$/',
            $line,
            'the test server did not start: ' . file_get_contents($log),
        );
        unlink($log);
        return [$server, $pipes, substr($line, strlen('listening '))];
    }

    /**
     * Closes the server's stdin, which stops it, and waits for it.
     *
     * @param resource $server
     * @param array<int, resource> $pipes
     */
    private static function stopServer($server, array $pipes): void
    {
        fclose($pipes[0]);
        fclose($pipes[1]);
        proc_close($server);
    }

    /**
     * @param array<string, string> $metadata
     */
    private function failure(string $method, string $value, array $metadata = []): GrpcError
    {
        try {
            (new UnaryClient(self::$address))->call(
                $method,
                (new StringValue())->setValue($value),
                StringValue::class,
                $metadata,
                10.0,
            );
        } catch (GrpcError $error) {
            return $error;
        }
        self::fail("$method succeeded");
    }
}
