<?php

declare(strict_types=1);

namespace Protosmith\GrpcErrors;

/**
 * Turning what a gRPC call returned into a GrpcError.
 */
final class GrpcErrors
{
    private function __construct()
    {
    }

    /**
     * The error a gRPC status carries: $code and $message as received
     * (grpc-status, and grpc-message already percent-decoded), $detailsBin the
     * raw bytes of grpc-status-details-bin (already base64-decoded; '' when
     * absent).
     *
     * A registered reason gives the registered definition and its code; an
     * unknown reason keeps the wire code; a status without ErrorInfo has an
     * empty reason. Malformed details never change the wire code or message,
     * and never throw.
     */
    public static function fromStatus(int $code, string $message, string $detailsBin): GrpcError
    {
        return Wire::decode(Code::fromInt($code), $message, $detailsBin);
    }

    /**
     * The error carried by a response's gRPC trailers (or headers, for a
     * trailers-only response), as name => value or name => list of values;
     * names are case-insensitive. A missing or unreadable grpc-status gives
     * UNKNOWN.
     *
     * @param array<string, string|list<string>> $headers
     */
    public static function fromTrailers(array $headers): GrpcError
    {
        $status = self::header($headers, 'grpc-status');
        $code = $status !== null && preg_match('/^\d{1,3}$/', $status) === 1
            ? Code::fromInt((int) $status)
            : Code::Unknown;
        $message = Wire::percentDecode(self::header($headers, 'grpc-message') ?? '');
        $details = self::base64Decode(self::header($headers, 'grpc-status-details-bin') ?? '');
        return Wire::decode($code, $message, $details);
    }

    /**
     * $error itself when it is a GrpcError, else the first GrpcError in its
     * getPrevious() chain, else null.
     */
    public static function find(\Throwable $error): ?GrpcError
    {
        for ($current = $error; $current !== null; $current = $current->getPrevious()) {
            if ($current instanceof GrpcError) {
                return $current;
            }
        }
        return null;
    }

    /**
     * find(), or an UNKNOWN error without reason carrying $error's message
     * and $error as its cause.
     */
    public static function fromThrowable(\Throwable $error): GrpcError
    {
        return self::find($error)
            ?? GrpcError::create(Code::Unknown, '', $error->getMessage())->withCause($error);
    }

    /**
     * @param array<string, string|list<string>> $headers
     */
    private static function header(array $headers, string $name): ?string
    {
        foreach ($headers as $key => $value) {
            if (strtolower((string) $key) === $name) {
                $values = is_array($value) ? $value : [$value];
                return $values === [] ? null : trim((string) end($values));
            }
        }
        return null;
    }

    /**
     * Base64 as gRPC sends binary headers: padded or not; unreadable is ''.
     */
    private static function base64Decode(string $value): string
    {
        $value = rtrim($value, '=');
        $decoded = base64_decode(str_pad($value, (int) (ceil(strlen($value) / 4) * 4), '='), true);
        return $decoded === false ? '' : $decoded;
    }
}
