<?php

declare(strict_types=1);

namespace Protosmith\GrpcErrors;

/**
 * One error as declared in a .proto file: what protoc-gen-errors knows at
 * generation time. Generated code creates these; they never change, and an
 * error made from one points back to it.
 */
final class ErrorDefinition
{
    /**
     * @param Code                  $code         the gRPC code sent with the error
     * @param string                $reason       unique reason: `acme.user.v1.USER_ERROR_NOT_FOUND` (ego style)
     *                                            or `USER_ERROR_NOT_FOUND` (AIP-193 style)
     * @param string                $domain       ErrorInfo domain; empty for ego-style reasons
     * @param string                $message      message template; `{name}` placeholders are filled from metadata
     * @param list<string>          $placeholders placeholders of the template, in order of first appearance
     * @param array<string, string> $i18n         translations of the template by language key, sorted by key
     * @param string                $protoName    full name of the proto enum value
     * @param int                   $number       number of the proto enum value
     */
    public function __construct(
        public readonly Code $code,
        public readonly string $reason,
        public readonly string $domain,
        public readonly string $message,
        public readonly array $placeholders,
        public readonly array $i18n,
        public readonly string $protoName,
        public readonly int $number,
    ) {
    }

    /**
     * A new error carrying this definition, its code, reason and message template as written.
     */
    public function toError(): GrpcError
    {
        return GrpcError::fromDefinition($this);
    }

    /**
     * HTTP status for this definition's code (google/rpc/code.proto mapping).
     */
    public function httpStatus(): int
    {
        return $this->code->httpStatus();
    }

    /**
     * The message template for exactly $language, if the proto gave one.
     */
    public function translation(string $language): ?string
    {
        return $this->i18n[$language] ?? null;
    }

    /**
     * Whether $error, or the first GrpcError among the exceptions it wraps
     * (getPrevious()), is an instance of this definition: same reason and domain.
     */
    public function matches(\Throwable $error): bool
    {
        $found = GrpcErrors::find($error);
        return $this->reason !== '' && $found !== null
            && $found->getReason() === $this->reason && $found->getDomain() === $this->domain;
    }
}
