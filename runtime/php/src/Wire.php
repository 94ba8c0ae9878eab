<?php

declare(strict_types=1);

namespace Protosmith\GrpcErrors;

use Google\Protobuf\Any;
use Google\Rpc\ErrorInfo;
use Google\Rpc\LocalizedMessage as RpcLocalizedMessage;
use Google\Rpc\Status;

/**
 * The wire contract: `grpc-status-details-bin` holds a serialized
 * google.rpc.Status whose details carry one google.rpc.ErrorInfo and, when
 * the caller asked for a language the proto translates to, one
 * google.rpc.LocalizedMessage.
 *
 * @internal use GrpcError::toDetailsBin() and GrpcErrors::fromStatus()
 */
final class Wire
{
    public const ERROR_INFO_TYPE_URL = 'type.googleapis.com/google.rpc.ErrorInfo';
    public const LOCALIZED_MESSAGE_TYPE_URL = 'type.googleapis.com/google.rpc.LocalizedMessage';

    private function __construct()
    {
    }

    public static function encode(GrpcError $error): string
    {
        $details = [];
        if ($error->getReason() !== '') {
            $metadata = [];
            foreach ($error->getMetadata() as $key => $value) {
                $metadata[self::utf8((string) $key)] = self::utf8($value);
            }
            $info = (new ErrorInfo())
                ->setReason(self::utf8($error->getReason()))
                ->setDomain(self::utf8($error->getDomain()))
                ->setMetadata($metadata);
            $details[] = (new Any())
                ->setTypeUrl(self::ERROR_INFO_TYPE_URL)
                ->setValue(self::mapSafe(static fn (): string => $info->serializeToString()));
        }
        $localized = $error->getLocalized();
        if ($localized !== null) {
            $message = (new RpcLocalizedMessage())
                ->setLocale(self::utf8($localized->locale))
                ->setMessage(self::utf8($localized->message));
            $details[] = (new Any())
                ->setTypeUrl(self::LOCALIZED_MESSAGE_TYPE_URL)
                ->setValue($message->serializeToString());
        }
        return (new Status())
            ->setCode($error->getGrpcCode()->value)
            ->setMessage(self::utf8($error->getMessage()))
            ->setDetails($details)
            ->serializeToString();
    }

    /**
     * The error a status carries. The wire code and message always stand; an
     * undecodable Status gives no reason, an undecodable detail is skipped and
     * the next one read; detail types are matched by the name after the last
     * `/` of their type URL. Never throws.
     */
    public static function decode(Code $code, string $message, string $detailsBin): GrpcError
    {
        $info = null;
        $localized = null;
        foreach (self::details($detailsBin) as $any) {
            $url = $any->getTypeUrl();
            $type = substr($url, (int) strrpos('/' . $url, '/'));
            if ($type === 'google.rpc.ErrorInfo' && $info === null) {
                $info = self::parse(new ErrorInfo(), $any->getValue());
            } elseif ($type === 'google.rpc.LocalizedMessage' && $localized === null) {
                $localized = self::parse(new RpcLocalizedMessage(), $any->getValue());
            }
        }
        $metadata = [];
        if ($info !== null) {
            $entries = self::mapSafe(static fn (): \Traversable => $info->getMetadata()->getIterator());
            foreach ($entries as $key => $value) {
                $metadata[(string) $key] = (string) $value;
            }
        }
        return GrpcError::fromWire(
            $code,
            $message,
            $info?->getReason() ?? '',
            $info?->getDomain() ?? '',
            $metadata,
            $localized === null ? null : new LocalizedMessage($localized->getLocale(), $localized->getMessage()),
        );
    }

    /**
     * gRPC's percent-encoding of grpc-message: bytes outside printable ASCII, and `%`.
     */
    public static function percentEncode(string $message): string
    {
        return (string) preg_replace_callback(
            '/[^\x20-\x24\x26-\x7e]/',
            static fn (array $byte): string => sprintf('%%%02X', ord($byte[0])),
            $message,
        );
    }

    public static function percentDecode(string $message): string
    {
        return rawurldecode($message);
    }

    /**
     * @return list<Any>
     */
    private static function details(string $detailsBin): array
    {
        if ($detailsBin === '') {
            return [];
        }
        $status = self::parse(new Status(), $detailsBin);
        $details = [];
        foreach ($status?->getDetails() ?? [] as $any) {
            $details[] = $any;
        }
        return $details;
    }

    /**
     * @template T of \Google\Protobuf\Internal\Message
     *
     * @param T $message
     *
     * @return T|null
     */
    private static function parse(\Google\Protobuf\Internal\Message $message, string $bytes): ?object
    {
        try {
            $message->mergeFromString($bytes);
            return $message;
        } catch (\Throwable) {
            // Hostile or truncated bytes: the protobuf library throws
            // GPBDecodeException, or on some inputs a plain Exception or Error.
            return null;
        }
    }

    /**
     * Runs $work, which iterates a protobuf map field, without the deprecation
     * notice of protobuf 3.21's MapFieldIter constructor (it sets an
     * undeclared property, which PHP 8.2 reports as deprecated). Any other
     * notice goes to the error handler that was in place.
     *
     * @template R
     *
     * @param \Closure(): R $work
     *
     * @return R
     */
    private static function mapSafe(\Closure $work): mixed
    {
        $previous = null;
        $previous = set_error_handler(
            static function (int $level, string $message, string $file, int $line) use (&$previous): bool {
                if ($level === E_DEPRECATED && str_ends_with($file, 'MapFieldIter.php')) {
                    return true;
                }
                return $previous !== null && (bool) $previous($level, $message, $file, $line);
            },
        );
        try {
            return $work();
        } finally {
            restore_error_handler();
        }
    }

    private static function utf8(string $text): string
    {
        return preg_match('//u', $text) === 1 ? $text : mb_scrub($text, 'UTF-8');
    }
}
