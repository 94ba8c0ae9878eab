<?php

declare(strict_types=1);

namespace Protosmith\GrpcErrors;

use Google\Protobuf\Internal\Message;

/**
 * A small gRPC client for unary calls over ext-curl: HTTP/2 (cleartext with
 * prior knowledge, or TLS with ALPN), gRPC length-prefixed framing, metadata,
 * deadlines and trailers. It needs neither the grpc nor the protobuf C
 * extension, which most PHP hosts do not have.
 *
 * Every failure is a GrpcError: the server's status decoded with
 * GrpcErrors::fromTrailers() (so generated `is…()` checks work on it), or a
 * reason-less UNAVAILABLE, DEADLINE_EXCEEDED, INTERNAL... for transport and
 * protocol failures, as other gRPC clients report them.
 *
 * ```php
 * $client = new UnaryClient('127.0.0.1:50051');
 * $reply = $client->call('/acme.user.v1.UserService/GetUser', $request, GetUserResponse::class);
 * ```
 */
final class UnaryClient
{
    private const USER_AGENT = 'protosmith-grpc-errors-php/0.1';

    private readonly string $baseUrl;
    private readonly \CurlHandle $curl;

    /**
     * @param string $target          `host:port` (cleartext HTTP/2), or `http://host:port` / `https://host:port`
     * @param float  $connectTimeout  seconds to wait for the connection
     * @param int    $maxResponseSize largest response accepted, in bytes (gRPC's default: 4 MiB)
     * @param array<int, mixed> $curlOptions extra CURLOPT_* settings (TLS certificates, proxies...)
     */
    public function __construct(
        string $target,
        private readonly float $connectTimeout = 5.0,
        private readonly int $maxResponseSize = 4 * 1024 * 1024,
        private readonly array $curlOptions = [],
    ) {
        $this->baseUrl = rtrim(str_contains($target, '://') ? $target : 'http://' . $target, '/');
        // One handle for the client's lifetime, so libcurl can keep the
        // connection open between calls.
        $this->curl = curl_init();
    }

    /**
     * Calls $method (`/package.Service/Method`) with $request and returns the
     * response decoded as $responseClass.
     *
     * @template T of Message
     *
     * @param class-string<T> $responseClass
     * @param array<string, string|list<string>> $metadata request metadata; `-bin` keys
     *                                                      take raw bytes (sent base64)
     * @param float|null $timeout deadline in seconds, sent as grpc-timeout
     *
     * @return T
     *
     * @throws GrpcError when the call fails, whatever the reason
     * @throws \InvalidArgumentException for metadata that cannot be sent
     */
    public function call(
        string $method,
        Message $request,
        string $responseClass,
        array $metadata = [],
        ?float $timeout = null,
    ): Message {
        $payload = $request->serializeToString();
        $headers = [
            'content-type: application/grpc',
            'te: trailers',
            'user-agent: ' . self::USER_AGENT,
            // No curl defaults: gRPC has no use for them.
            'accept:',
            'expect:',
        ];
        if ($timeout !== null) {
            $headers[] = 'grpc-timeout: ' . self::grpcTimeout($timeout);
        }
        foreach (self::metadataHeaders($metadata) as $header) {
            $headers[] = $header;
        }

        $received = [];
        $body = '';
        $tooLarge = false;
        $tls = str_starts_with($this->baseUrl, 'https://');
        curl_reset($this->curl);
        $options = [
            CURLOPT_URL => $this->baseUrl . '/' . ltrim($method, '/'),
            CURLOPT_HTTP_VERSION => $tls ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE,
            CURLOPT_POST => true,
            CURLOPT_POSTFIELDS => pack('CN', 0, strlen($payload)) . $payload,
            CURLOPT_HTTPHEADER => $headers,
            CURLOPT_CONNECTTIMEOUT_MS => (int) ceil($this->connectTimeout * 1000),
            // libcurl before 8.0 fails every request after the first on a
            // reused prior-knowledge HTTP/2 connection ("Error in the HTTP2
            // framing layer", curl/curl#10634): one connection per call there.
            CURLOPT_FORBID_REUSE => !$tls && curl_version()['version_number'] < 0x080000,
            CURLOPT_HEADERFUNCTION => static function ($curl, string $line) use (&$received): int {
                $colon = strpos($line, ':');
                if ($colon !== false) {
                    $received[strtolower(trim(substr($line, 0, $colon)))][] = trim(substr($line, $colon + 1));
                }
                return strlen($line);
            },
            CURLOPT_WRITEFUNCTION => function ($curl, string $chunk) use (&$body, &$tooLarge): int {
                if (strlen($body) + strlen($chunk) > $this->maxResponseSize + 5) {
                    $tooLarge = true;
                    return 0;
                }
                $body .= $chunk;
                return strlen($chunk);
            },
        ];
        if ($timeout !== null) {
            $options[CURLOPT_TIMEOUT_MS] = max(1, (int) ceil($timeout * 1000));
        }
        curl_setopt_array($this->curl, $this->curlOptions + $options);

        // A server may reset the stream once it has answered (grpc-core does
        // when it rejects a call before reading the request): a status
        // received before the failure is the answer.
        if (curl_exec($this->curl) === false && !isset($received['grpc-status'])) {
            $reason = curl_error($this->curl);
            throw match (true) {
                $tooLarge => self::failure(Code::ResourceExhausted, "response over {$this->maxResponseSize} bytes"),
                curl_errno($this->curl) === CURLE_OPERATION_TIMEDOUT => self::failure(
                    Code::DeadlineExceeded,
                    "deadline exceeded: $reason",
                ),
                default => self::failure(Code::Unavailable, $reason),
            };
        }
        $httpStatus = (int) curl_getinfo($this->curl, CURLINFO_RESPONSE_CODE);
        return self::response($httpStatus, $received, $body, $responseClass);
    }

    /**
     * @template T of Message
     *
     * @param array<string, list<string>> $received headers and trailers
     * @param class-string<T> $responseClass
     *
     * @return T
     */
    private static function response(int $httpStatus, array $received, string $body, string $responseClass): Message
    {
        if (!isset($received['grpc-status'])) {
            $contentType = $received['content-type'][0] ?? '';
            if ($httpStatus !== 200 || !str_starts_with($contentType, 'application/grpc')) {
                throw self::failure(
                    self::codeForHttp($httpStatus),
                    sprintf('unexpected HTTP status %d (content-type "%s")', $httpStatus, $contentType),
                );
            }
            throw self::failure(Code::Internal, 'the server closed the stream without sending grpc-status');
        }
        $status = end($received['grpc-status']);
        if ($status !== '0') {
            throw GrpcErrors::fromTrailers($received);
        }
        if (strlen($body) < 5) {
            throw self::failure(Code::Internal, 'the server answered OK without a response message');
        }
        ['flag' => $flag, 'length' => $length] = unpack('Cflag/Nlength', $body);
        if ($flag !== 0) {
            throw self::failure(Code::Internal, 'compressed response, but no compression was offered');
        }
        if (strlen($body) !== 5 + $length) {
            throw self::failure(Code::Internal, 'a unary response must be exactly one message');
        }
        $response = new $responseClass();
        try {
            $response->mergeFromString(substr($body, 5));
        } catch (\Throwable $e) {
            throw self::failure(Code::Internal, 'undecodable response message: ' . $e->getMessage())->withCause($e);
        }
        return $response;
    }

    /**
     * @param array<string, string|list<string>> $metadata
     *
     * @return list<string>
     */
    private static function metadataHeaders(array $metadata): array
    {
        $headers = [];
        foreach ($metadata as $key => $values) {
            $key = strtolower((string) $key);
            if (preg_match('/^[0-9a-z_.\-]+$/', $key) !== 1 || str_starts_with($key, 'grpc-')) {
                throw new \InvalidArgumentException(sprintf('metadata key "%s" cannot be sent', $key));
            }
            foreach (is_array($values) ? $values : [$values] as $value) {
                if (str_ends_with($key, '-bin')) {
                    $value = rtrim(base64_encode($value), '=');
                } elseif (preg_match('/^[\x20-\x7e]*$/', $value) !== 1) {
                    throw new \InvalidArgumentException(
                        sprintf('metadata "%s" must be printable ASCII (or use a -bin key)', $key),
                    );
                }
                $headers[] = $key . ': ' . $value;
            }
        }
        return $headers;
    }

    /**
     * grpc-timeout: at most 8 digits and a unit.
     */
    private static function grpcTimeout(float $seconds): string
    {
        $milliseconds = max(1, (int) ceil($seconds * 1000));
        return $milliseconds <= 99_999_999 ? $milliseconds . 'm' : min(99_999_999, (int) ceil($seconds)) . 'S';
    }

    /**
     * The gRPC code for an HTTP status that came without grpc-status
     * (gRPC's http-grpc-status-mapping.md).
     */
    private static function codeForHttp(int $httpStatus): Code
    {
        return match ($httpStatus) {
            400 => Code::Internal,
            401 => Code::Unauthenticated,
            403 => Code::PermissionDenied,
            404 => Code::Unimplemented,
            429, 502, 503, 504 => Code::Unavailable,
            default => Code::Unknown,
        };
    }

    private static function failure(Code $code, string $message): GrpcError
    {
        return GrpcError::create($code, '', $message);
    }
}
