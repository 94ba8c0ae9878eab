/**
 * The process-wide registry that lets a decoded wire error find its
 * definition again. Generated modules fill it when they are imported (each
 * definition is registered by {@link defineError}); there is no
 * `register()` call to forget.
 *
 * The registry lives on `globalThis` under a `Symbol.for` key, so two copies
 * of this package in one process (a bundler or `npm link` duplicate) still
 * share it.
 *
 * @module
 */

import type { ErrorDef } from "./error.js";

interface Registry {
  readonly byKey: Map<string, ErrorDef>;
  readonly duplicates: Array<readonly [ErrorDef, ErrorDef]>;
}

const REGISTRY_KEY = Symbol.for("@protosmith/grpc-errors/registry@1");

function registry(): Registry {
  const global = globalThis as { [REGISTRY_KEY]?: Registry };
  global[REGISTRY_KEY] ??= { byKey: new Map(), duplicates: [] };
  return global[REGISTRY_KEY];
}

function key(reason: string, domain: string): string {
  return `${domain}\u0000${reason}`;
}

/**
 * Adds `def` to the registry. The first definition of a `(reason, domain)`
 * wins; a different definition with the same identity is recorded in
 * {@link duplicateErrors}. Registering the same definition again (a module
 * evaluated twice) changes nothing.
 *
 * @internal Called by {@link defineError}.
 */
export function registerError(def: ErrorDef): void {
  const { byKey, duplicates } = registry();
  const k = key(def.reason, def.domain);
  const first = byKey.get(k);
  if (first === undefined) {
    byKey.set(k, def);
  } else if (
    first !== def &&
    (first.protoName !== def.protoName ||
      first.code !== def.code ||
      first.message !== def.message)
  ) {
    duplicates.push([first, def]);
  }
}

/** The registered definition for `(reason, domain)`, if any. */
export function lookupError(reason: string, domain = ""): ErrorDef | undefined {
  return reason === "" ? undefined : registry().byKey.get(key(reason, domain));
}

/** Every registered definition, sorted by domain, then reason. */
export function registeredErrors(): ErrorDef[] {
  return [...registry().byKey.values()].sort(
    (a, b) => compare(a.domain, b.domain) || compare(a.reason, b.reason),
  );
}

/**
 * Pairs of definitions imported into this process that share a reason and
 * domain. protoc-gen-errors rejects duplicates within one generation run;
 * this catches those that only meet when separately generated packages are
 * imported together. A service can assert it is empty at start-up.
 */
export function duplicateErrors(): ReadonlyArray<
  readonly [ErrorDef, ErrorDef]
> {
  return [...registry().duplicates];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
