// The hand-written generated TypeScript for the example module (gen/):
// the same definitions as the Rust generator's output, prettier-clean,
// beside protoc-gen-es's output without a clash, and working as documented.
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
  [
    "gen/acme/user/v1/errors_errors.ts",
    "acme/user/v1/errors.proto",
    "gen/errors/rust/acme/user/v1/errors.errors.rs",
  ],
  [
    "gen/acme/order/v1/order_errors.ts",
    "acme/order/v1/order.proto",
    "gen/errors/rust/acme/order/v1/order.errors.rs",
  ],
] as const;

/** The ErrorDef literals of a file protoc-gen-errors wrote for Rust. */
function rustDefinitions(path: string) {
  const source = readFileSync(ROOT + path, "utf8");
  const blocks = source
    .split(/::grpc_errors::ErrorDef \{\n(?=\s+code:)/)
    .slice(1);
  return blocks.map((block) => {
    const field = (name: string) =>
      new RegExp(`${name}: (.*),\\n`).exec(block)?.[1] ?? "";
    const strings = (text: string) =>
      [...text.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(
        (m) => JSON.parse(`"${m[1]}"`) as string,
      );
    const i18nText =
      /i18n: &\[([\s\S]*?)\],\n\s*proto_name/.exec(block)?.[1] ?? "";
    const i18n = strings(i18nText);
    return {
      code: field("code").replace("::grpc_errors::Code::", ""),
      reason: strings(field("reason"))[0],
      domain: strings(field("domain"))[0],
      message: strings(field("message"))[0],
      placeholders: strings(field("placeholders")),
      i18n: Object.fromEntries(
        i18n.flatMap((v, i) => (i % 2 === 0 ? [[v, i18n[i + 1]]] : [])),
      ),
      protoName: strings(field("proto_name"))[0],
      number: Number(field("number")),
    };
  });
}

describe("generated TypeScript", () => {
  const all = [
    ...user.userErrorDefinitions,
    ...order.orderErrorDefinitions,
    ...order.paymentErrorDefinitions,
  ];

  it("declares what the Rust generator declares, in the same order", () => {
    const rust = FILES.flatMap(([, , rs]) => rustDefinitions(rs));
    assert.equal(rust.length, 9);
    assert.deepEqual(
      all.map((def) => ({
        code: codeName(def.code).replace(/_/g, ""),
        reason: def.reason,
        domain: def.domain,
        message: def.message,
        placeholders: [...def.placeholders],
        i18n: { ...def.i18n },
        protoName: def.protoName,
        number: def.number,
      })),
      rust.map((def) => ({ ...def, code: def.code.toUpperCase() })),
    );
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
