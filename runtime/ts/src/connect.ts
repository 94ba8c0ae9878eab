/**
 * `@connectrpc/connect` glue: throw a {@link GrpcError} from a Connect
 * handler as a `ConnectError` whose details are the error's ErrorInfo and
 * LocalizedMessage (Connect encodes them as `grpc-status-details-bin` for
 * gRPC and gRPC-Web, and as JSON details for the Connect protocol). Clients
 * decode with {@link fromError} from the package root.
 *
 * @example
 * ```ts
 * import { toConnectError } from "@protosmith/grpc-errors/connect";
 *
 * async getUser(request, context) {
 *   throw toConnectError(userErrorNotFound(request.userId), context);
 * }
 * ```
 *
 * @module
 */

import {
  Code as ConnectCode,
  ConnectError,
  type Interceptor,
} from "@connectrpc/connect";
import { Code } from "./code.js";
import { GrpcError } from "./error.js";
import {
  ErrorInfoSchema,
  LocalizedMessageSchema,
} from "./gen/google/rpc/error_details_pb.js";
import { ACCEPT_LANGUAGE } from "./wire.js";

/** A detail of an error built here (not exported by Connect). */
type OutgoingDetail = NonNullable<
  ConstructorParameters<typeof ConnectError>[3]
>[number];

/**
 * `error` as a `ConnectError` with the same code and message and its
 * details. With the handler `context`, the error is first localized for the
 * caller's `accept-language` ({@link GrpcError.withLocale}).
 */
export function toConnectError(
  error: GrpcError,
  context?: { readonly requestHeader: Headers },
): ConnectError {
  const sent = context
    ? error.withLocale(context.requestHeader.get(ACCEPT_LANGUAGE) ?? "")
    : error;
  const details: OutgoingDetail[] = [];
  if (sent.reason !== "") {
    details.push({
      desc: ErrorInfoSchema,
      value: {
        reason: sent.reason,
        domain: sent.domain,
        metadata: { ...sent.metadata },
      },
    });
  }
  const localized = sent.localized;
  if (localized !== undefined) {
    details.push({ desc: LocalizedMessageSchema, value: { ...localized } });
  }
  // Connect has no OK error; an error sent as OK would read as success.
  const code =
    sent.code === Code.OK ? ConnectCode.Unknown : (sent.code as ConnectCode);
  return new ConnectError(sent.message, code, undefined, details, sent);
}

/**
 * A server interceptor (`connectNodeAdapter({ interceptors: [...] })`) that
 * answers a thrown {@link GrpcError} (found along `cause`) with
 * {@link toConnectError}, localized for the caller, so handlers can throw
 * generated errors as they are. Other errors pass through unchanged.
 */
export function errorInterceptor(): Interceptor {
  return (next) => async (request) => {
    const convert = (thrown: unknown): unknown => {
      const error = grpcErrorIn(thrown);
      return error === undefined
        ? thrown
        : toConnectError(error, { requestHeader: request.header });
    };
    let response: Awaited<ReturnType<typeof next>>;
    try {
      response = await next(request);
    } catch (thrown) {
      throw convert(thrown);
    }
    if (!response.stream) {
      return response;
    }
    const messages = response.message;
    return {
      ...response,
      message: (async function* () {
        try {
          yield* messages;
        } catch (thrown) {
          throw convert(thrown);
        }
      })(),
    };
  };
}

/** The {@link GrpcError} along `thrown`'s causes, stopping at a ConnectError. */
function grpcErrorIn(thrown: unknown): GrpcError | undefined {
  let current = thrown;
  for (let depth = 0; depth < 32; depth++) {
    if (current instanceof GrpcError) {
      return current;
    }
    if (
      typeof current !== "object" ||
      current === null ||
      current instanceof ConnectError
    ) {
      return undefined;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
