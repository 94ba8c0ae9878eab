<?php

declare(strict_types=1);

namespace Protosmith\GrpcErrors;

/**
 * The 17 canonical gRPC status codes (google.rpc.Code) and their HTTP mapping
 * from google/rpc/code.proto.
 */
enum Code: int
{
    case Ok = 0;
    case Cancelled = 1;
    case Unknown = 2;
    case InvalidArgument = 3;
    case DeadlineExceeded = 4;
    case NotFound = 5;
    case AlreadyExists = 6;
    case PermissionDenied = 7;
    case ResourceExhausted = 8;
    case FailedPrecondition = 9;
    case Aborted = 10;
    case OutOfRange = 11;
    case Unimplemented = 12;
    case Internal = 13;
    case Unavailable = 14;
    case DataLoss = 15;
    case Unauthenticated = 16;

    /**
     * The code for a wire number; numbers outside the canonical range are
     * UNKNOWN, as google/rpc/code.proto asks of receivers.
     */
    public static function fromInt(int $value): self
    {
        return self::tryFrom($value) ?? self::Unknown;
    }

    /**
     * The code named like google/rpc/code.proto does (`NOT_FOUND`), or null.
     */
    public static function fromName(string $name): ?self
    {
        foreach (self::cases() as $code) {
            if ($code->protoName() === $name) {
                return $code;
            }
        }
        return null;
    }

    /**
     * The upper-case name google/rpc/code.proto gives this code: `NOT_FOUND`.
     */
    public function protoName(): string
    {
        return strtoupper((string) preg_replace('/(?<!^)[A-Z]/', '_$0', $this->name));
    }

    /**
     * The HTTP status google/rpc/code.proto maps this code to.
     */
    public function httpStatus(): int
    {
        return match ($this) {
            self::Ok => 200,
            self::Cancelled => 499,
            self::Unknown, self::Internal, self::DataLoss => 500,
            self::InvalidArgument, self::FailedPrecondition, self::OutOfRange => 400,
            self::DeadlineExceeded => 504,
            self::NotFound => 404,
            self::AlreadyExists, self::Aborted => 409,
            self::PermissionDenied => 403,
            self::ResourceExhausted => 429,
            self::Unimplemented => 501,
            self::Unavailable => 503,
            self::Unauthenticated => 401,
        };
    }
}
