/**
 * The 17 canonical gRPC status codes (`google.rpc.Code`) and the HTTP status
 * google/rpc/code.proto maps each to.
 *
 * The numbers are the wire numbers, so a `Code` is also a valid
 * `@grpc/grpc-js` `status` and `@connectrpc/connect` `Code`.
 *
 * @module
 */

/** The canonical gRPC status codes, by their upper-case name. */
export const Code = Object.freeze({
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const);

/** A canonical gRPC status code: a number from 0 to 16. */
export type Code = (typeof Code)[keyof typeof Code];

/** The upper-case name of a code, as in google/rpc/code.proto (`NOT_FOUND`). */
export type CodeName = keyof typeof Code;

const NAMES = Object.keys(Code) as readonly CodeName[];

const HTTP_STATUS: readonly number[] = [
  200, 499, 500, 400, 504, 404, 409, 403, 429, 400, 409, 400, 501, 500, 503,
  500, 401,
];

/**
 * The code for a wire number. Numbers outside the canonical range are
 * `UNKNOWN`, as google/rpc/code.proto asks of receivers.
 */
export function toCode(value: number): Code {
  return Number.isInteger(value) && value >= 0 && value < NAMES.length
    ? (value as Code)
    : Code.UNKNOWN;
}

/** The code for its canonical upper-case name, or `undefined`. */
export function codeFromName(name: string): Code | undefined {
  return Object.hasOwn(Code, name) ? Code[name as CodeName] : undefined;
}

/** The canonical upper-case name of `code` (`NOT_FOUND`). */
export function codeName(code: Code): CodeName {
  return NAMES[toCode(code)] ?? "UNKNOWN";
}

/** The HTTP status google/rpc/code.proto maps `code` to (`NOT_FOUND` is 404). */
export function httpStatus(code: Code): number {
  return HTTP_STATUS[toCode(code)] ?? 500;
}
