/**
 * Choosing a translation for a caller's languages (AIP-193's
 * `google.rpc.LocalizedMessage`).
 *
 * Callers name their languages the HTTP way, an `Accept-Language` list such
 * as `de-CH, de;q=0.9, en;q=0.5` (gRPC clients send it as the
 * `accept-language` metadata entry). A proto names its translations by
 * whatever key its authors chose after `@i18n.` (`de`, `zh`, `zh-TW`, and
 * also ego's customary `cn`), so matching is forgiving: ASCII
 * case-insensitive, `-` and `_` alike, and a regional tag falls back to its
 * language. The rules are those of the Rust runtime (locale.rs), which every
 * protosmith runtime follows.
 *
 * @module
 */

/** A message in one locale, as carried by `google.rpc.LocalizedMessage`. */
export interface LocalizedMessage {
  /** The translation's key as the proto wrote it, e.g. `de` or `zh-TW`. */
  readonly locale: string;
  /** The translated message, with its placeholders filled. */
  readonly message: string;
}

/**
 * The key in `available` that best serves `acceptLanguage`, if any.
 *
 * Languages are tried by descending quality (`q=0` means "not this one"), in
 * the order given when qualities tie; for each, an exact match wins over a
 * match on the primary language (`de-CH` finds `de`, `zh` finds `zh-CN`).
 * `*` matches nothing: a wildcard states no preference we could honour.
 */
export function negotiateLocale(
  acceptLanguage: string,
  available: Iterable<string>,
): string | undefined {
  const keys = [...available];
  const wanted = acceptLanguage
    .split(",")
    .map(parseRange)
    .filter(
      (range): range is [string, number] =>
        range !== undefined && range[1] > 0 && range[0] !== "*",
    )
    // Array.prototype.sort is stable: equal qualities keep the caller's order.
    .sort((a, b) => b[1] - a[1]);
  for (const [tag] of wanted) {
    const found =
      keys.find((key) => sameTag(key, tag)) ??
      keys.find((key) => sameTag(primary(key), primary(tag)));
    if (found !== undefined) {
      return found;
    }
  }
  return undefined;
}

/**
 * `de;q=0.8` as `["de", 800]`: quality in thousandths, so no floats; a
 * malformed parameter drops the entry instead of guessing.
 */
function parseRange(range: string): [string, number] | undefined {
  const [head = "", ...parameters] = range.split(";");
  const tag = head.trim();
  if (tag === "") {
    return undefined;
  }
  let quality = 1000;
  for (const parameter of parameters) {
    const eq = parameter.indexOf("=");
    if (eq < 0) {
      return undefined;
    }
    if (asciiLower(parameter.slice(0, eq).trim()) === "q") {
      const parsed = parseQuality(parameter.slice(eq + 1).trim());
      if (parsed === undefined) {
        return undefined;
      }
      quality = parsed;
    }
  }
  return [tag, quality];
}

/** RFC 9110 qvalue: `0`, `1`, or up to three decimals. */
function parseQuality(value: string): number | undefined {
  const dot = value.indexOf(".");
  const whole = dot < 0 ? value : value.slice(0, dot);
  const fraction = dot < 0 ? "" : value.slice(dot + 1);
  if (fraction.length > 3 || !/^[0-9]*$/.test(fraction)) {
    return undefined;
  }
  const thousandths = Number(fraction.padEnd(3, "0"));
  if (whole === "0") {
    return thousandths;
  }
  return whole === "1" && thousandths === 0 ? 1000 : undefined;
}

function primary(tag: string): string {
  return tag.split(/[-_]/)[0] ?? tag;
}

function sameTag(a: string, b: string): boolean {
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? "";
    const y = b[i] ?? "";
    if (asciiLower(x) !== asciiLower(y) && !(isDash(x) && isDash(y))) {
      return false;
    }
  }
  return true;
}

function isDash(c: string): boolean {
  return c === "-" || c === "_";
}

/** Lower-cases A-Z only, as HTTP's case-insensitivity is ASCII's. */
function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}
