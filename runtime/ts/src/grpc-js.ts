/**
 * `@grpc/grpc-js` glue: answer a call with a {@link GrpcError}, with its
 * `google.rpc.Status` in the `grpc-status-details-bin` trailer (grpc-js does
 * not encode rich details itself). Clients decode with {@link fromError}
 * from the package root.
 *
 * @example
 * ```ts
 * import { grpcHandler } from "@protosmith/grpc-errors/grpc-js";
 *
 * server.addService(UserServiceDefinition, {
 *   getUser: grpcHandler(async (call) => {
 *     throw userErrorNotFound(call.request.userId); // localized for the caller
 *   }),
 * });
 * ```
 *
 * @module
 */

import {
  Metadata,
  type ServerErrorResponse,
  type ServerUnaryCall,
  type handleUnaryCall,
} from "@grpc/grpc-js";
import { GrpcError } from "./error.js";
import { fromError } from "./from-error.js";
import { ACCEPT_LANGUAGE, STATUS_DETAILS_KEY, encodeStatus } from "./wire.js";

/** The caller's `accept-language` values, joined (empty when none was sent). */
export function acceptLanguage(metadata: Metadata): string {
  return metadata
    .get(ACCEPT_LANGUAGE)
    .filter((value): value is string => typeof value === "string")
    .join(",");
}

/**
 * What a grpc-js handler passes to its callback (or emits) to answer with
 * `error`: code, message, and the `grpc-status-details-bin` trailer. With
 * the `call`, the error is first localized for the caller's
 * `accept-language` ({@link GrpcError.withLocale}).
 */
export function toServiceError(
  error: GrpcError,
  call?: { readonly metadata: Metadata },
): ServerErrorResponse {
  const sent = call ? error.withLocale(acceptLanguage(call.metadata)) : error;
  const metadata = new Metadata();
  metadata.set(STATUS_DETAILS_KEY, Buffer.from(encodeStatus(sent)));
  return Object.assign(new Error(sent.message, { cause: sent }), {
    code: sent.code,
    details: sent.message,
    metadata,
  });
}

/**
 * A grpc-js unary handler from an async function. A thrown
 * {@link GrpcError} (anywhere in the `cause` chain) is answered with
 * {@link toServiceError}, localized for the caller; anything else is
 * answered as `UNKNOWN` with its message.
 */
export function grpcHandler<Request, Response>(
  handler: (call: ServerUnaryCall<Request, Response>) => Promise<Response>,
): handleUnaryCall<Request, Response> {
  return (call, callback) => {
    handler(call).then(
      (response) => callback(null, response),
      (thrown: unknown) => callback(toServiceError(fromError(thrown), call)),
    );
  };
}
