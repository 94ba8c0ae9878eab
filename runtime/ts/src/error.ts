/**
 * The error value services throw and clients compare, and the definitions
 * generated code declares.
 *
 * @module
 */

import {
  type Code,
  type CodeName,
  codeName,
  httpStatus,
  toCode,
} from "./code.js";
import { type LocalizedMessage, negotiateLocale } from "./locale.js";
import { registerError } from "./registry.js";
import { renderTemplate } from "./template.js";

/** A value for a message placeholder; it is sent as its string form. */
export type TemplateValue = string | number | bigint | boolean;

/** Metadata of an error: ErrorInfo's string map. */
export type ErrorMetadata = Readonly<Record<string, string>>;

/** What protoc-gen-errors knows about one error value of a proto enum. */
export interface ErrorDefInit {
  /** The gRPC code sent with the error. */
  readonly code: Code;
  /** Unique reason: `acme.user.v1.USER_ERROR_NOT_FOUND` (ego) or `USER_ERROR_NOT_FOUND` (AIP-193). */
  readonly reason: string;
  /** ErrorInfo domain; empty for ego-style reasons, which are unique on their own. */
  readonly domain: string;
  /** Message template; `{name}` placeholders are filled from metadata. */
  readonly message: string;
  /** Placeholders of the message template, in order of first appearance. */
  readonly placeholders: readonly string[];
  /** Translations of the message template by `@i18n` key (`de`, `zh-TW`, `cn`), in key order. */
  readonly i18n: Readonly<Record<string, string>>;
  /** Full name of the proto enum value: `acme.user.v1.USER_ERROR_NOT_FOUND`. */
  readonly protoName: string;
  /** Number of the proto enum value. */
  readonly number: number;
}

/**
 * One error as declared in a .proto file. Made (and registered) by
 * {@link defineError}; immutable. A {@link GrpcError} made from it, or
 * decoded from the wire with its reason, points back to it.
 */
export class ErrorDef implements ErrorDefInit {
  readonly code: Code;
  readonly reason: string;
  readonly domain: string;
  readonly message: string;
  readonly placeholders: readonly string[];
  readonly i18n: Readonly<Record<string, string>>;
  readonly protoName: string;
  readonly number: number;

  /** Use {@link defineError}, which also registers the definition. */
  constructor(init: ErrorDefInit) {
    this.code = toCode(init.code);
    this.reason = init.reason;
    this.domain = init.domain;
    this.message = init.message;
    this.placeholders = Object.freeze([...init.placeholders]);
    this.i18n = frozenRecord(init.i18n);
    this.protoName = init.protoName;
    this.number = init.number;
    Object.freeze(this);
  }

  /** HTTP status for this definition's code (google/rpc/code.proto mapping). */
  get httpStatus(): number {
    return httpStatus(this.code);
  }

  /** The message template for exactly `locale` (an `@i18n` key), if the proto gave one. */
  translation(locale: string): string | undefined {
    return Object.hasOwn(this.i18n, locale) ? this.i18n[locale] : undefined;
  }

  /**
   * A new error of this definition: its code, reason and domain, the message
   * template rendered with `args`, and each argument as metadata under its
   * placeholder's name.
   */
  toError(args: Readonly<Record<string, TemplateValue>> = {}): GrpcError {
    return fromDefinition(this).withArgs(args);
  }

  /** Whether `error` is a {@link GrpcError} with this reason and domain. */
  matches(error: unknown): error is GrpcError {
    return error instanceof GrpcError && error.is(this);
  }
}

/**
 * Declares (and registers) one error of a proto enum. Generated code calls it
 * once per enum value at module evaluation, so importing a generated module
 * is all it takes for {@link fromError} to recognize its reasons.
 */
export function defineError(init: ErrorDefInit): ErrorDef {
  const def = new ErrorDef(init);
  registerError(def);
  return def;
}

/** How {@link GrpcError} is built by hand; prefer generated factories. */
export interface GrpcErrorInit {
  /** The gRPC code; numbers outside 0..16 become `UNKNOWN`. */
  readonly code: Code | number;
  /** The message: sent as `grpc-message` and `google.rpc.Status.message`. */
  readonly message: string;
  /** The ErrorInfo reason; empty (the default) sends no ErrorInfo. */
  readonly reason?: string;
  /** The ErrorInfo domain. */
  readonly domain?: string;
  /** ErrorInfo metadata. */
  readonly metadata?: ErrorMetadata;
  /** A cause kept in this process (`error.cause`); never sent. */
  readonly cause?: unknown;
}

type Localization =
  /** A translation key of the definition, rendered when asked for, so metadata added afterwards still fills it. */
  | { readonly key: string }
  /** A finished message: set by hand or received from the wire. */
  | { readonly given: LocalizedMessage };

let fromDefinition: (def: ErrorDef) => GrpcError;

/**
 * A gRPC error with a machine-readable identity: `(reason, domain)`.
 *
 * Values are immutable: every `with*` method returns a new error, so an error
 * made from a registered definition never changes what the definition says.
 * Compare errors with {@link GrpcError.is}, never by message.
 */
export class GrpcError extends Error {
  override readonly name = "GrpcError";
  /** The gRPC code. */
  readonly code: Code;
  /** The reason; empty when the error came without one (a plain status). */
  readonly reason: string;
  /** The ErrorInfo domain. */
  readonly domain: string;
  /** ErrorInfo metadata: placeholder values and whatever `withMetadata` added. Frozen. */
  readonly metadata: ErrorMetadata;
  #definition: ErrorDef | undefined;
  #localization: Localization | undefined;

  static {
    fromDefinition = (def) => {
      const error = new GrpcError({
        code: def.code,
        reason: def.reason,
        domain: def.domain,
        message: def.message,
      });
      error.#definition = def;
      return error;
    };
  }

  /** An error that no proto declared; prefer generated factories. */
  constructor(init: GrpcErrorInit) {
    super(init.message, "cause" in init ? { cause: init.cause } : undefined);
    this.code = toCode(init.code);
    this.reason = init.reason ?? "";
    this.domain = init.domain ?? "";
    this.metadata = frozenRecord(init.metadata ?? {});
  }

  /** The canonical name of the code (`NOT_FOUND`). */
  get codeName(): CodeName {
    return codeName(this.code);
  }

  /** HTTP status for the code (google/rpc/code.proto mapping). */
  get httpStatus(): number {
    return httpStatus(this.code);
  }

  /**
   * The definition this error was made from or, for a decoded wire error,
   * the registered definition its reason names.
   */
  get definition(): ErrorDef | undefined {
    return this.#definition;
  }

  /**
   * errors.Is for gRPC: same reason and domain. Code, message and metadata
   * are ignored. An error without a reason matches nothing, not even another
   * reason-less error, so "expected no specific error" never passes by accident.
   */
  is(target: GrpcError | ErrorDef): boolean {
    return (
      this.reason !== "" &&
      this.reason === target.reason &&
      this.domain === target.domain
    );
  }

  /** A copy with another message. */
  withMessage(message: string): GrpcError {
    return this.#copy({ message });
  }

  /** A copy with more metadata (existing keys are replaced, others kept). */
  withMetadata(entries: ErrorMetadata): GrpcError {
    return this.#copy({ metadata: { ...this.metadata, ...entries } });
  }

  /**
   * A copy whose metadata also holds `args` and whose message is the
   * definition's template (or, without one, the current message) rendered
   * with all its metadata. Generated factories use this.
   */
  withArgs(args: Readonly<Record<string, TemplateValue>>): GrpcError {
    const metadata: Record<string, string> = Object.assign(
      Object.create(null),
      this.metadata,
    );
    for (const [key, value] of Object.entries(args)) {
      metadata[key] = String(value);
    }
    const template = this.#definition?.message ?? this.message;
    return this.#copy({
      metadata,
      message: renderTemplate(template, metadata),
    });
  }

  /** A copy with another domain (for hand-made errors; generated ones carry theirs). */
  withDomain(domain: string): GrpcError {
    return this.#copy({ domain });
  }

  /** A copy carrying `cause` as `error.cause`. The cause never goes on the wire. */
  withCause(cause: unknown): GrpcError {
    return this.#copy({ cause });
  }

  /**
   * A copy that carries, as AIP-193's `LocalizedMessage`, the proto's
   * translation best suited to `acceptLanguage` (an `Accept-Language` value
   * such as `de-CH, de;q=0.9`; several values are joined). Without a suitable
   * translation the error is returned as it was: the caller still gets the
   * message.
   */
  withLocale(
    acceptLanguage: string | readonly string[] | undefined,
  ): GrpcError {
    const header =
      typeof acceptLanguage === "string"
        ? acceptLanguage
        : (acceptLanguage ?? []).join(",");
    const def = this.#definition;
    const key = def && negotiateLocale(header, Object.keys(def.i18n));
    return key === undefined ? this : this.#copy({}, { key });
  }

  /** A copy carrying `message` as the translation for `locale`, for errors no proto declared. */
  withLocalizedMessage(locale: string, message: string): GrpcError {
    return this.#copy({}, { given: { locale, message } });
  }

  /**
   * The message in exactly `locale` (an `@i18n` key), rendered with this
   * error's metadata, if the proto gave a translation for it.
   */
  localizedMessage(locale: string): string | undefined {
    const text = this.#definition?.translation(locale);
    return text === undefined ? undefined : renderTemplate(text, this.metadata);
  }

  /**
   * The localized message this error carries on the wire, if one was chosen
   * with {@link GrpcError.withLocale} or received from the peer.
   */
  get localized(): LocalizedMessage | undefined {
    const localization = this.#localization;
    if (localization === undefined) {
      return undefined;
    }
    if ("given" in localization) {
      return localization.given;
    }
    const message = this.localizedMessage(localization.key);
    return message === undefined
      ? undefined
      : { locale: localization.key, message };
  }

  /** `NOT_FOUND: user u-1 not found (reason acme.user.v1.USER_ERROR_NOT_FOUND)`. */
  override toString(): string {
    let text = `${this.codeName}: ${this.message}`;
    if (this.reason !== "") {
      text += ` (reason ${this.reason}`;
      text += this.domain === "" ? ")" : `, domain ${this.domain})`;
    }
    return text;
  }

  /** The fields that identify and describe the error, for logs and JSON. */
  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      codeName: this.codeName,
      reason: this.reason,
      domain: this.domain,
      message: this.message,
      metadata: { ...this.metadata },
      localized: this.localized,
    };
  }

  #copy(
    patch: Partial<GrpcErrorInit>,
    localization: Localization | undefined = this.#localization,
  ): GrpcError {
    const init: GrpcErrorInit = {
      code: this.code,
      message: this.message,
      reason: this.reason,
      domain: this.domain,
      metadata: this.metadata,
      ...("cause" in this ? { cause: this.cause } : {}),
      ...patch,
    };
    const copy = new GrpcError(init);
    copy.#definition = this.#definition;
    copy.#localization = localization;
    return copy;
  }
}

/**
 * A frozen copy of the string entries of `entries`, in key order, with a null
 * prototype: keys such as "__proto__" or "constructor" (from the wire, say)
 * are plain entries, never inherited members.
 */
function frozenRecord(
  entries: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> {
  const record: Record<string, string> = Object.create(null);
  for (const key of Object.keys(entries).sort()) {
    const value = entries[key];
    if (typeof value === "string") {
      record[key] = value;
    }
  }
  return Object.freeze(record);
}
