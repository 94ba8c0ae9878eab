import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { BinaryWriter } from "@bufbuild/protobuf/wire";
import {
  Code,
  GrpcError,
  decodeStatus,
  defineError,
  encodeStatus,
} from "../src/index.js";
import {
  ErrorInfoSchema,
  LocalizedMessageSchema,
} from "../src/gen/google/rpc/error_details_pb.js";
import { StatusSchema } from "../src/gen/google/rpc/status_pb.js";

const NOT_FOUND = defineError({
  code: Code.NOT_FOUND,
  reason: "wire.v1.WIRE_ERROR_NOT_FOUND",
  domain: "",
  message: "user {user_id} not found",
  placeholders: ["user_id"],
  i18n: { de: "Benutzer {user_id} nicht gefunden" },
  protoName: "wire.v1.WIRE_ERROR_NOT_FOUND",
  number: 1,
});

const ERROR_INFO_URL = "type.googleapis.com/google.rpc.ErrorInfo";
const LOCALIZED_URL = "type.googleapis.com/google.rpc.LocalizedMessage";

function status(
  code: number,
  message: string,
  details: Array<{ typeUrl: string; value: Uint8Array }>,
): Uint8Array {
  return toBinary(
    StatusSchema,
    create(StatusSchema, { code, message, details }),
  );
}

function errorInfo(reason: string, domain = "", metadata = {}): Uint8Array {
  return toBinary(
    ErrorInfoSchema,
    create(ErrorInfoSchema, { reason, domain, metadata }),
  );
}

describe("encodeStatus", () => {
  it("writes Status, ErrorInfo and the LocalizedMessage, in that order", () => {
    const error = NOT_FOUND.toError({ user_id: "u-1" })
      .withMetadata({ b: "2", a: "1" })
      .withLocale("de-CH");
    const decoded = fromBinary(StatusSchema, encodeStatus(error));
    assert.equal(decoded.code, Code.NOT_FOUND);
    assert.equal(decoded.message, "user u-1 not found");
    assert.deepEqual(
      decoded.details.map((any) => any.typeUrl),
      [ERROR_INFO_URL, LOCALIZED_URL],
    );
    const info = fromBinary(
      ErrorInfoSchema,
      decoded.details[0]?.value ?? new Uint8Array(),
    );
    assert.equal(info.reason, "wire.v1.WIRE_ERROR_NOT_FOUND");
    assert.equal(info.domain, "");
    assert.deepEqual(Object.keys(info.metadata), ["a", "b", "user_id"]);
    const localized = fromBinary(
      LocalizedMessageSchema,
      decoded.details[1]?.value ?? new Uint8Array(),
    );
    assert.equal(localized.locale, "de");
    assert.equal(localized.message, "Benutzer u-1 nicht gefunden");
  });

  it("sends no ErrorInfo for an error without a reason", () => {
    const decoded = fromBinary(
      StatusSchema,
      encodeStatus(new GrpcError({ code: Code.UNAVAILABLE, message: "later" })),
    );
    assert.deepEqual(decoded.details, []);
    assert.equal(decoded.code, Code.UNAVAILABLE);
  });

  it("is deterministic: equal errors give equal bytes", () => {
    const a = NOT_FOUND.toError({ user_id: "x" }).withMetadata({
      z: "1",
      a: "2",
    });
    const b = NOT_FOUND.toError({ user_id: "x" }).withMetadata({
      a: "2",
      z: "1",
    });
    assert.deepEqual(encodeStatus(a), encodeStatus(b));
  });
});

describe("decodeStatus", () => {
  it("round-trips, taking the registered definition", () => {
    const sent = NOT_FOUND.toError({ user_id: "u-1" }).withLocale("de");
    const received = decodeStatus(sent.code, sent.message, encodeStatus(sent));
    assert.ok(received.is(sent));
    assert.equal(received.definition, NOT_FOUND);
    assert.deepEqual({ ...received.metadata }, { user_id: "u-1" });
    assert.deepEqual(received.localized, sent.localized);
  });

  it("takes the code of a registered reason from the registry", () => {
    const bytes = status(Code.INTERNAL, "m", [
      { typeUrl: ERROR_INFO_URL, value: errorInfo(NOT_FOUND.reason) },
    ]);
    const received = decodeStatus(Code.INTERNAL, "wire message", bytes);
    assert.equal(received.code, Code.NOT_FOUND);
    assert.equal(received.message, "wire message");
  });

  it("keeps the wire code of an unknown reason", () => {
    const bytes = status(Code.ABORTED, "m", [
      {
        typeUrl: ERROR_INFO_URL,
        value: errorInfo("INVENTORY_LOCKED", "inventory", { sku: "s" }),
      },
    ]);
    const received = decodeStatus(Code.ABORTED, "locked", bytes);
    assert.equal(received.code, Code.ABORTED);
    assert.equal(received.reason, "INVENTORY_LOCKED");
    assert.equal(received.domain, "inventory");
    assert.equal(received.definition, undefined);
    assert.deepEqual({ ...received.metadata }, { sku: "s" });
  });

  it("gives no reason without details or ErrorInfo", () => {
    for (const bytes of [undefined, new Uint8Array(), status(5, "m", [])]) {
      const received = decodeStatus(Code.NOT_FOUND, "gone", bytes);
      assert.equal(received.code, Code.NOT_FOUND);
      assert.equal(received.message, "gone");
      assert.equal(received.reason, "");
      assert.ok(!received.is(received));
    }
  });

  it("keeps the wire code and message when the Status does not decode", () => {
    for (const bytes of [
      new Uint8Array([0xff]),
      new Uint8Array([0x1a, 0x7f]), // details: 127 bytes announced, none there
      new Uint8Array([0x1a, 0xff, 0xff, 0xff, 0xff, 0x0f]), // a 4 GiB length
      new Uint8Array([0x0b]), // a group start that never ends
    ]) {
      const received = decodeStatus(Code.PERMISSION_DENIED, "no", bytes);
      assert.equal(received.code, Code.PERMISSION_DENIED);
      assert.equal(received.message, "no");
      assert.equal(received.reason, "");
    }
  });

  it("survives deeply nested groups and huge declared lengths", () => {
    const nested = new Uint8Array(200_000).fill(0x0b); // group starts, never ended
    const deep = status(Code.ABORTED, "m", [
      { typeUrl: ERROR_INFO_URL, value: nested },
      { typeUrl: ERROR_INFO_URL, value: errorInfo("AFTER") },
    ]);
    assert.equal(decodeStatus(Code.ABORTED, "m", deep).reason, "AFTER");
    const received = decodeStatus(Code.ABORTED, "m", nested);
    assert.equal(received.code, Code.ABORTED);
    assert.equal(received.reason, "");
  });

  it("skips an undecodable detail and reads the next", () => {
    const bytes = status(Code.NOT_FOUND, "m", [
      { typeUrl: ERROR_INFO_URL, value: new Uint8Array([0x0a, 0x50]) },
      { typeUrl: LOCALIZED_URL, value: new Uint8Array([0x12, 0x09, 0x01]) },
      { typeUrl: ERROR_INFO_URL, value: errorInfo("R", "D") },
      {
        typeUrl: LOCALIZED_URL,
        value: toBinary(
          LocalizedMessageSchema,
          create(LocalizedMessageSchema, { locale: "de", message: "weg" }),
        ),
      },
    ]);
    const received = decodeStatus(Code.NOT_FOUND, "gone", bytes);
    assert.equal(received.reason, "R");
    assert.equal(received.domain, "D");
    assert.deepEqual(received.localized, { locale: "de", message: "weg" });
  });

  it("matches detail types by the name after the last slash", () => {
    const bytes = status(Code.ABORTED, "m", [
      {
        typeUrl: "example.com/a/b/google.rpc.ErrorInfo",
        value: errorInfo("R1"),
      },
    ]);
    assert.equal(decodeStatus(Code.ABORTED, "m", bytes).reason, "R1");
    const bare = status(Code.ABORTED, "m", [
      { typeUrl: "google.rpc.ErrorInfo", value: errorInfo("R2") },
    ]);
    assert.equal(decodeStatus(Code.ABORTED, "m", bare).reason, "R2");
    const other = status(Code.ABORTED, "m", [
      {
        typeUrl: "type.googleapis.com/google.rpc.ErrorInfoX",
        value: errorInfo("R3"),
      },
    ]);
    assert.equal(decodeStatus(Code.ABORTED, "m", other).reason, "");
  });

  it("reads a map entry with its key or value left out as empty", () => {
    const entry = new BinaryWriter().tag(2, 2).string("only value").finish();
    const info = new BinaryWriter()
      .tag(1, 2)
      .string("R")
      .tag(3, 2)
      .bytes(entry)
      .finish();
    const bytes = status(Code.ABORTED, "m", [
      { typeUrl: ERROR_INFO_URL, value: info },
    ]);
    assert.deepEqual(
      { ...decodeStatus(Code.ABORTED, "m", bytes).metadata },
      { "": "only value" },
    );
  });

  it("never throws on random or mutated bytes", () => {
    const valid = encodeStatus(
      NOT_FOUND.toError({ user_id: "u-1" })
        .withLocale("de")
        .withMetadata({ k: "v" }),
    );
    for (let i = 0; i < 3000; i++) {
      const bytes =
        i % 2 === 0 ? randomBytes(1 + (i % 64)) : Uint8Array.from(valid);
      if (i % 2 === 1) {
        for (let flips = 0; flips <= i % 4; flips++) {
          const at = (i * 7919 + flips * 104729) % bytes.length;
          bytes[at] = (bytes[at] ?? 0) ^ (1 << ((i + flips) % 8));
        }
      }
      const received = decodeStatus(Code.NOT_FOUND, "m", bytes);
      assert.equal(received.message, "m");
      assert.ok(received instanceof GrpcError);
    }
  });
});
