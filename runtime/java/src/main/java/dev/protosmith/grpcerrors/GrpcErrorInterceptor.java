package dev.protosmith.grpcerrors;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Sends {@link GrpcError}s the way the wire contract says, in the caller's language.
 *
 * <p>A handler may throw a {@code GrpcError} (grpc-java alone would answer {@code UNKNOWN}) or pass
 * it, or its {@link GrpcError#toStatusRuntimeException()}, to {@code responseObserver.onError}.
 * Either way this interceptor closes the call with the error's code, message and {@code
 * grpc-status-details-bin}, adding the {@code LocalizedMessage} that best fits the request's {@code
 * accept-language} unless the error already carries one. Other exceptions are left to gRPC.
 *
 * <pre>{@code
 * Server server = ServerBuilder.forPort(port)
 *     .addService(ServerInterceptors.intercept(new UserService(), new GrpcErrorInterceptor()))
 *     .build();
 * }</pre>
 */
public final class GrpcErrorInterceptor implements ServerInterceptor {
  /** An interceptor; it holds no state, so one instance can serve every service. */
  public GrpcErrorInterceptor() {}

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    ErrorCall<ReqT, RespT> errorCall = new ErrorCall<>(call, GrpcErrors.acceptLanguage(headers));
    ServerCall.Listener<ReqT> listener;
    try {
      listener = next.startCall(errorCall, headers);
    } catch (RuntimeException e) {
      if (errorCall.closeWith(e)) {
        return new ServerCall.Listener<>() {};
      }
      throw e;
    }
    return new ErrorListener<>(listener, errorCall);
  }

  /** The first {@link GrpcError} in the causes of {@code error}, or null. */
  private static GrpcError find(Throwable error) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof GrpcError own) {
        return own;
      }
    }
    return null;
  }

  private static final class ErrorCall<ReqT, RespT>
      extends ForwardingServerCall.SimpleForwardingServerCall<ReqT, RespT> {
    private final String acceptLanguage;
    private volatile boolean closed;

    ErrorCall(ServerCall<ReqT, RespT> delegate, String acceptLanguage) {
      super(delegate);
      this.acceptLanguage = acceptLanguage;
    }

    @Override
    public void close(Status status, Metadata trailers) {
      GrpcError error = status.isOk() ? null : find(status.getCause());
      if (error == null) {
        closed = true;
        super.close(status, trailers);
        return;
      }
      send(error, trailers);
    }

    /** Closes the call with the GrpcError in {@code thrown}; false when there is none. */
    boolean closeWith(Throwable thrown) {
      GrpcError error = find(thrown);
      if (error == null || closed) {
        return false;
      }
      send(error, new Metadata());
      return true;
    }

    private void send(GrpcError error, Metadata trailers) {
      if (error.localized().isEmpty() && !acceptLanguage.isEmpty()) {
        error = error.withLocale(acceptLanguage);
      }
      trailers.discardAll(Wire.DETAILS_KEY);
      trailers.merge(error.toTrailers());
      closed = true;
      super.close(error.toStatus(), trailers);
    }
  }

  private static final class ErrorListener<ReqT>
      extends ForwardingServerCallListener.SimpleForwardingServerCallListener<ReqT> {
    private final ErrorCall<ReqT, ?> call;

    ErrorListener(ServerCall.Listener<ReqT> delegate, ErrorCall<ReqT, ?> call) {
      super(delegate);
      this.call = call;
    }

    @Override
    public void onMessage(ReqT message) {
      try {
        super.onMessage(message);
      } catch (RuntimeException e) {
        rethrowUnlessSent(e);
      }
    }

    @Override
    public void onHalfClose() {
      try {
        super.onHalfClose();
      } catch (RuntimeException e) {
        rethrowUnlessSent(e);
      }
    }

    @Override
    public void onReady() {
      try {
        super.onReady();
      } catch (RuntimeException e) {
        rethrowUnlessSent(e);
      }
    }

    private void rethrowUnlessSent(RuntimeException e) {
      if (!call.closeWith(e)) {
        throw e;
      }
    }
  }
}
