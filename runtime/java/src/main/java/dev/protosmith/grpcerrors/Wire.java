package dev.protosmith.grpcerrors;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.rpc.ErrorInfo;
import com.google.rpc.LocalizedMessage;
import io.grpc.Metadata;
import io.grpc.Status;
import java.io.IOException;
import java.util.Map;

/**
 * The wire contract: {@code grpc-status-details-bin} holds a serialized {@code google.rpc.Status}
 * whose details carry one {@code google.rpc.ErrorInfo} and, when the caller asked for a language
 * the proto translates to, one {@code google.rpc.LocalizedMessage}.
 */
final class Wire {
  /** The trailer, read and written as raw bytes so that hostile bytes never throw. */
  static final Metadata.Key<byte[]> DETAILS_KEY =
      Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);

  static final String ERROR_INFO = "google.rpc.ErrorInfo";
  static final String LOCALIZED_MESSAGE = "google.rpc.LocalizedMessage";
  private static final String TYPE_URL_PREFIX = "type.googleapis.com/";

  /** Field 3 of google.rpc.Status, length-delimited. */
  private static final int DETAILS_TAG = (3 << 3) | 2;

  private Wire() {}

  static com.google.rpc.Status toStatusProto(GrpcError error) {
    com.google.rpc.Status.Builder status =
        com.google.rpc.Status.newBuilder()
            .setCode(error.code().value())
            .setMessage(error.message());
    if (!error.reason().isEmpty()) {
      ErrorInfo info =
          ErrorInfo.newBuilder()
              .setReason(error.reason())
              .setDomain(error.domain())
              .putAllMetadata(error.metadata())
              .build();
      status.addDetails(pack(ERROR_INFO, info));
    }
    error.localized().ifPresent(localized -> status.addDetails(pack(LOCALIZED_MESSAGE, localized)));
    return status.build();
  }

  static byte[] toDetailsBytes(GrpcError error) {
    return deterministicBytes(toStatusProto(error));
  }

  /** Like {@code Any.pack}, but with map entries serialized in key order. */
  private static Any pack(String typeName, MessageLite message) {
    return Any.newBuilder()
        .setTypeUrl(TYPE_URL_PREFIX + typeName)
        .setValue(ByteString.copyFrom(deterministicBytes(message)))
        .build();
  }

  private static byte[] deterministicBytes(MessageLite message) {
    byte[] bytes = new byte[message.getSerializedSize()];
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.useDeterministicSerialization();
    try {
      message.writeTo(out);
    } catch (IOException e) {
      throw new IllegalStateException("serializing to a byte array cannot fail", e);
    }
    out.checkNoSpaceLeft();
    return bytes;
  }

  /**
   * Rebuilds an error from the wire code and message and the raw {@code grpc-status-details-bin}
   * bytes (null when absent).
   *
   * <p>The wire code and message are kept whatever the details hold: a status without a decodable
   * ErrorInfo has no reason. Details are read one by one and matched by the type name after the
   * last {@code /} of their type URL; an undecodable detail is skipped and the next one read, and
   * bytes cut short keep the details read before the cut. Nothing here throws on hostile bytes, and
   * protobuf checks every length against the bytes present before allocating.
   */
  static GrpcError decode(Status.Code code, String message, byte[] details, Throwable cause) {
    ErrorInfo info = null;
    LocalizedMessage localized = null;
    if (details != null) {
      CodedInputStream in = CodedInputStream.newInstance(details);
      try {
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
          if (tag != DETAILS_TAG) {
            if (!in.skipField(tag)) {
              break;
            }
            continue;
          }
          Any any = parseAny(in.readBytes());
          if (any == null) {
            continue;
          }
          String type = typeName(any.getTypeUrl());
          if (info == null && type.equals(ERROR_INFO)) {
            info = parse(ErrorInfo.parser(), any.getValue());
          } else if (localized == null && type.equals(LOCALIZED_MESSAGE)) {
            localized = parse(LocalizedMessage.parser(), any.getValue());
          }
        }
      } catch (IOException e) {
        // Cut short or malformed from here on: keep what was read.
      }
    }
    String reason = info != null ? info.getReason() : "";
    String domain = info != null ? info.getDomain() : "";
    Map<String, String> metadata = info != null ? info.getMetadataMap() : Map.of();
    return GrpcError.fromWire(code, message, reason, domain, metadata, localized, cause);
  }

  private static Any parseAny(ByteString bytes) {
    return parse(Any.parser(), bytes);
  }

  private static <T> T parse(com.google.protobuf.Parser<T> parser, ByteString bytes) {
    try {
      return parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
  }

  /** {@code type.googleapis.com/google.rpc.ErrorInfo} and {@code google.rpc.ErrorInfo} alike. */
  static String typeName(String typeUrl) {
    return typeUrl.substring(typeUrl.lastIndexOf('/') + 1);
  }
}
