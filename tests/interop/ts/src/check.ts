/**
 * What every interop client checks (tests/interop/README.md): the decoded
 * error against a case's `want`, with the runtime's public API and the
 * generated definitions of the example module.
 */

import { readFileSync } from "node:fs";
import { type ErrorDef, GrpcError, fromError } from "@protosmith/grpc-errors";
import {
  orderErrorDefinitions,
  paymentErrorDefinitions,
} from "../gen/acme/order/v1/order_errors.js";
import {
  USER_ERROR_EMAIL_TAKEN,
  USER_ERROR_NOT_FOUND,
  isUserErrorEmailTaken,
  isUserErrorNotFound,
  userErrorDefinitions,
} from "../gen/acme/user/v1/errors_errors.js";

export interface Want {
  readonly code: number;
  readonly http: number;
  readonly reason: string;
  readonly domain: string;
  readonly message: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly registered: boolean;
  readonly localized?: { readonly locale: string; readonly message: string };
}

export interface Case {
  readonly name: string;
  readonly accept_language?: string;
  readonly raise: unknown;
  readonly want: Want;
}

export function readCases(path: string): Case[] {
  const { cases } = JSON.parse(readFileSync(path, "utf8")) as {
    cases: Case[];
  };
  return cases;
}

/** The client's own generated definitions, by reason. */
const GENERATED: ReadonlyMap<string, ErrorDef> = new Map(
  [
    ...userErrorDefinitions,
    ...orderErrorDefinitions,
    ...paymentErrorDefinitions,
  ].map((def) => [def.reason, def]),
);

const show = (value: unknown): string => JSON.stringify(value);

/** What differs between the error a call threw and `want`; empty when nothing. */
export function check(thrown: unknown, want: Want): string[] {
  const error = fromError(thrown);
  const problems: string[] = [];
  const expect = (what: string, wanted: unknown, got: unknown): void => {
    if (show(wanted) !== show(got)) {
      problems.push(`${what} (want ${show(wanted)}, got ${show(got)})`);
    }
  };
  const assert = (what: string, ok: boolean): void => {
    if (!ok) {
      problems.push(what);
    }
  };
  expect("code", want.code, error.code);
  expect("http", want.http, error.httpStatus);
  expect("reason", want.reason, error.reason);
  expect("domain", want.domain, error.domain);
  expect("message", want.message, error.message);
  expect("metadata", sorted(want.metadata), sorted(error.metadata));
  expect("localized", want.localized, error.localized);

  if (want.registered) {
    const def = GENERATED.get(want.reason);
    if (def === undefined) {
      problems.push(`no generated definition for ${want.reason}`);
      return problems;
    }
    assert(`is(${def.reason}) is false`, error.is(def));
    assert(`${def.reason}.matches() is false`, def.matches(error));
    assert(
      "the definition is not the registered one",
      error.definition === def,
    );
    expect("code from the registry", def.code, error.code);
    const other =
      def === USER_ERROR_EMAIL_TAKEN
        ? USER_ERROR_NOT_FOUND
        : USER_ERROR_EMAIL_TAKEN;
    assert(`is(${other.reason}) is true`, !error.is(other));
    const guard =
      other === USER_ERROR_EMAIL_TAKEN
        ? isUserErrorEmailTaken
        : isUserErrorNotFound;
    assert(`the type guard of ${other.reason} accepts it`, !guard(error));
  } else {
    assert(
      "an unregistered reason has a definition",
      error.definition === undefined,
    );
    const local = new GrpcError({
      code: want.code,
      reason: want.reason,
      domain: want.domain,
      message: "built locally",
    });
    const elsewhere = local.withDomain(`other.${want.domain}`);
    const reasonless = new GrpcError({
      code: want.code,
      message: want.message,
    });
    if (want.reason === "") {
      assert("a reason-less error is itself", !error.is(error));
      assert(
        "a reason-less error is another reason-less one",
        !error.is(reasonless),
      );
    } else {
      assert(
        "is(same reason and domain, built locally) is false",
        error.is(local),
      );
    }
    assert("is(same reason, another domain) is true", !error.is(elsewhere));
    assert(
      "a reason-less local error is the decoded one",
      !reasonless.is(error),
    );
  }
  return problems;
}

function sorted(record: Readonly<Record<string, string>>): [string, string][] {
  return Object.entries(record).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
}

/**
 * Runs `call` for every case, prints `ok   NAME` or `FAIL NAME: ...` per
 * case and the totals; the exit code is 0 only when every case passed.
 */
export async function runCases(
  cases: readonly Case[],
  call: (c: Case) => Promise<unknown>,
): Promise<number> {
  let passed = 0;
  let failed = 0;
  for (const c of cases) {
    let problems: string[];
    try {
      await call(c);
      problems = ["the call succeeded (want an error)"];
    } catch (thrown) {
      problems = check(thrown, c.want);
    }
    if (problems.length === 0) {
      passed++;
      console.log(`ok   ${c.name}`);
    } else {
      failed++;
      console.log(`FAIL ${c.name}: ${problems.join("; ")}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

/** `ADDR CASES_JSON` from the command line, or a usage message and exit 2. */
export function parseArgs(program: string): { address: string; cases: Case[] } {
  const [address, casesPath] = process.argv.slice(2);
  if (address === undefined || casesPath === undefined) {
    console.error(`usage: ${program} HOST:PORT CASES_JSON`);
    process.exit(2);
  }
  return { address, cases: readCases(casesPath) };
}
