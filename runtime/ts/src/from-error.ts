/**
 * {@link fromError}: a {@link GrpcError} from whatever a gRPC client threw.
 *
 * This module recognizes `@grpc/grpc-js` and `@connectrpc/connect` errors by
 * their shape, so it imports neither library and works with any copy of them.
 *
 * @module
 */

import { Code } from "./code.js";
import { GrpcError } from "./error.js";
import {
  STATUS_DETAILS_KEY,
  type StatusDetail,
  decodeDetails,
  decodeStatus,
} from "./wire.js";
import { create, toBinary } from "@bufbuild/protobuf";
import type { DescMessage, MessageInitShape } from "@bufbuild/protobuf";

/** How far {@link fromError} follows `cause` before giving up. */
const MAX_CAUSE_DEPTH = 32;

/**
 * The gRPC error in `error`: the first {@link GrpcError}, `@grpc/grpc-js`
 * `ServiceError` or `@connectrpc/connect` `ConnectError` found by following
 * `cause` (an error whose cause is a {@link GrpcError}, such as what
 * `toConnectError` returns, gives that {@link GrpcError}). A registered
 * reason gives the registered definition (its code) with the wire message
 * and metadata; an unknown reason keeps the wire code; a status without
 * ErrorInfo has an empty reason. Anything else is `UNKNOWN` with an empty
 * reason and the outermost error's message. Never throws.
 */
export function fromError(error: unknown): GrpcError {
  try {
    return findGrpcError(error) ?? unknown(error);
  } catch {
    // Only hostile objects get here (a throwing getter or toString).
    return new GrpcError({ code: Code.UNKNOWN, message: "unknown error" });
  }
}

function findGrpcError(error: unknown): GrpcError | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH; depth++) {
    if (typeof current !== "object" || current === null || seen.has(current)) {
      break;
    }
    seen.add(current);
    if (current instanceof GrpcError) {
      return current;
    }
    // A ConnectError or grpc-js status built here from a GrpcError (by
    // toConnectError or toServiceError) carries the original as its cause.
    const { cause } = current as { cause?: unknown };
    if (cause instanceof GrpcError) {
      return cause;
    }
    const decoded = fromServiceError(current) ?? fromConnectError(current);
    if (decoded !== undefined) {
      return decoded;
    }
    current = cause;
  }
  return undefined;
}

function unknown(error: unknown): GrpcError {
  return new GrpcError({
    code: Code.UNKNOWN,
    message: error instanceof Error ? error.message : String(error),
  });
}

/** The fields of `@grpc/grpc-js`'s `ServiceError` this module reads. */
interface ServiceErrorLike {
  readonly code: number;
  readonly details: string;
  readonly metadata: { get(key: string): unknown[] };
}

function fromServiceError(error: object): GrpcError | undefined {
  const candidate = error as Partial<ServiceErrorLike>;
  if (
    typeof candidate.code !== "number" ||
    typeof candidate.details !== "string" ||
    typeof candidate.metadata?.get !== "function"
  ) {
    return undefined;
  }
  const { code, details, metadata } = candidate as ServiceErrorLike;
  let bytes: Uint8Array | undefined;
  try {
    bytes = metadata.get(STATUS_DETAILS_KEY).find(isBytes);
  } catch {
    bytes = undefined;
  }
  return decodeStatus(code, details, bytes);
}

/** The fields of `@connectrpc/connect`'s `ConnectError` this module reads. */
interface ConnectErrorLike {
  readonly code: number;
  readonly rawMessage: string;
  readonly details: readonly unknown[];
}

function fromConnectError(error: object): GrpcError | undefined {
  const candidate = error as Partial<ConnectErrorLike>;
  if (
    typeof candidate.code !== "number" ||
    typeof candidate.rawMessage !== "string" ||
    !Array.isArray(candidate.details)
  ) {
    return undefined;
  }
  const details: StatusDetail[] = [];
  for (const detail of candidate.details) {
    const unpacked = connectDetail(detail);
    if (unpacked !== undefined) {
      details.push(unpacked);
    }
  }
  return decodeDetails(candidate.code, candidate.rawMessage, details);
}

/**
 * A Connect error detail as type name and bytes: received details come as
 * `{ type, value: Uint8Array }`, details of an error built in this process as
 * `{ desc, value: init }`.
 */
function connectDetail(detail: unknown): StatusDetail | undefined {
  if (typeof detail !== "object" || detail === null) {
    return undefined;
  }
  const { type, value, desc } = detail as {
    type?: unknown;
    value?: unknown;
    desc?: DescMessage;
  };
  if (typeof type === "string" && isBytes(value)) {
    return { type, value };
  }
  if (desc?.kind === "message" && typeof value === "object" && value !== null) {
    try {
      const message = create(desc, value as MessageInitShape<DescMessage>);
      return { type: desc.typeName, value: toBinary(desc, message) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}
