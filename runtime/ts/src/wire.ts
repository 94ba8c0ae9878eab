/**
 * The wire contract: `grpc-status-details-bin` holds a serialized
 * `google.rpc.Status` whose details carry one `google.rpc.ErrorInfo` and,
 * when the caller asked for a language the proto translates to, one
 * `google.rpc.LocalizedMessage`.
 *
 * Decoding never throws: hostile or truncated bytes lose only what they
 * spoil. The code and message always come from `grpc-status` and
 * `grpc-message`; an undecodable Status gives no reason; an undecodable
 * detail is skipped and the next one read.
 *
 * @module
 */

import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import type { DescMessage, MessageShape } from "@bufbuild/protobuf";
import { type Code, toCode } from "./code.js";
import { GrpcError } from "./error.js";
import {
  ErrorInfoSchema,
  LocalizedMessageSchema,
} from "./gen/google/rpc/error_details_pb.js";
import { StatusSchema } from "./gen/google/rpc/status_pb.js";
import { lookupError } from "./registry.js";

/** The trailer that carries the serialized `google.rpc.Status`. */
export const STATUS_DETAILS_KEY = "grpc-status-details-bin";

/** The request metadata key callers put their languages under. */
export const ACCEPT_LANGUAGE = "accept-language";

/** Type URL prefix of every `google.protobuf.Any` this runtime writes. */
const TYPE_URL_PREFIX = "type.googleapis.com/";

/** One `google.protobuf.Any` detail: its type name (without URL prefix) and bytes. */
export interface StatusDetail {
  /** Full name of the message type, e.g. `google.rpc.ErrorInfo`. */
  readonly type: string;
  /** The serialized message. */
  readonly value: Uint8Array;
}

/** The details `error` carries on the wire, in order: ErrorInfo, then LocalizedMessage. */
export function errorDetails(error: GrpcError): StatusDetail[] {
  const details: StatusDetail[] = [];
  if (error.reason !== "") {
    const info = create(ErrorInfoSchema, {
      reason: error.reason,
      domain: error.domain,
      metadata: { ...error.metadata },
    });
    details.push(detail(ErrorInfoSchema, info));
  }
  const localized = error.localized;
  if (localized !== undefined) {
    details.push(
      detail(LocalizedMessageSchema, create(LocalizedMessageSchema, localized)),
    );
  }
  return details;
}

/**
 * Serializes `error` as the `google.rpc.Status` that goes into
 * `grpc-status-details-bin`. An error without a reason carries no
 * ErrorInfo: there is nothing to identify. Metadata is written in key order.
 */
export function encodeStatus(error: GrpcError): Uint8Array {
  const status = create(StatusSchema, {
    code: error.code,
    message: error.message,
    details: errorDetails(error).map(({ type, value }) => ({
      typeUrl: TYPE_URL_PREFIX + type,
      value,
    })),
  });
  return toBinary(StatusSchema, status);
}

/**
 * Rebuilds an error from a status code, message and the raw
 * `grpc-status-details-bin` bytes (absent or empty when the peer sent none).
 */
export function decodeStatus(
  code: number,
  message: string,
  statusDetails: Uint8Array | undefined,
): GrpcError {
  let details: StatusDetail[] = [];
  if (statusDetails !== undefined && statusDetails.length > 0) {
    const status = tryDecode(StatusSchema, statusDetails);
    details =
      status?.details.map((any) => ({
        type: typeName(any.typeUrl),
        value: any.value,
      })) ?? [];
  }
  return decodeDetails(code, message, details);
}

/**
 * Rebuilds an error from a status code, message and its already unpacked
 * details (as Connect hands them over). A registered reason gives the
 * registered definition and its code, with the wire message and metadata;
 * an unknown reason keeps the wire code; no ErrorInfo means no reason.
 */
export function decodeDetails(
  code: number,
  message: string,
  details: Iterable<StatusDetail>,
): GrpcError {
  let info: MessageShape<typeof ErrorInfoSchema> | undefined;
  let localized: MessageShape<typeof LocalizedMessageSchema> | undefined;
  for (const { type, value } of details) {
    if (info === undefined && type === ErrorInfoSchema.typeName) {
      info = tryDecode(ErrorInfoSchema, value);
    } else if (
      localized === undefined &&
      type === LocalizedMessageSchema.typeName
    ) {
      localized = tryDecode(LocalizedMessageSchema, value);
    }
  }
  const reason = info?.reason ?? "";
  const domain = info?.domain ?? "";
  const metadata = info?.metadata ?? {};
  const def = lookupError(reason, domain);
  let error =
    def === undefined
      ? new GrpcError({
          code: toCode(code) as Code,
          message,
          reason,
          domain,
          metadata,
        })
      : def.toError().withMessage(message).withMetadata(metadata);
  if (localized !== undefined) {
    error = error.withLocalizedMessage(localized.locale, localized.message);
  }
  return error;
}

/** The type name after the last `/` of a type URL. */
function typeName(typeUrl: string): string {
  return typeUrl.slice(typeUrl.lastIndexOf("/") + 1);
}

function detail<Desc extends DescMessage>(
  schema: Desc,
  message: MessageShape<Desc>,
): StatusDetail {
  return { type: schema.typeName, value: toBinary(schema, message) };
}

function tryDecode<Desc extends DescMessage>(
  schema: Desc,
  bytes: Uint8Array,
): MessageShape<Desc> | undefined {
  try {
    // Unknown fields are dropped: nothing here re-sends them.
    return fromBinary(schema, bytes, { readUnknownFields: false });
  } catch {
    return undefined;
  }
}
