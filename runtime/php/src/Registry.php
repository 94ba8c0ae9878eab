<?php

declare(strict_types=1);

namespace Protosmith\GrpcErrors;

/**
 * The process-wide registry that lets a decoded wire error find its
 * definition (and so its code and translations) again.
 *
 * Generated classes register their definitions the first time they are used;
 * calling a generated class's `definitions()` registers them up front.
 * Registration is idempotent and order-free: the first definition of a
 * `(domain, reason)` wins, later different ones are kept in duplicates().
 */
final class Registry
{
    /** @var array<array-key, array<array-key, ErrorDefinition>> by domain, then reason */
    private static array $byKey = [];

    /** @var list<array{ErrorDefinition, ErrorDefinition}> */
    private static array $duplicates = [];

    private function __construct()
    {
    }

    public static function register(ErrorDefinition ...$definitions): void
    {
        foreach ($definitions as $definition) {
            $first = self::$byKey[$definition->domain][$definition->reason] ?? null;
            if ($first === null) {
                self::$byKey[$definition->domain][$definition->reason] = $definition;
            } elseif ($first !== $definition) {
                self::$duplicates[] = [$first, $definition];
            }
        }
    }

    /**
     * The registered definition for ($domain, $reason).
     */
    public static function lookup(string $domain, string $reason): ?ErrorDefinition
    {
        return $reason === '' ? null : self::$byKey[$domain][$reason] ?? null;
    }

    /**
     * Every registered definition, sorted by domain then reason.
     *
     * @return list<ErrorDefinition>
     */
    public static function all(): array
    {
        $all = [];
        $domains = self::$byKey;
        ksort($domains, SORT_STRING);
        foreach ($domains as $reasons) {
            ksort($reasons, SORT_STRING);
            array_push($all, ...array_values($reasons));
        }
        return $all;
    }

    /**
     * Pairs of different definitions that share a domain and reason (from
     * separately generated code loaded into one program). A service can
     * assert at start-up that there are none.
     *
     * @return list<array{ErrorDefinition, ErrorDefinition}>
     */
    public static function duplicates(): array
    {
        return self::$duplicates;
    }
}
