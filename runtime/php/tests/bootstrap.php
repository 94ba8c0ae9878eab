<?php

declare(strict_types=1);

/*
 * Test bootstrap: composer's autoloader (`composer dump-autoload`), and
 * google/protobuf from PROTOBUF_PHP_DIR (default: Debian's php-google-protobuf
 * in /usr/share/php) when composer did not install it, since Packagist may
 * not be reachable where the tests run.
 */

error_reporting(E_ALL);

$loader = require __DIR__ . '/../vendor/autoload.php';
if (!is_dir(__DIR__ . '/../vendor/google/protobuf')) {
    $dir = getenv('PROTOBUF_PHP_DIR') ?: '/usr/share/php';
    $loader->addPsr4('Google\\Protobuf\\', $dir . '/Google/Protobuf');
    $loader->addPsr4('GPBMetadata\\Google\\Protobuf\\', $dir . '/GPBMetadata/Google/Protobuf');
}
