<?php

declare(strict_types=1);

namespace Protosmith\GrpcErrors;

/**
 * Choosing a translation for a caller's languages (AIP-193's
 * `google.rpc.LocalizedMessage`).
 *
 * Callers name their languages the HTTP way, an `Accept-Language` list such
 * as `de-CH, de;q=0.9, en;q=0.5` (gRPC clients send it as the
 * `accept-language` metadata entry). A proto names its translations by
 * whatever key its authors chose after `@i18n.` (`de`, `zh`, `zh-TW`, and
 * also ego's customary `cn`), so matching is forgiving: case-insensitive,
 * `-` and `_` alike, and a regional tag falls back to its language.
 */
final class Locale
{
    private function __construct()
    {
    }

    /**
     * The key in $available that best serves $acceptLanguage, if any.
     *
     * Languages are tried by descending quality (`q=0` means "not this one"),
     * in the order given when qualities tie; for each, an exact match wins
     * over a match on the primary language (`de-CH` finds `de`, `zh` finds
     * `zh-CN`). `*` matches nothing: a wildcard states no preference we could
     * honour.
     *
     * @param iterable<string> $available
     */
    public static function negotiate(string $acceptLanguage, iterable $available): ?string
    {
        $keys = [];
        foreach ($available as $key) {
            $keys[] = $key;
        }
        $wanted = [];
        foreach (explode(',', $acceptLanguage) as $range) {
            $parsed = self::parseRange($range);
            if ($parsed !== null && $parsed[1] > 0 && $parsed[0] !== '*') {
                $wanted[] = $parsed;
            }
        }
        // usort is stable (PHP 8): equal qualities keep the caller's order.
        usort($wanted, static fn (array $a, array $b): int => $b[1] <=> $a[1]);
        foreach ($wanted as [$tag]) {
            foreach ($keys as $key) {
                if (self::sameTag($key, $tag)) {
                    return $key;
                }
            }
            foreach ($keys as $key) {
                if (self::sameTag(self::primary($key), self::primary($tag))) {
                    return $key;
                }
            }
        }
        return null;
    }

    /**
     * `de;q=0.8` as `['de', 800]`: quality in thousandths, so no floats; a
     * malformed quality drops the entry instead of guessing.
     *
     * @return array{string, int}|null
     */
    private static function parseRange(string $range): ?array
    {
        $parts = explode(';', $range);
        $tag = trim(array_shift($parts));
        if ($tag === '') {
            return null;
        }
        $quality = 1000;
        foreach ($parts as $parameter) {
            $equals = strpos($parameter, '=');
            if ($equals === false) {
                return null;
            }
            if (strtolower(trim(substr($parameter, 0, $equals))) === 'q') {
                $quality = self::parseQuality(trim(substr($parameter, $equals + 1)));
                if ($quality === null) {
                    return null;
                }
            }
        }
        return [$tag, $quality];
    }

    /**
     * RFC 9110 qvalue: `0`, `1`, or up to three decimals.
     */
    private static function parseQuality(string $value): ?int
    {
        $dot = strpos($value, '.');
        $whole = $dot === false ? $value : substr($value, 0, $dot);
        $fraction = $dot === false ? '' : substr($value, $dot + 1);
        if (strlen($fraction) > 3 || strspn($fraction, '0123456789') !== strlen($fraction)) {
            return null;
        }
        $thousandths = (int) str_pad($fraction, 3, '0');
        return match (true) {
            $whole === '0' => $thousandths,
            $whole === '1' && $thousandths === 0 => 1000,
            default => null,
        };
    }

    private static function primary(string $tag): string
    {
        return substr($tag, 0, strcspn($tag, '-_'));
    }

    private static function sameTag(string $a, string $b): bool
    {
        return strlen($a) === strlen($b) && strtolower(strtr($a, '_', '-')) === strtolower(strtr($b, '_', '-'));
    }
}
