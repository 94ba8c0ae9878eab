<?php

/**
 * Loads generated error classes with the PHP runtime and reports, as JSON on
 * stdout, what they hold and do; tests/php_tools.rs compares that with the
 * catalog the classes were generated from.
 *
 * php observe.php RUNTIME_SRC GENERATED_ROOT CLASS...
 *
 * Every notice, warning or deprecation is an error: generated code must run
 * clean under E_ALL.
 */

declare(strict_types=1);

error_reporting(E_ALL);
set_error_handler(static function (int $severity, string $message, string $file, int $line): bool {
    throw new \ErrorException($message, 0, $severity, $file, $line);
});

[, $runtime, $generated] = $argv;
$classes = array_slice($argv, 3);

spl_autoload_register(static function (string $class) use ($runtime, $generated): void {
    $prefix = 'Protosmith\\GrpcErrors\\';
    $path = str_starts_with($class, $prefix)
        ? $runtime . '/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php'
        : $generated . '/' . str_replace('\\', '/', $class) . '.php';
    if (is_file($path)) {
        require $path;
    }
});

use Protosmith\GrpcErrors\ErrorDefinition;
use Protosmith\GrpcErrors\GrpcError;
use Protosmith\GrpcErrors\Registry;

$report = [];
foreach ($classes as $class) {
    $reflection = new \ReflectionClass($class);
    $definitions = $class::definitions();
    $methods = array_values(array_filter(
        $reflection->getMethods(\ReflectionMethod::IS_STATIC | \ReflectionMethod::IS_PUBLIC),
        static fn (\ReflectionMethod $m): bool => $m->getName() !== 'definitions',
    ));
    // Declaration order: factory, check, factory, check, ...
    $pairs = array_chunk($methods, 2);
    $errors = [];
    foreach ($pairs as [$factory, $check]) {
        $arguments = [];
        foreach ($factory->getParameters() as $i => $parameter) {
            $arguments[] = "arg$i '\"\$x\\ \u{202E}";
        }
        $error = $factory->invoke(null, ...$arguments);
        if (!$error instanceof GrpcError) {
            throw new \LogicException($factory->getName() . ' returned no GrpcError');
        }
        $errors[] = [
            'factory' => $factory->getName(),
            'parameters' => array_map(
                static fn (\ReflectionParameter $p): string => $p->getName(),
                $factory->getParameters(),
            ),
            'arguments' => $arguments,
            'check' => $check->getName(),
            'code' => $error->getGrpcCode()->name,
            'reason' => $error->getReason(),
            'domain' => $error->getDomain(),
            'message' => $error->getMessage(),
            'metadata' => (object) $error->getMetadata(),
            'error' => $error,
        ];
    }
    foreach ($errors as $i => &$entry) {
        $entry['checks'] = array_map(
            static fn (array $pair): bool => $pair[1]->invoke(null, $entry['error']),
            $pairs,
        );
    }
    unset($entry);
    foreach ($errors as &$entry) {
        unset($entry['error']);
    }
    unset($entry);
    $report[] = [
        'class' => $class,
        'final' => $reflection->isFinal(),
        'same_definitions_each_call' => $class::definitions() === $definitions,
        'registered' => array_map(
            static fn (ErrorDefinition $d): bool => Registry::lookup($d->domain, $d->reason) === $d,
            $definitions,
        ),
        'definitions' => array_map(static fn (ErrorDefinition $d): array => [
            'code' => $d->code->name,
            'reason' => $d->reason,
            'domain' => $d->domain,
            'message' => $d->message,
            'placeholders' => $d->placeholders,
            'i18n' => (object) $d->i18n,
            'proto_name' => $d->protoName,
            'number' => $d->number,
        ], $definitions),
        'errors' => $errors,
    ];
}
echo json_encode($report, JSON_THROW_ON_ERROR | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES), "\n";
