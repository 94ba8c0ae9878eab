import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  Code,
  codeFromName,
  codeName,
  httpStatus,
  toCode,
} from "../src/index.js";

describe("Code", () => {
  it("round-trips numbers and names", () => {
    for (const [name, number] of Object.entries(Code)) {
      assert.equal(toCode(number), number);
      assert.equal(codeName(number), name);
      assert.equal(codeFromName(name), number);
    }
    assert.equal(toCode(17), Code.UNKNOWN);
    assert.equal(toCode(-1), Code.UNKNOWN);
    assert.equal(toCode(1.5), Code.UNKNOWN);
    assert.equal(toCode(Number.NaN), Code.UNKNOWN);
    assert.equal(codeFromName("not_found"), undefined);
    assert.equal(codeFromName("toString"), undefined);
  });

  it("maps to HTTP as google/rpc/code.proto does", () => {
    assert.deepEqual(
      Object.values(Code).map((code) => [codeName(code), httpStatus(code)]),
      [
        ["OK", 200],
        ["CANCELLED", 499],
        ["UNKNOWN", 500],
        ["INVALID_ARGUMENT", 400],
        ["DEADLINE_EXCEEDED", 504],
        ["NOT_FOUND", 404],
        ["ALREADY_EXISTS", 409],
        ["PERMISSION_DENIED", 403],
        ["RESOURCE_EXHAUSTED", 429],
        ["FAILED_PRECONDITION", 400],
        ["ABORTED", 409],
        ["OUT_OF_RANGE", 400],
        ["UNIMPLEMENTED", 501],
        ["INTERNAL", 500],
        ["UNAVAILABLE", 503],
        ["DATA_LOSS", 500],
        ["UNAUTHENTICATED", 401],
      ],
    );
  });
});
