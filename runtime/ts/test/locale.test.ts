// The cases of runtime/rust/grpc-errors/src/locale.rs, ported one for one,
// so every runtime picks the same translation for the same header.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { negotiateLocale } from "../src/index.js";

const KEYS = ["cn", "de", "zh-TW", "pt_BR"];
const pick = (header: string): string | undefined =>
  negotiateLocale(header, KEYS);

describe("negotiateLocale", () => {
  it("prefers exact tags over their language", () => {
    assert.equal(pick("zh-TW"), "zh-TW");
    assert.equal(pick("ZH_tw"), "zh-TW");
    assert.equal(pick("pt-BR"), "pt_BR");
    assert.equal(pick("cn"), "cn");
  });

  it("falls back from regional tags to their language and back", () => {
    assert.equal(pick("de-CH"), "de");
    assert.equal(pick("zh"), "zh-TW");
    assert.equal(pick("pt-PT"), "pt_BR");
  });

  it("orders the choices by quality", () => {
    assert.equal(pick("fr, de;q=0.5, zh-TW;q=0.9"), "zh-TW");
    assert.equal(pick("de;q=0.5, cn;q=0.5"), "de");
    assert.equal(pick("de;q=0, cn;q=0.001"), "cn");
    assert.equal(pick("de;q=1.0"), "de");
  });

  it("gives nothing when nothing suits", () => {
    assert.equal(pick(""), undefined);
    assert.equal(pick("*"), undefined);
    assert.equal(pick("fr, en-GB"), undefined);
    assert.equal(pick("de;q=0"), undefined);
    assert.equal(pick("de;q=2"), undefined);
    assert.equal(pick("de;q=0.1234"), undefined);
    assert.equal(pick("de;q"), undefined);
    assert.equal(pick(",,;,"), undefined);
    assert.equal(negotiateLocale("de", []), undefined);
  });

  it("reads the interop cases' headers", () => {
    assert.equal(negotiateLocale("de-AT, en;q=0.5", ["de", "zh"]), "de");
    assert.equal(negotiateLocale("zh-TW", ["de", "zh"]), "zh");
    assert.equal(negotiateLocale("fr, de;q=0.8", ["zh"]), undefined);
  });

  it("compares case ASCII-only and keeps other parameters harmless", () => {
    assert.equal(pick("DE;Q=0.5"), "de");
    assert.equal(pick("de;level=1"), "de");
    assert.equal(pick("de;q=1."), "de");
    assert.equal(pick("de;q=.5"), undefined);
    assert.equal(negotiateLocale("\u0130T", ["it"]), undefined);
  });
});
