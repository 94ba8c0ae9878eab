package dev.protosmith.interop;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.StringValue;
import dev.protosmith.grpcerrors.ErrorDefinition;
import dev.protosmith.grpcerrors.ErrorRegistry;
import dev.protosmith.grpcerrors.GrpcError;
import dev.protosmith.grpcerrors.GrpcErrorInterceptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The Java interop server: answers every {@code Raise} with the error the request describes.
 *
 * <p>It never names a generated class: registered reasons are found through {@link ErrorRegistry},
 * which the generated code fills through {@code META-INF/services}. Errors are thrown and {@link
 * GrpcErrorInterceptor} sends them, adding the {@code LocalizedMessage} the caller's {@code
 * accept-language} asks for.
 */
public final class InteropServer {
  private InteropServer() {}

  /**
   * Binds 127.0.0.1 on a free port, prints {@code listening 127.0.0.1:PORT}, and serves until
   * SIGTERM or until stdin closes.
   *
   * @param args none
   * @throws IOException when the server cannot bind
   * @throws InterruptedException when interrupted while serving
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    Server server = start();
    int port = ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
    System.out.println("listening 127.0.0.1:" + port);
    System.out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
    Thread stdin =
        new Thread(
            () -> {
              try {
                while (System.in.read() >= 0) {
                  // Only the end of stdin matters.
                }
              } catch (IOException e) {
                // A broken stdin ends the server too.
              }
              server.shutdownNow();
            },
            "stdin-watch");
    stdin.setDaemon(true);
    stdin.start();
    server.awaitTermination();
  }

  /**
   * The interop service on 127.0.0.1, on a free port, with {@link GrpcErrorInterceptor}.
   *
   * @return the started server
   * @throws IOException when it cannot bind
   */
  static Server start() throws IOException {
    ServerServiceDefinition service =
        ServerServiceDefinition.builder("protosmith.interop.v1.Interop")
            .addMethod(Interop.RAISE, ServerCalls.asyncUnaryCall(InteropServer::raise))
            .build();
    return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(ServerInterceptors.intercept(service, new GrpcErrorInterceptor()))
        .build()
        .start();
  }

  /** Raises the error described by the request's JSON. */
  static void raise(StringValue request, StreamObserver<StringValue> response) {
    JsonObject raise;
    try {
      raise = JsonParser.parseString(request.getValue()).getAsJsonObject();
    } catch (RuntimeException e) {
      response.onError(
          Status.INTERNAL
              .withDescription("unreadable request JSON: " + e.getMessage())
              .asRuntimeException());
      return;
    }
    GrpcError error;
    try {
      error = build(raise).orElse(null);
    } catch (RuntimeException e) {
      response.onError(Status.INTERNAL.withDescription("bad request: " + e).asRuntimeException());
      return;
    }
    if (error == null) {
      response.onError(
          Status.INTERNAL
              .withDescription("unknown reason " + Interop.string(raise, "reason"))
              .asRuntimeException());
      return;
    }
    throw error;
  }

  private static Optional<GrpcError> build(JsonObject raise) {
    if (raise.has("custom")) {
      JsonObject custom = raise.getAsJsonObject("custom");
      Status.Code code = Status.fromCodeValue(custom.get("code").getAsInt()).getCode();
      return Optional.of(
          GrpcError.of(code, Interop.string(custom, "reason"), Interop.string(custom, "message"))
              .withDomain(Interop.string(custom, "domain"))
              .withMetadata(Interop.strings(custom, "metadata")));
    }
    String reason = Interop.string(raise, "reason");
    return ErrorRegistry.all().stream()
        .filter(definition -> definition.reason().equals(reason))
        .findFirst()
        .map(
            (ErrorDefinition definition) ->
                definition
                    .newError(Interop.strings(raise, "args"))
                    .withMetadata(Interop.strings(raise, "extra_metadata")));
  }
}
