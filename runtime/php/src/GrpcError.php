<?php

declare(strict_types=1);

namespace Protosmith\GrpcErrors;

/**
 * A gRPC error with a machine-readable identity: `(reason, domain)`.
 *
 * Values are immutable: every `with…()` method returns a new error, so an
 * error built from a registered definition never changes what the definition
 * says. getCode() is the numeric gRPC code, getGrpcCode() the same as a Code.
 */
final class GrpcError extends \RuntimeException
{
    /**
     * @param array<string, string> $metadata sorted by key
     * @param string|null $translation an i18n key of $definition, rendered when asked
     *                                 for, so metadata added afterwards still fills it
     */
    private function __construct(
        private readonly Code $grpcCode,
        private readonly string $reason,
        private readonly string $domain,
        string $message,
        private readonly array $metadata,
        private readonly ?ErrorDefinition $definition,
        private readonly ?string $translation,
        private readonly ?LocalizedMessage $given,
        ?\Throwable $previous,
    ) {
        parent::__construct($message, $grpcCode->value, $previous);
    }

    /**
     * An error that no proto declared; prefer generated factories. An empty
     * reason makes an error without identity: it is sent without ErrorInfo
     * and matches nothing.
     *
     * @param array<string, string> $metadata
     */
    public static function create(
        Code $code,
        string $reason,
        string $message,
        string $domain = '',
        array $metadata = [],
    ): self {
        return new self($code, $reason, $domain, $message, self::sorted($metadata), null, null, null, null);
    }

    /**
     * A new error carrying $definition's code, reason, domain and message
     * template as written; ErrorDefinition::toError() calls this.
     */
    public static function fromDefinition(ErrorDefinition $definition): self
    {
        return new self(
            $definition->code,
            $definition->reason,
            $definition->domain,
            $definition->message,
            [],
            $definition,
            null,
            null,
            null,
        );
    }

    /**
     * Rebuilds an error from its wire parts: a registered reason gives the
     * registered definition and its code, anything else keeps the wire code.
     *
     * @internal use GrpcErrors::fromStatus() or GrpcErrors::fromTrailers()
     *
     * @param array<string, string> $metadata
     */
    public static function fromWire(
        Code $code,
        string $message,
        string $reason,
        string $domain,
        array $metadata,
        ?LocalizedMessage $localized,
    ): self {
        $definition = Registry::lookup($domain, $reason);
        return new self(
            $definition !== null ? $definition->code : $code,
            $reason,
            $domain,
            $message,
            self::sorted($metadata),
            $definition,
            null,
            $localized,
            null,
        );
    }

    public function getGrpcCode(): Code
    {
        return $this->grpcCode;
    }

    /**
     * The reason; empty when the error came without one (a plain status).
     */
    public function getReason(): string
    {
        return $this->reason;
    }

    public function getDomain(): string
    {
        return $this->domain;
    }

    /**
     * ErrorInfo metadata: placeholder values and anything added with
     * withMetadata(), sorted by key.
     *
     * @return array<string, string>
     */
    public function getMetadata(): array
    {
        return $this->metadata;
    }

    /**
     * The definition this error was made from or, for a decoded wire error,
     * the registered definition its reason names.
     */
    public function getDefinition(): ?ErrorDefinition
    {
        return $this->definition;
    }

    /**
     * HTTP status for the code (google/rpc/code.proto mapping).
     */
    public function getHttpStatus(): int
    {
        return $this->grpcCode->httpStatus();
    }

    /**
     * errors.Is for gRPC: same reason and domain; code, message and metadata
     * are ignored. An error without a reason matches nothing, not even
     * another reason-less error.
     */
    public function is(self|ErrorDefinition $target): bool
    {
        return $this->reason !== '' && $this->reason === $target->reason && $this->domain === $target->domain;
    }

    /**
     * A copy with another message.
     */
    public function withMessage(string $message): self
    {
        return $this->copy(message: $message);
    }

    /**
     * A copy with one more metadata entry (an existing key is replaced, other keys are kept).
     */
    public function withMetadata(string $key, string $value): self
    {
        return $this->copy(metadata: self::sorted([$key => $value] + $this->metadata));
    }

    /**
     * A copy whose metadata holds $args and whose message is the definition's
     * template (or, without one, the current message) rendered with the
     * metadata. Generated factories with placeholders use this.
     *
     * @param array<string, string|int|float|\Stringable> $args
     */
    public function withArgs(array $args): self
    {
        $metadata = $this->metadata;
        foreach ($args as $key => $value) {
            $metadata[(string) $key] = (string) $value;
        }
        $metadata = self::sorted($metadata);
        $template = $this->definition !== null ? $this->definition->message : $this->getMessage();
        return $this->copy(message: Template::render($template, $metadata), metadata: $metadata);
    }

    /**
     * A copy with another domain (for hand-made errors; generated ones carry theirs).
     */
    public function withDomain(string $domain): self
    {
        return $this->copy(domain: $domain);
    }

    /**
     * A copy caused by $cause, reachable through getPrevious(). The cause
     * stays in this process: it is never put on the wire.
     */
    public function withCause(\Throwable $cause): self
    {
        return $this->copy(previous: $cause);
    }

    /**
     * A copy that carries, as AIP-193's LocalizedMessage, the proto's
     * translation best suited to $acceptLanguage (an Accept-Language value
     * such as `de-CH, de;q=0.9`; a single tag works too). Without a suitable
     * translation the error is returned as it was: the caller still gets the
     * message.
     */
    public function withLocale(string $acceptLanguage): self
    {
        $key = $this->definition === null
            ? null
            : Locale::negotiate($acceptLanguage, array_map('strval', array_keys($this->definition->i18n)));
        return $key === null ? $this : $this->copy(translation: $key, given: null, localize: true);
    }

    /**
     * A copy carrying $message as the translation for $locale, for errors
     * that no proto declared.
     */
    public function withLocalizedMessage(string $locale, string $message): self
    {
        return $this->copy(translation: null, given: new LocalizedMessage($locale, $message), localize: true);
    }

    /**
     * The message in exactly $language, rendered with this error's metadata,
     * if the proto gave a translation for it.
     */
    public function localizedMessage(string $language): ?string
    {
        $template = $this->definition?->translation($language);
        return $template === null ? null : Template::render($template, $this->metadata);
    }

    /**
     * The localized message this error carries on the wire, if one was chosen
     * with withLocale() or withLocalizedMessage(), or received from the peer.
     */
    public function getLocalized(): ?LocalizedMessage
    {
        if ($this->given !== null) {
            return $this->given;
        }
        $message = $this->translation === null ? null : $this->localizedMessage($this->translation);
        return $message === null ? null : new LocalizedMessage((string) $this->translation, $message);
    }

    /**
     * The serialized google.rpc.Status for the `grpc-status-details-bin`
     * trailer: an ErrorInfo when the error has a reason, then a
     * LocalizedMessage when it carries one. Deterministic: metadata is sorted.
     */
    public function toDetailsBin(): string
    {
        return Wire::encode($this);
    }

    /**
     * The three gRPC trailers that carry this error.
     *
     * @return array{'grpc-status': string, 'grpc-message': string, 'grpc-status-details-bin': string}
     */
    public function toTrailers(): array
    {
        return [
            'grpc-status' => (string) $this->grpcCode->value,
            'grpc-message' => Wire::percentEncode($this->getMessage()),
            'grpc-status-details-bin' => rtrim(base64_encode($this->toDetailsBin()), '='),
        ];
    }

    /**
     * @param array<array-key, string> $metadata
     *
     * @return array<string, string>
     */
    private static function sorted(array $metadata): array
    {
        $out = [];
        foreach ($metadata as $key => $value) {
            $out[(string) $key] = $value;
        }
        ksort($out, SORT_STRING);
        return $out;
    }

    /**
     * @param array<string, string>|null $metadata
     */
    private function copy(
        ?string $message = null,
        ?array $metadata = null,
        ?string $domain = null,
        ?\Throwable $previous = null,
        ?string $translation = null,
        ?LocalizedMessage $given = null,
        bool $localize = false,
    ): self {
        return new self(
            $this->grpcCode,
            $this->reason,
            $domain ?? $this->domain,
            $message ?? $this->getMessage(),
            $metadata ?? $this->metadata,
            $this->definition,
            $localize ? $translation : $this->translation,
            $localize ? $given : $this->given,
            $previous ?? $this->getPrevious(),
        );
    }
}
