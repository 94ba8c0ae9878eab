/**
 * Message templates: `password for {user_id} does not match`.
 *
 * `{name}` is replaced by the value `name`; `{{` and `}}` are literal braces.
 * protoc-gen-errors validates templates when it generates code, so at run
 * time a placeholder without a value is left as written.
 *
 * @module
 */

/** Renders `template`, taking placeholder values from `values`. */
export function renderTemplate(
  template: string,
  values: Readonly<Record<string, string>>,
): string {
  let out = "";
  let rest = template;
  for (;;) {
    const at = rest.search(/[{}]/);
    if (at < 0) {
      break;
    }
    out += rest.slice(0, at);
    const tail = rest.slice(at);
    if (tail.startsWith("{{") || tail.startsWith("}}")) {
      out += tail[0];
      rest = tail.slice(2);
      continue;
    }
    const end = tail.startsWith("{") ? tail.indexOf("}") : -1;
    if (end < 0) {
      out += tail[0];
      rest = tail.slice(1);
      continue;
    }
    const name = tail.slice(1, end);
    out += Object.hasOwn(values, name) ? values[name] : tail.slice(0, end + 1);
    rest = tail.slice(end + 1);
  }
  return out + rest;
}
