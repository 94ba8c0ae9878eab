package dev.protosmith.grpcerrors;

import com.google.rpc.LocalizedMessage;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A gRPC error with a machine-readable identity: {@code (reason, domain)}.
 *
 * <p>Values are immutable: every {@code with*} method returns a new error, so an error made from a
 * registered {@link ErrorDefinition} never changes what the definition says. {@link
 * #is(ErrorDefinition)} compares reason and domain only; an error without a reason matches nothing,
 * not even another reason-less error.
 *
 * <p>On the wire ({@link #toStatusRuntimeException()}) it is a {@code google.rpc.Status} with one
 * {@code google.rpc.ErrorInfo} (reason, domain, metadata) and, when a translation was chosen with
 * {@link #withLocale(String)}, a {@code google.rpc.LocalizedMessage}. The cause stays in this
 * process: it is never sent.
 */
public final class GrpcError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Status.Code code;
  private final String reason;
  private final String domain;
  private final String message;
  private final SortedMap<String, String> metadata;
  private final transient ErrorDefinition definition;

  /** A translation key of the definition, rendered when asked for; or null. */
  private final String translationKey;

  /** A finished localized message, set by hand or received from the wire; or null. */
  private final transient LocalizedMessage givenLocalized;

  private GrpcError(
      Status.Code code,
      String reason,
      String domain,
      String message,
      SortedMap<String, String> metadata,
      ErrorDefinition definition,
      String translationKey,
      LocalizedMessage givenLocalized,
      Throwable cause) {
    super(message, cause);
    this.code = code;
    this.reason = reason;
    this.domain = domain;
    this.message = message;
    this.metadata = metadata;
    this.definition = definition;
    this.translationKey = translationKey;
    this.givenLocalized = givenLocalized;
  }

  /**
   * An error that no proto declared; prefer generated factories.
   *
   * @param code the gRPC code; not {@code OK}
   * @param reason the reason; empty for an error with no identity (sent without ErrorInfo)
   * @param message the message
   * @return the error, with an empty domain and no metadata
   */
  public static GrpcError of(Status.Code code, String reason, String message) {
    Objects.requireNonNull(code, "code");
    if (code == Status.Code.OK) {
      throw new IllegalArgumentException("OK is not an error code");
    }
    return new GrpcError(
        code,
        Objects.requireNonNull(reason, "reason"),
        "",
        Objects.requireNonNull(message, "message"),
        Collections.emptySortedMap(),
        null,
        null,
        null,
        null);
  }

  static GrpcError fromDefinition(ErrorDefinition definition, TreeMap<String, String> metadata) {
    return new GrpcError(
        definition.code(),
        definition.reason(),
        definition.domain(),
        Templates.render(definition.message(), metadata),
        Collections.unmodifiableSortedMap(metadata),
        definition,
        null,
        null,
        null);
  }

  /**
   * Rebuilds an error from its wire parts, attaching the registered definition (and its code) when
   * the reason is registered.
   */
  static GrpcError fromWire(
      Status.Code code,
      String message,
      String reason,
      String domain,
      Map<String, String> metadata,
      LocalizedMessage localized,
      Throwable cause) {
    ErrorDefinition definition =
        reason.isEmpty() ? null : ErrorRegistry.lookup(domain, reason).orElse(null);
    return new GrpcError(
        definition != null ? definition.code() : code,
        reason,
        domain,
        message,
        Collections.unmodifiableSortedMap(new TreeMap<>(metadata)),
        definition,
        null,
        localized,
        cause);
  }

  private GrpcError copy(
      String message,
      String domain,
      SortedMap<String, String> metadata,
      String translationKey,
      LocalizedMessage givenLocalized,
      Throwable cause) {
    return new GrpcError(
        code, reason, domain, message, metadata, definition, translationKey, givenLocalized, cause);
  }

  /**
   * The gRPC code.
   *
   * @return the code; for a decoded error with a registered reason, the registered code
   */
  public Status.Code code() {
    return code;
  }

  /**
   * The reason.
   *
   * @return the reason; empty when the error came without one (a plain status)
   */
  public String reason() {
    return reason;
  }

  /**
   * The ErrorInfo domain.
   *
   * @return the domain; empty for ego-style reasons
   */
  public String domain() {
    return domain;
  }

  /**
   * The message, in the language the proto declared it in, whatever the caller's language.
   *
   * @return the message
   */
  public String message() {
    return message;
  }

  /**
   * The ErrorInfo metadata: the values of the message placeholders under their names, plus whatever
   * {@link #withMetadata(String, String)} added.
   *
   * @return an unmodifiable map, sorted by key
   */
  public SortedMap<String, String> metadata() {
    return metadata;
  }

  /**
   * The definition this error was made from or, for a decoded wire error, the registered definition
   * its reason names.
   *
   * @return the definition, or empty for hand-made errors and unregistered reasons
   */
  public Optional<ErrorDefinition> definition() {
    return Optional.ofNullable(definition);
  }

  /**
   * The HTTP status of the code, from {@code google/rpc/code.proto}.
   *
   * @return the HTTP status
   */
  public int httpStatus() {
    return GrpcErrors.httpStatus(code);
  }

  /**
   * {@code errors.Is} for gRPC: same reason and domain. Code, message and metadata are ignored. An
   * error without a reason matches nothing, not even another reason-less error, so "expected no
   * specific error" never passes by accident.
   *
   * @param target the error to compare with
   * @return whether both have the same non-empty reason and the same domain
   */
  public boolean is(GrpcError target) {
    return target != null
        && !reason.isEmpty()
        && reason.equals(target.reason)
        && domain.equals(target.domain);
  }

  /**
   * Whether this error is an instance of {@code definition}: same reason and domain.
   *
   * @param definition a (generated) definition
   * @return whether the reason and domain are the definition's
   */
  public boolean is(ErrorDefinition definition) {
    return definition != null
        && !reason.isEmpty()
        && reason.equals(definition.reason())
        && domain.equals(definition.domain());
  }

  /**
   * A copy with another message.
   *
   * @param message the new message
   * @return the copy
   */
  public GrpcError withMessage(String message) {
    Objects.requireNonNull(message, "message");
    return copy(message, domain, metadata, translationKey, givenLocalized, getCause());
  }

  /**
   * A copy with another domain (for hand-made errors; generated ones carry theirs).
   *
   * @param domain the new domain
   * @return the copy
   */
  public GrpcError withDomain(String domain) {
    Objects.requireNonNull(domain, "domain");
    return copy(message, domain, metadata, translationKey, givenLocalized, getCause());
  }

  /**
   * A copy with one more metadata entry; an existing key is replaced, other keys are kept.
   *
   * @param key the metadata key
   * @param value the value
   * @return the copy
   */
  public GrpcError withMetadata(String key, String value) {
    return withMetadata(Map.of(key, value));
  }

  /**
   * A copy with more metadata entries; existing keys are replaced, other keys are kept.
   *
   * @param entries the entries to add
   * @return the copy
   */
  public GrpcError withMetadata(Map<String, String> entries) {
    TreeMap<String, String> merged = new TreeMap<>(metadata);
    entries.forEach(
        (key, value) ->
            merged.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, key)));
    return copy(
        message,
        domain,
        Collections.unmodifiableSortedMap(merged),
        translationKey,
        givenLocalized,
        getCause());
  }

  /**
   * A copy carrying {@code cause}, reachable through {@link #getCause()}. The cause stays in this
   * process: it is never put on the wire.
   *
   * @param cause the cause
   * @return the copy
   */
  public GrpcError withCause(Throwable cause) {
    return copy(message, domain, metadata, translationKey, givenLocalized, cause);
  }

  /**
   * A copy that carries, as AIP-193's {@code LocalizedMessage}, the proto's translation best suited
   * to {@code acceptLanguage} (see {@link AcceptLanguage#negotiate}). Without a suitable
   * translation the error is returned as it was: the caller still gets the message. {@link
   * GrpcErrorInterceptor} does this with the request's {@code accept-language}.
   *
   * @param acceptLanguage an {@code Accept-Language} value such as {@code de-CH, de;q=0.9}
   * @return the copy, or this error when no translation fits
   */
  public GrpcError withLocale(String acceptLanguage) {
    if (definition == null || acceptLanguage == null) {
      return this;
    }
    return AcceptLanguage.negotiate(acceptLanguage, definition.translations().keySet())
        .map(key -> copy(message, domain, metadata, key, null, getCause()))
        .orElse(this);
  }

  /**
   * {@link #withLocale(String)} with the languages of a request: every {@code accept-language}
   * value of {@code headers}, in order. For handlers that send errors without {@link
   * GrpcErrorInterceptor}, which does this itself.
   *
   * @param headers the request headers
   * @return the copy, or this error when the caller sent no languages or no translation fits
   */
  public GrpcError withLocaleFrom(Metadata headers) {
    String acceptLanguage = GrpcErrors.acceptLanguage(headers);
    return acceptLanguage.isEmpty() ? this : withLocale(acceptLanguage);
  }

  /**
   * A copy carrying {@code message} as the translation for {@code locale}, for errors that no proto
   * declared.
   *
   * @param locale the locale, e.g. {@code de}
   * @param message the translated message
   * @return the copy
   */
  public GrpcError withLocalizedMessage(String locale, String message) {
    LocalizedMessage localized =
        LocalizedMessage.newBuilder().setLocale(locale).setMessage(message).build();
    return copy(this.message, domain, metadata, null, localized, getCause());
  }

  /**
   * The localized message this error carries on the wire: chosen with {@link #withLocale(String)},
   * or received from the peer.
   *
   * @return the localized message, or empty
   */
  public Optional<LocalizedMessage> localized() {
    if (givenLocalized != null) {
      return Optional.of(givenLocalized);
    }
    if (translationKey == null) {
      return Optional.empty();
    }
    return localizedMessage(translationKey)
        .map(
            text ->
                LocalizedMessage.newBuilder().setLocale(translationKey).setMessage(text).build());
  }

  /**
   * The message in one of the proto's translations, rendered with this error's metadata. Works on
   * decoded errors too when their reason is registered locally.
   *
   * @param key a translation key exactly as the proto wrote it, e.g. {@code zh}
   * @return the translated message, or empty when the proto gave none for that key
   */
  public Optional<String> localizedMessage(String key) {
    if (definition == null) {
      return Optional.empty();
    }
    return definition.translation(key).map(template -> Templates.render(template, metadata));
  }

  /**
   * The {@code google.rpc.Status} this error is sent as.
   *
   * @return the status, with ErrorInfo when the error has a reason, then LocalizedMessage when it
   *     carries one
   */
  public com.google.rpc.Status toStatusProto() {
    return Wire.toStatusProto(this);
  }

  /**
   * The gRPC status: code and message, with this error as its (local, never sent) cause.
   *
   * @return the status
   */
  public Status toStatus() {
    return Status.fromCode(code).withDescription(message).withCause(this);
  }

  /**
   * Trailers carrying this error's {@code grpc-status-details-bin}.
   *
   * @return new trailers
   */
  public Metadata toTrailers() {
    Metadata trailers = new Metadata();
    trailers.put(Wire.DETAILS_KEY, Wire.toDetailsBytes(this));
    return trailers;
  }

  /**
   * This error as the exception gRPC sends: {@code responseObserver.onError(...)} or throw it.
   *
   * @return the exception, with the status details in its trailers
   */
  public StatusRuntimeException toStatusRuntimeException() {
    return toStatus().asRuntimeException(toTrailers());
  }

  /**
   * This error as gRPC's checked exception.
   *
   * @return the exception, with the status details in its trailers
   */
  public StatusException toStatusException() {
    return toStatus().asException(toTrailers());
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("GrpcError: ").append(code).append(": ").append(message);
    if (!reason.isEmpty()) {
      text.append(" (reason ").append(reason);
      if (!domain.isEmpty()) {
        text.append(", domain ").append(domain);
      }
      text.append(')');
    }
    return text.toString();
  }
}
