package dev.protosmith.grpcerrors;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;

/** Decoding gRPC errors, and the tables of the wire contract. */
public final class GrpcErrors {
  /** The request metadata entry in which gRPC clients send their languages. */
  public static final Metadata.Key<String> ACCEPT_LANGUAGE =
      Metadata.Key.of("accept-language", Metadata.ASCII_STRING_MARSHALLER);

  private GrpcErrors() {}

  /**
   * The gRPC error in {@code error} or its causes: the first {@link GrpcError}, or the first {@link
   * StatusRuntimeException} or {@link StatusException} decoded with {@link #fromStatus}. Anything
   * else is {@code UNKNOWN} with an empty reason, the outermost throwable's message, and that
   * throwable as cause.
   *
   * @param error what a call threw, or what a handler caught
   * @return the error; never null, never throws
   */
  public static GrpcError from(Throwable error) {
    Objects.requireNonNull(error, "error");
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof GrpcError own) {
        return own;
      }
      if (t instanceof StatusRuntimeException e) {
        return decode(e.getStatus(), e.getTrailers(), e);
      }
      if (t instanceof StatusException e) {
        return decode(e.getStatus(), e.getTrailers(), e);
      }
    }
    String message = error.getMessage() != null ? error.getMessage() : error.toString();
    return GrpcError.fromWire(
        Status.Code.UNKNOWN, message, "", "", Collections.emptyMap(), null, error);
  }

  /**
   * Decodes the error a peer sent, from a status and its trailers (as a {@link
   * io.grpc.ClientCall.Listener#onClose} sees them).
   *
   * <p>A registered reason gives the registered error (its code) with the wire message and
   * metadata; an unregistered reason keeps the wire code; a status without ErrorInfo gives the wire
   * code with an empty reason. Malformed details never change the wire code and never throw: an
   * undecodable detail is skipped.
   *
   * @param status the status
   * @param trailers the trailers, or null
   * @return the error
   */
  public static GrpcError fromStatus(Status status, Metadata trailers) {
    return decode(status, trailers, status.getCause());
  }

  private static GrpcError decode(Status status, Metadata trailers, Throwable cause) {
    String message = status.getDescription() != null ? status.getDescription() : "";
    byte[] details = trailers != null ? trailers.get(Wire.DETAILS_KEY) : null;
    return Wire.decode(status.getCode(), message, details, cause);
  }

  /**
   * The languages of a request: every {@code accept-language} value of {@code headers}, joined with
   * commas.
   *
   * @param headers request headers
   * @return an {@code Accept-Language} list, empty when the caller sent none
   */
  public static String acceptLanguage(Metadata headers) {
    Iterable<String> values = headers.getAll(ACCEPT_LANGUAGE);
    return values == null ? "" : String.join(",", values);
  }

  /**
   * The HTTP status of a gRPC code, from {@code google/rpc/code.proto} (ego's table differs for
   * CANCELLED, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED and FAILED_PRECONDITION; this is Google's).
   *
   * @param code the code
   * @return the HTTP status
   */
  public static int httpStatus(Status.Code code) {
    return switch (code) {
      case OK -> 200;
      case CANCELLED -> 499;
      case UNKNOWN, INTERNAL, DATA_LOSS -> 500;
      case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
      case DEADLINE_EXCEEDED -> 504;
      case NOT_FOUND -> 404;
      case ALREADY_EXISTS, ABORTED -> 409;
      case PERMISSION_DENIED -> 403;
      case RESOURCE_EXHAUSTED -> 429;
      case UNIMPLEMENTED -> 501;
      case UNAVAILABLE -> 503;
      case UNAUTHENTICATED -> 401;
    };
  }
}
