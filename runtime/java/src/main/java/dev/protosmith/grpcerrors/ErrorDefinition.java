package dev.protosmith.grpcerrors;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One error as declared in a .proto file: what protoc-gen-errors knows at generation time.
 *
 * <p>Definitions are immutable; generated code holds one per enum value in a {@code public static
 * final} field and registers it with {@link ErrorRegistry}. {@link #newError(String...)} makes a
 * {@link GrpcError} from it; the definition itself never changes.
 */
public final class ErrorDefinition {
  private final Status.Code code;
  private final String reason;
  private final String domain;
  private final String message;
  private final List<String> placeholders;
  private final SortedMap<String, String> translations;
  private final String protoName;
  private final int number;

  private ErrorDefinition(Builder builder) {
    this.code = builder.code;
    this.reason = builder.reason;
    this.domain = builder.domain;
    this.message = builder.message != null ? builder.message : builder.reason;
    this.placeholders = List.copyOf(builder.placeholders);
    this.translations = Collections.unmodifiableSortedMap(new TreeMap<>(builder.translations));
    this.protoName = builder.protoName != null ? builder.protoName : builder.reason;
    this.number = builder.number;
  }

  /**
   * Starts a definition; generated code is its user.
   *
   * @param reason the unique reason, e.g. {@code acme.user.v1.USER_ERROR_NOT_FOUND}
   * @param code the gRPC code the error is sent with; not {@code OK}
   * @return a builder
   */
  public static Builder builder(String reason, Status.Code code) {
    return new Builder(reason, code);
  }

  /**
   * The gRPC code sent with the error.
   *
   * @return the code
   */
  public Status.Code code() {
    return code;
  }

  /**
   * The unique reason: ego style {@code acme.user.v1.USER_ERROR_NOT_FOUND} or AIP-193 style {@code
   * USER_ERROR_NOT_FOUND}.
   *
   * @return the reason, never empty
   */
  public String reason() {
    return reason;
  }

  /**
   * The ErrorInfo domain.
   *
   * @return the domain; empty for ego-style reasons, which are unique on their own
   */
  public String domain() {
    return domain;
  }

  /**
   * The message template; {@code {name}} placeholders are filled from the error's arguments.
   *
   * @return the template as declared
   */
  public String message() {
    return message;
  }

  /**
   * The placeholders of the message template, in order of first appearance.
   *
   * @return the placeholder names, also the ErrorInfo metadata keys of their values
   */
  public List<String> placeholders() {
    return placeholders;
  }

  /**
   * The translations of the message template, by the key the proto gave them.
   *
   * @return the translations, sorted by key
   */
  public SortedMap<String, String> translations() {
    return translations;
  }

  /**
   * The translated template for one key.
   *
   * @param key a translation key exactly as the proto wrote it, e.g. {@code zh}
   * @return the template, or empty when the proto gave none for that key
   */
  public Optional<String> translation(String key) {
    return Optional.ofNullable(translations.get(key));
  }

  /**
   * The full name of the proto enum value.
   *
   * @return e.g. {@code acme.order.v1.Payment.ERROR_CARD_DECLINED}
   */
  public String protoName() {
    return protoName;
  }

  /**
   * The number of the proto enum value.
   *
   * @return the number
   */
  public int number() {
    return number;
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
   * A new error of this definition: the values fill the placeholders, in {@link #placeholders()}
   * order, and are also its metadata under the placeholders' names. A {@code null} value is sent as
   * {@code "null"}, as string concatenation would.
   *
   * @param values one value per placeholder
   * @return the error
   * @throws IllegalArgumentException when the number of values is not the number of placeholders
   */
  public GrpcError newError(String... values) {
    if (values.length != placeholders.size()) {
      throw new IllegalArgumentException(
          reason + " takes " + placeholders.size() + " values, got " + values.length);
    }
    TreeMap<String, String> metadata = new TreeMap<>();
    for (int i = 0; i < values.length; i++) {
      metadata.put(placeholders.get(i), String.valueOf(values[i]));
    }
    return GrpcError.fromDefinition(this, metadata);
  }

  /**
   * A new error of this definition with the placeholder values given by name: each entry becomes
   * metadata, and the message template is rendered with them. For callers that only know the
   * arguments at run time; generated factories use {@link #newError(String...)}.
   *
   * @param arguments placeholder values by name
   * @return the error
   */
  public GrpcError newError(Map<String, String> arguments) {
    TreeMap<String, String> metadata = new TreeMap<>();
    arguments.forEach((key, value) -> metadata.put(key, String.valueOf(value)));
    return GrpcError.fromDefinition(this, metadata);
  }

  /**
   * Whether {@code error}, or the gRPC error found in its causes, has this definition's reason and
   * domain. Code, message and metadata are ignored.
   *
   * @param error any throwable, typically a {@link io.grpc.StatusRuntimeException}
   * @return whether it is an instance of this definition
   */
  public boolean matches(Throwable error) {
    return error != null && GrpcErrors.from(error).is(this);
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    return other instanceof ErrorDefinition that
        && code == that.code
        && number == that.number
        && reason.equals(that.reason)
        && domain.equals(that.domain)
        && message.equals(that.message)
        && placeholders.equals(that.placeholders)
        && translations.equals(that.translations)
        && protoName.equals(that.protoName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        code, reason, domain, message, placeholders, translations, protoName, number);
  }

  @Override
  public String toString() {
    return "ErrorDefinition{"
        + protoName
        + ": "
        + code
        + ", reason "
        + reason
        + (domain.isEmpty() ? "" : ", domain " + domain)
        + "}";
  }

  /** Builds an {@link ErrorDefinition}; generated code calls it once per enum value. */
  public static final class Builder {
    private final String reason;
    private final Status.Code code;
    private String domain = "";
    private String message;
    private final List<String> placeholders = new ArrayList<>();
    private final TreeMap<String, String> translations = new TreeMap<>();
    private String protoName;
    private int number;

    private Builder(String reason, Status.Code code) {
      this.reason = Objects.requireNonNull(reason, "reason");
      this.code = Objects.requireNonNull(code, "code");
      if (reason.isEmpty()) {
        throw new IllegalArgumentException("an error definition needs a reason");
      }
      if (code == Status.Code.OK) {
        throw new IllegalArgumentException(reason + ": OK is not an error code");
      }
    }

    /**
     * Sets the ErrorInfo domain (default: empty).
     *
     * @param domain the domain
     * @return this builder
     */
    public Builder domain(String domain) {
      this.domain = Objects.requireNonNull(domain, "domain");
      return this;
    }

    /**
     * Sets the message template (default: the reason).
     *
     * @param message the template
     * @return this builder
     */
    public Builder message(String message) {
      this.message = Objects.requireNonNull(message, "message");
      return this;
    }

    /**
     * Sets the placeholders of the message template, in order of first appearance.
     *
     * @param names the placeholder names
     * @return this builder
     */
    public Builder placeholders(String... names) {
      placeholders.clear();
      placeholders.addAll(List.of(names));
      return this;
    }

    /**
     * Adds a translation of the message template.
     *
     * @param key the key as the proto wrote it after {@code @i18n.}, e.g. {@code zh}
     * @param template the translated template
     * @return this builder
     */
    public Builder translation(String key, String template) {
      translations.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(template, key));
      return this;
    }

    /**
     * Sets the full name of the proto enum value (default: the reason).
     *
     * @param protoName e.g. {@code acme.user.v1.USER_ERROR_NOT_FOUND}
     * @return this builder
     */
    public Builder protoName(String protoName) {
      this.protoName = Objects.requireNonNull(protoName, "protoName");
      return this;
    }

    /**
     * Sets the number of the proto enum value.
     *
     * @param number the number
     * @return this builder
     */
    public Builder number(int number) {
      this.number = number;
      return this;
    }

    /**
     * The definition.
     *
     * @return an immutable definition
     */
    public ErrorDefinition build() {
      return new ErrorDefinition(this);
    }
  }
}
