// The hand-written generated TypeScript for the example module (gen/):
// the same definitions as the error catalog protoc-gen-docs writes from the
// same protos, prettier-clean, beside protoc-gen-es's output without a clash,
// and working as documented.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import {
  Code,
  GrpcError,
  codeFromName,
  codeName,
  duplicateErrors,
  fromError,
  registeredErrors,
} from "@protosmith/grpc-errors";
import * as order from "../gen/acme/order/v1/order_errors.js";
import * as orderPb from "../gen/acme/order/v1/order_pb.js";
import * as user from "../gen/acme/user/v1/errors_errors.js";
import * as userPb from "../gen/acme/user/v1/errors_pb.js";
import { check } from "../src/check.js";

const HERE = fileURLToPath(new URL("../..", import.meta.url));
const ROOT = fileURLToPath(new URL("../../../../..", import.meta.url));
const FILES = [
  ["gen/acme/user/v1/errors_errors.ts", "acme/user/v1/errors.proto"],
  ["gen/acme/order/v1/order_errors.ts", "acme/order/v1/order.proto"],
] as const;

/** One entry of the `error_catalog` of protoc-gen-docs' JSON output. */
interface CatalogEntry {
  value: string;
  error: {
    reason: string;
    domain: string;
    code: string;
    code_number: number;
    http_status: number;
    message: string;
    placeholders: string[];
    i18n: { lang: string; message: string }[];
  };
}

/**
 * The error catalog of the example module, keyed by proto name, as
 * protoc-gen-docs wrote it (gen/docs/json/index.json, kept up to date by
 * ci/check-protos.sh). It is the language-neutral record of what every
 * generator declares, so this test does not depend on how another
 * language's output is spelled.
 */
function catalogDefinitions() {
  const json = JSON.parse(
    readFileSync(ROOT + "gen/docs/json/index.json", "utf8"),
  ) as { error_catalog: CatalogEntry[] };
  return new Map(
    json.error_catalog.map(({ value, error }) => [
      value,
      {
        code: error.code,
        codeNumber: error.code_number,
        httpStatus: error.http_status,
        reason: error.reason,
        domain: error.domain,
        message: error.message,
        placeholders: error.placeholders,
        i18n: Object.fromEntries(
          error.i18n.map(({ lang, message }) => [lang, message]),
        ),
      },
    ]),
  );
}

describe("generated TypeScript", () => {
  const all = [
    ...user.userErrorDefinitions,
    ...order.orderErrorDefinitions,
    ...order.paymentErrorDefinitions,
  ];

  it("declares what the error catalog declares", () => {
    const catalog = catalogDefinitions();
    assert.equal(catalog.size, 9);
    assert.deepEqual(
      all.map((def) => def.protoName).sort(),
      [...catalog.keys()].sort(),
    );
    assert.deepEqual(
      all.map((def) => [
        def.protoName,
        {
          code: codeName(def.code),
          codeNumber: def.code,
          httpStatus: def.httpStatus,
          reason: def.reason,
          domain: def.domain,
          message: def.message,
          placeholders: [...def.placeholders],
          i18n: { ...def.i18n },
        },
      ]),
      all.map((def) => [def.protoName, catalog.get(def.protoName)]),
    );
  });

  // The catalog has no enum numbers: protoc-gen-es's descriptors of the same
  // enums give them, and the declaration order.
  it("numbers and orders the definitions as the proto enums do", () => {
    for (const [defs, schema] of [
      [user.userErrorDefinitions, userPb.UserErrorSchema],
      [order.orderErrorDefinitions, orderPb.OrderErrorSchema],
      [order.paymentErrorDefinitions, orderPb.Payment_ErrorSchema],
    ] as const) {
      // An enum value's full name is a sibling of its enum's.
      const scope = schema.typeName.slice(0, schema.typeName.lastIndexOf("."));
      assert.deepEqual(
        defs.map((def) => [def.protoName, def.number]),
        schema.values
          .filter((value) => value.number !== 0) // *_UNSPECIFIED is no error
          .map((value) => [`${scope}.${value.name}`, value.number]),
      );
    }
  });

  it("registers every definition on import, without duplicates", () => {
    assert.deepEqual(
      registeredErrors()
        .map((def) => def.reason)
        .sort(),
      all.map((def) => def.reason).sort(),
    );
    assert.deepEqual(duplicateErrors(), []);
    assert.ok(all.every((def) => Object.isFrozen(def)));
    assert.equal(codeFromName("NOT_FOUND"), user.USER_ERROR_NOT_FOUND.code);
  });

  it("has factories with the placeholders as parameters, and type guards", () => {
    const error = order.orderErrorOutOfStock(2, "sku-9");
    assert.ok(error instanceof GrpcError);
    assert.equal(error.message, "only 2 of sku-9 left");
    assert.deepEqual({ ...error.metadata }, { available: "2", sku: "sku-9" });
    assert.equal(error.code, Code.RESOURCE_EXHAUSTED);
    assert.ok(order.isOrderErrorOutOfStock(error));
    assert.ok(!order.isOrderErrorNotFound(error));
    assert.ok(!order.isOrderErrorOutOfStock(new Error("only 2 of sku-9 left")));
    assert.equal(
      order.paymentErrorCardDeclined("4242").message,
      "card ending in 4242 was declined",
    );
    assert.ok(
      order.isPaymentErrorProviderUnavailable(
        order.paymentErrorProviderUnavailable(),
      ),
    );
    assert.equal(user.userErrorEmailTaken().message, "USER_ERROR_EMAIL_TAKEN");
    assert.ok(user.isUserErrorStorageFailure(user.userErrorStorageFailure()));
    assert.ok(
      user.isUserErrorPasswordMismatch(user.userErrorPasswordMismatch("u-7")),
    );
    const found = user.userErrorNotFound("u-404").withLocale("zh-TW");
    assert.ok(user.isUserErrorNotFound(found));
    assert.deepEqual(found.localized, {
      locale: "zh",
      message: "用户 u-404 不存在",
    });
    // A switch on the definition, for decoded errors too.
    const decoded = fromError(new Error("wrapped", { cause: found }));
    assert.equal(decoded.definition, user.USER_ERROR_NOT_FOUND);
  });

  for (const [path, source] of FILES) {
    it(`${path}: header, prettier layout`, async () => {
      const text = readFileSync(HERE + path, "utf8");
      assert.ok(
        text.startsWith(
          `// Code generated by protoc-gen-errors. DO NOT EDIT.\n// source: ${source}\n\n`,
        ),
      );
      assert.ok(
        await prettier.check(text, { filepath: path }),
        `${path} is not prettier-formatted`,
      );
      assert.ok(
        !/[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(
          text,
        ),
      );
    });
  }

  it("exports no name protoc-gen-es exports for the same file", () => {
    for (const [errors, pb] of [
      [user, userPb],
      [order, orderPb],
    ] as const) {
      const clash = Object.keys(errors).filter((name) =>
        Object.hasOwn(pb, name),
      );
      assert.deepEqual(clash, []);
    }
  });
});

describe("the interop check", () => {
  it("reports every difference", () => {
    const error = user.userErrorNotFound("u-1");
    const want = {
      code: 5,
      http: 404,
      reason: user.USER_ERROR_NOT_FOUND.reason,
      domain: "",
      message: "user u-1 not found",
      metadata: { user_id: "u-1" },
      registered: true,
    };
    assert.deepEqual(check(error, want), []);
    assert.equal(check(error, { ...want, code: 6 }).length, 1);
    assert.equal(check(error, { ...want, metadata: {} }).length, 1);
    assert.equal(
      check(error, { ...want, localized: { locale: "de", message: "x" } })
        .length,
      1,
    );
    assert.ok(check(user.userErrorEmailTaken(), want).length > 0);
    assert.ok(check(new Error("plain"), want).length > 0);
    const reasonless = new GrpcError({ code: 14, message: "try again later" });
    assert.deepEqual(
      check(reasonless, {
        code: 14,
        http: 503,
        reason: "",
        domain: "",
        message: "try again later",
        metadata: {},
        registered: false,
      }),
      [],
    );
  });
});
