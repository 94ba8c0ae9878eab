import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderTemplate } from "../src/index.js";

describe("renderTemplate", () => {
  const values = { user_id: "42", n: "3" };

  it("fills placeholders and keeps escapes", () => {
    assert.equal(
      renderTemplate("password for {user_id} does not match", values),
      "password for 42 does not match",
    );
    assert.equal(
      renderTemplate("{{literal}} {n}/{n}", values),
      "{literal} 3/3",
    );
    assert.equal(
      renderTemplate("missing {other} stays", values),
      "missing {other} stays",
    );
    assert.equal(
      renderTemplate("unbalanced { and } survive", values),
      "unbalanced { and } survive",
    );
    assert.equal(
      renderTemplate("密码 {user_id} 不匹配", values),
      "密码 42 不匹配",
    );
  });

  it("never takes inherited members for values", () => {
    assert.equal(
      renderTemplate("{constructor} {toString} {__proto__}", {}),
      "{constructor} {toString} {__proto__}",
    );
  });

  it("handles edge cases like the Rust runtime", () => {
    assert.equal(renderTemplate("", values), "");
    assert.equal(renderTemplate("{", values), "{");
    assert.equal(renderTemplate("}", values), "}");
    assert.equal(renderTemplate("{n", values), "{n");
    assert.equal(renderTemplate("{{n}}", values), "{n}");
    assert.equal(renderTemplate("{{{n}}}", values), "{3}");
    assert.equal(renderTemplate("{a{n}", values), "{a{n}");
    assert.equal(renderTemplate("{}", { "": "empty" }), "empty");
  });
});
