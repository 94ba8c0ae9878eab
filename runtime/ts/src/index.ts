/**
 * errors.Is semantics for gRPC errors, across languages.
 *
 * A service throws a {@link GrpcError} made by code that protoc-gen-errors
 * generated from annotated proto enums. On the wire it travels as a
 * `google.rpc.Status` with a `google.rpc.ErrorInfo{reason, domain, metadata}`
 * (and, for callers that sent `accept-language`, a
 * `google.rpc.LocalizedMessage`) in `grpc-status-details-bin`. The receiving
 * side decodes it with {@link fromError} and compares with
 * {@link GrpcError.is}: same reason and domain, whatever the language of the
 * service that sent it.
 *
 * Server helpers live in `@protosmith/grpc-errors/grpc-js` and
 * `@protosmith/grpc-errors/connect`.
 *
 * @example
 * ```ts
 * import { fromError } from "@protosmith/grpc-errors";
 * import { isUserErrorNotFound } from "./gen/acme/user/v1/errors_errors.js";
 *
 * try {
 *   await client.getUser({ userId: "u-1" });
 * } catch (e) {
 *   const error = fromError(e);
 *   if (isUserErrorNotFound(error)) console.log(error.metadata["user_id"]);
 * }
 * ```
 *
 * @module
 */

export {
  Code,
  type CodeName,
  codeFromName,
  codeName,
  httpStatus,
  toCode,
} from "./code.js";
export {
  ErrorDef,
  type ErrorDefInit,
  type ErrorMetadata,
  GrpcError,
  type GrpcErrorInit,
  type TemplateValue,
  defineError,
} from "./error.js";
export { fromError } from "./from-error.js";
export { type LocalizedMessage, negotiateLocale } from "./locale.js";
export { duplicateErrors, lookupError, registeredErrors } from "./registry.js";
export { renderTemplate } from "./template.js";
export {
  ACCEPT_LANGUAGE,
  STATUS_DETAILS_KEY,
  type StatusDetail,
  decodeDetails,
  decodeStatus,
  encodeStatus,
  errorDetails,
} from "./wire.js";
