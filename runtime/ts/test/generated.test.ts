// The stress golden of the TypeScript emitter (test/golden/README.md):
// prettier leaves it as it is, tsc --strict compiles it (this file imports
// it), and it behaves as GENERATED.md says.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import { Code, lookupError } from "../src/index.js";
import * as stress from "./golden/stress_errors.js";

const GOLDEN = fileURLToPath(
  new URL("../../test/golden/stress_errors.ts", import.meta.url),
);

describe("the stress golden", () => {
  it("is prettier-formatted and free of invisible characters", async () => {
    const text = readFileSync(GOLDEN, "utf8");
    assert.ok(await prettier.check(text, { filepath: GOLDEN }));
    assert.ok(
      !/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(
        text,
      ),
    );
  });

  it("maps placeholders to parameters, including awkward ones", () => {
    const error = stress.limitErrorQuotaExceededForATenantWithAVeryLongName(
      "c",
      "u1",
      "u2",
      "p",
    );
    assert.equal(
      error.message,
      "quota c of u1 and u2 exceeded for the tenant p",
    );
    assert.deepEqual(Object.entries(error.metadata), [
      ["__proto__", "p"],
      ["class", "c"],
      ["userId", "u2"],
      ["user_id", "u1"],
    ]);
    assert.equal(error.withLocale("__proto__").localized?.message, "p");
    assert.equal(
      error.withLocale("pt-PT").localized?.message,
      "cota c excedida",
    );
    assert.ok(
      stress.isLimitErrorQuotaExceededForATenantWithAVeryLongName(error),
    );
  });

  it("keeps escaped strings, domains, negative numbers and nested enums", () => {
    const error = stress.limitErrorEscapes("x");
    assert.equal(error.message, 'say "hi"\n\\ `x`\u2028');
    assert.equal(error.domain, "stress.example");
    assert.equal(stress.LIMIT_ERROR_ESCAPES.number, -2);
    assert.equal(
      lookupError(error.reason, "stress.example"),
      stress.LIMIT_ERROR_ESCAPES,
    );
    assert.equal(stress.httpServerErrorDown().code, Code.UNAVAILABLE);
    assert.ok(stress.isHttpServerErrorDown(stress.httpServerErrorDown()));
    assert.ok(!stress.isHttpServerErrorDown(error));
    assert.deepEqual(stress.httpServerErrorDefinitions, [
      stress.HTTP_SERVER_ERROR_DOWN,
    ]);
    assert.equal(stress.limitErrorDefinitions.length, 2);
  });
});
