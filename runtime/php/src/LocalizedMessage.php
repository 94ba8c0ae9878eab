<?php

declare(strict_types=1);

namespace Protosmith\GrpcErrors;

/**
 * A message in one locale, as carried by `google.rpc.LocalizedMessage`.
 */
final class LocalizedMessage
{
    /**
     * @param string $locale  the translation's key as the proto wrote it, e.g. `de` or `zh-TW`
     * @param string $message the translated message, with its placeholders filled
     */
    public function __construct(
        public readonly string $locale,
        public readonly string $message,
    ) {
    }
}
