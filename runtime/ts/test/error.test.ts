import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  Code,
  ErrorDef,
  GrpcError,
  defineError,
  duplicateErrors,
  fromError,
  lookupError,
  registeredErrors,
} from "../src/index.js";

const NOT_FOUND = defineError({
  code: Code.NOT_FOUND,
  reason: "test.v1.TEST_ERROR_NOT_FOUND",
  domain: "",
  message: "user {user_id} not found",
  placeholders: ["user_id"],
  i18n: {
    de: "Benutzer {user_id} nicht gefunden",
    zh: "用户 {user_id} 不存在",
  },
  protoName: "test.v1.TEST_ERROR_NOT_FOUND",
  number: 1,
});

const TAKEN = defineError({
  code: Code.ALREADY_EXISTS,
  reason: "TAKEN",
  domain: "test.example",
  message: "TAKEN",
  placeholders: [],
  i18n: {},
  protoName: "test.v1.TAKEN",
  number: 2,
});

describe("ErrorDef", () => {
  it("is frozen, registered, and makes errors", () => {
    assert.ok(Object.isFrozen(NOT_FOUND));
    assert.ok(Object.isFrozen(NOT_FOUND.i18n));
    assert.ok(Object.isFrozen(NOT_FOUND.placeholders));
    assert.equal(lookupError("test.v1.TEST_ERROR_NOT_FOUND"), NOT_FOUND);
    assert.equal(lookupError("TAKEN", "test.example"), TAKEN);
    assert.equal(lookupError("TAKEN"), undefined);
    assert.equal(lookupError(""), undefined);
    assert.deepEqual(registeredErrors(), [NOT_FOUND, TAKEN]);
    assert.equal(NOT_FOUND.httpStatus, 404);
    assert.equal(
      NOT_FOUND.translation("de"),
      "Benutzer {user_id} nicht gefunden",
    );
    assert.equal(NOT_FOUND.translation("de-AT"), undefined);
    assert.equal(NOT_FOUND.translation("toString"), undefined);

    const error = NOT_FOUND.toError({ user_id: 42 });
    assert.ok(error instanceof GrpcError);
    assert.ok(error instanceof Error);
    assert.equal(error.code, Code.NOT_FOUND);
    assert.equal(error.codeName, "NOT_FOUND");
    assert.equal(error.httpStatus, 404);
    assert.equal(error.reason, "test.v1.TEST_ERROR_NOT_FOUND");
    assert.equal(error.domain, "");
    assert.equal(error.message, "user 42 not found");
    assert.deepEqual({ ...error.metadata }, { user_id: "42" });
    assert.equal(error.definition, NOT_FOUND);
    assert.equal(error.localized, undefined);
    assert.ok(NOT_FOUND.matches(error));
    assert.ok(!TAKEN.matches(error));
    assert.ok(!NOT_FOUND.matches(new Error("user 42 not found")));
    assert.ok(!NOT_FOUND.matches(undefined));
  });

  it("records a different definition of a registered reason as a duplicate", () => {
    assert.deepEqual(duplicateErrors(), []);
    // The same module evaluated twice defines equal definitions: no duplicate.
    defineError({ ...TAKEN });
    assert.deepEqual(duplicateErrors(), []);
    const other = defineError({ ...TAKEN, protoName: "other.v1.TAKEN" });
    assert.deepEqual(duplicateErrors(), [[TAKEN, other]]);
    // The first definition stays the one decoded errors find.
    assert.equal(lookupError("TAKEN", "test.example"), TAKEN);
  });
});

describe("GrpcError", () => {
  it("is by reason and domain only", () => {
    const a = NOT_FOUND.toError({ user_id: "1" });
    const b = NOT_FOUND.toError({ user_id: "2" }).withMessage("other");
    assert.ok(a.is(b));
    assert.ok(a.is(NOT_FOUND));
    assert.ok(!a.is(TAKEN));
    const handMade = new GrpcError({
      code: Code.INTERNAL,
      reason: "TAKEN",
      message: "x",
    });
    assert.ok(!handMade.is(TAKEN), "same reason, another domain");
    assert.ok(handMade.withDomain("test.example").is(TAKEN));
  });

  it("never matches without a reason, not even itself", () => {
    const plain = new GrpcError({ code: Code.UNAVAILABLE, message: "later" });
    assert.equal(plain.reason, "");
    assert.ok(!plain.is(plain));
    assert.ok(
      !plain.is(new GrpcError({ code: Code.UNAVAILABLE, message: "later" })),
    );
    assert.ok(!NOT_FOUND.toError().is(plain));
    const reasonless = new ErrorDef({ ...TAKEN, reason: "", domain: "" });
    assert.ok(!plain.is(reasonless));
    assert.ok(!reasonless.matches(plain));
  });

  it("returns new values from every with-method", () => {
    const original = NOT_FOUND.toError({ user_id: "u-1" });
    const changed = original
      .withMessage("changed")
      .withMetadata({ request_id: "r-1", user_id: "u-2" })
      .withDomain("d")
      .withCause(new Error("disk"))
      .withLocale("de");
    assert.equal(original.message, "user u-1 not found");
    assert.deepEqual({ ...original.metadata }, { user_id: "u-1" });
    assert.equal(original.domain, "");
    assert.equal(original.cause, undefined);
    assert.equal(original.localized, undefined);
    assert.equal(changed.message, "changed");
    assert.deepEqual(
      { ...changed.metadata },
      { request_id: "r-1", user_id: "u-2" },
    );
    assert.equal(changed.domain, "d");
    assert.equal((changed.cause as Error).message, "disk");
    assert.deepEqual(changed.localized, {
      locale: "de",
      message: "Benutzer u-2 nicht gefunden",
    });
    assert.ok(Object.isFrozen(changed.metadata));
    assert.throws(() => {
      (changed.metadata as Record<string, string>)["x"] = "y";
    }, TypeError);
  });

  it("renders the definition's template again with withArgs", () => {
    const error = NOT_FOUND.toError().withArgs({ user_id: "u-9" });
    assert.equal(error.message, "user u-9 not found");
    const custom = new GrpcError({
      code: Code.ABORTED,
      message: "{sku} locked",
    }).withArgs({ sku: "s-1" });
    assert.equal(custom.message, "s-1 locked");
    assert.deepEqual({ ...custom.metadata }, { sku: "s-1" });
  });

  it("localizes for the caller and renders with the latest metadata", () => {
    const error = NOT_FOUND.toError({ user_id: "u-1" });
    assert.equal(error.withLocale("fr, en").localized, undefined);
    assert.equal(error.withLocale("fr"), error, "nothing suitable: unchanged");
    assert.deepEqual(error.withLocale("zh-TW").localized, {
      locale: "zh",
      message: "用户 u-1 不存在",
    });
    assert.deepEqual(
      error.withLocale(["fr", "de-AT;q=0.5"]).localized?.locale,
      "de",
    );
    const later = error.withLocale("de").withMetadata({ user_id: "u-2" });
    assert.equal(later.localized?.message, "Benutzer u-2 nicht gefunden");
    assert.equal(
      later.message,
      "user u-1 not found",
      "the message stays the declared one",
    );
    assert.equal(error.localizedMessage("zh"), "用户 u-1 不存在");
    assert.equal(error.localizedMessage("zh-TW"), undefined);
    const handMade = new GrpcError({ code: Code.INTERNAL, message: "x" });
    assert.equal(handMade.withLocale("de").localized, undefined);
    assert.deepEqual(handMade.withLocalizedMessage("fr", "y").localized, {
      locale: "fr",
      message: "y",
    });
  });

  it("keeps hostile metadata keys as plain entries", () => {
    const error = new GrpcError({
      code: Code.INTERNAL,
      message: "x",
      metadata: JSON.parse('{"__proto__": "p", "constructor": "c"}'),
    }).withArgs(JSON.parse('{"__proto__": "q"}'));
    assert.equal(error.metadata["__proto__"], "q");
    assert.equal(error.metadata["constructor"], "c");
    assert.equal(Object.getPrototypeOf(error.metadata), null);
  });

  it("prints and serializes its identity", () => {
    const error = TAKEN.toError().withMetadata({ k: "v" });
    assert.equal(
      error.toString(),
      "ALREADY_EXISTS: TAKEN (reason TAKEN, domain test.example)",
    );
    assert.equal(
      String(new GrpcError({ code: 99, message: "m" })),
      "UNKNOWN: m",
    );
    assert.equal(error.name, "GrpcError");
    assert.deepEqual(JSON.parse(JSON.stringify(error)), {
      code: 6,
      codeName: "ALREADY_EXISTS",
      reason: "TAKEN",
      domain: "test.example",
      message: "TAKEN",
      metadata: { k: "v" },
    });
    assert.match(error.stack ?? "", /GrpcError: TAKEN/);
  });

  it("is found by fromError through a cause chain", () => {
    const error = TAKEN.toError();
    assert.equal(fromError(error), error);
    assert.equal(fromError(new Error("wrapped", { cause: error })), error);
    const unknown = fromError(new Error("boom"));
    assert.equal(unknown.code, Code.UNKNOWN);
    assert.equal(unknown.reason, "");
    assert.equal(unknown.message, "boom");
    assert.equal(fromError("text").message, "text");
    assert.equal(fromError(null).code, Code.UNKNOWN);
    const cycle: { cause?: unknown; message: string } = { message: "c" };
    cycle.cause = cycle;
    assert.equal(fromError(cycle).code, Code.UNKNOWN);
    const hostile = {
      get cause(): never {
        throw new Error("getter");
      },
      toString(): never {
        throw new Error("toString");
      },
    };
    assert.equal(fromError(hostile).message, "unknown error");
    assert.equal(fromError(Symbol("s")).message, "Symbol(s)");
  });
});
