package dev.protosmith.grpcerrors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.StringValue;
import com.google.rpc.LocalizedMessage;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real grpc-java server and client, in process, with the interceptor in place. */
class InProcessTest {
  private static final MethodDescriptor<StringValue, StringValue> FAIL =
      MethodDescriptor.<StringValue, StringValue>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("test.v1.Test/Fail")
          .setRequestMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
          .setResponseMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
          .build();

  private static Server server;
  private static ManagedChannel channel;

  @BeforeAll
  static void start() throws IOException {
    String name = InProcessServerBuilder.generateName();
    ServerServiceDefinition service =
        ServerServiceDefinition.builder("test.v1.Test")
            .addMethod(
                FAIL,
                ServerCalls.asyncUnaryCall(
                    (request, response) -> {
                      GrpcError error = TestErrors.NOT_FOUND.newError("u-404");
                      switch (request.getValue()) {
                        case "throw" -> throw error;
                        case "throw wrapped" -> throw new IllegalStateException("wrapped", error);
                        case "onError" -> response.onError(error);
                        case "onError status" -> response.onError(error.toStatusRuntimeException());
                        case "localized already" ->
                            throw error.withLocalizedMessage("fr", "introuvable");
                        case "plain" -> throw new IllegalArgumentException("not ours");
                        default -> {
                          response.onNext(request);
                          response.onCompleted();
                        }
                      }
                    }))
            .build();
    server =
        InProcessServerBuilder.forName(name)
            .directExecutor()
            .addService(ServerInterceptors.intercept(service, new GrpcErrorInterceptor()))
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private static StatusRuntimeException call(String how, String acceptLanguage) {
    Metadata headers = new Metadata();
    if (acceptLanguage != null) {
      headers.put(GrpcErrors.ACCEPT_LANGUAGE, acceptLanguage);
    }
    var intercepted =
        ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    return assertThrows(
        StatusRuntimeException.class,
        () ->
            ClientCalls.blockingUnaryCall(
                intercepted, FAIL, CallOptions.DEFAULT, StringValue.of(how)));
  }

  @Test
  void thrownAndPassedErrorsArriveWithTheirIdentity() {
    for (String how : new String[] {"throw", "throw wrapped", "onError", "onError status"}) {
      StatusRuntimeException caught = call(how, null);
      assertEquals(Status.Code.NOT_FOUND, caught.getStatus().getCode(), how);
      GrpcError error = GrpcErrors.from(caught);
      assertTrue(error.is(TestErrors.NOT_FOUND), how);
      assertTrue(TestErrors.NOT_FOUND.matches(caught), how);
      assertFalse(TestErrors.OUT_OF_STOCK.matches(caught), how);
      assertEquals("user u-404 not found", error.message(), how);
      assertEquals(Map.of("user_id", "u-404"), error.metadata(), how);
      assertEquals(Optional.empty(), error.localized(), how);
    }
  }

  @Test
  void theCallersLanguageSelectsTheLocalizedMessage() {
    GrpcError german = GrpcErrors.from(call("throw", "de-AT, en;q=0.5"));
    assertEquals(
        Optional.of(
            LocalizedMessage.newBuilder()
                .setLocale("de")
                .setMessage("Benutzer u-404 nicht gefunden")
                .build()),
        german.localized());
    assertEquals("user u-404 not found", german.message());
    assertEquals(
        "zh", GrpcErrors.from(call("onError", "zh-TW")).localized().orElseThrow().getLocale());
    assertEquals(Optional.empty(), GrpcErrors.from(call("throw", "fr, it")).localized());
    assertEquals(
        "introuvable",
        GrpcErrors.from(call("localized already", "de")).localized().orElseThrow().getMessage());
  }

  @Test
  void otherExceptionsAreLeftToGrpc() {
    StatusRuntimeException caught = call("plain", null);
    assertEquals(Status.Code.UNKNOWN, caught.getStatus().getCode());
    GrpcError error = GrpcErrors.from(caught);
    assertEquals("", error.reason());
    assertEquals(500, error.httpStatus());
  }
}
