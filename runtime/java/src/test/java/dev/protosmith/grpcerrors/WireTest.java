package dev.protosmith.grpcerrors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.rpc.ErrorInfo;
import com.google.rpc.LocalizedMessage;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WireTest {
  private static GrpcError decode(Status.Code code, byte[] details) {
    return Wire.decode(code, "wire message", details, null);
  }

  private static Any any(String typeUrl, ByteString value) {
    return Any.newBuilder().setTypeUrl(typeUrl).setValue(value).build();
  }

  private static byte[] status(Any... details) {
    return com.google.rpc.Status.newBuilder()
        .setCode(5)
        .setMessage("proto message")
        .addAllDetails(List.of(details))
        .build()
        .toByteArray();
  }

  private static final ErrorInfo INFO =
      ErrorInfo.newBuilder()
          .setReason("LOCKED")
          .setDomain("inv.example")
          .putMetadata("sku", "s-1")
          .build();

  @Test
  void encodesErrorInfoThenLocalizedMessageAsGrpcProtobufReadsThem() {
    GrpcError error =
        TestErrors.NOT_FOUND.newError("u-1").withMetadata("a", "1").withLocale("zh-CN");
    StatusRuntimeException sent = error.toStatusRuntimeException();
    assertEquals(Status.Code.NOT_FOUND, sent.getStatus().getCode());
    assertEquals("user u-1 not found", sent.getStatus().getDescription());

    // Read back with grpc-protobuf's own StatusProto, not with this runtime.
    com.google.rpc.Status proto = StatusProto.fromThrowable(sent);
    assertEquals(5, proto.getCode());
    assertEquals("user u-1 not found", proto.getMessage());
    assertEquals(2, proto.getDetailsCount());
    assertEquals("type.googleapis.com/google.rpc.ErrorInfo", proto.getDetails(0).getTypeUrl());
    assertEquals(
        "type.googleapis.com/google.rpc.LocalizedMessage", proto.getDetails(1).getTypeUrl());
    ErrorInfo info = assertDoesNotThrowUnpack(proto.getDetails(0), ErrorInfo.class);
    assertEquals("test.v1.TEST_ERROR_NOT_FOUND", info.getReason());
    assertEquals("", info.getDomain());
    assertEquals(Map.of("a", "1", "user_id", "u-1"), info.getMetadataMap());
    LocalizedMessage localized =
        assertDoesNotThrowUnpack(proto.getDetails(1), LocalizedMessage.class);
    assertEquals("zh", localized.getLocale());
    assertEquals("用户 u-1 不存在", localized.getMessage());
  }

  private static <T extends com.google.protobuf.Message> T assertDoesNotThrowUnpack(
      Any any, Class<T> type) {
    try {
      return any.unpack(type);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void serializationIsDeterministicWhateverTheInsertionOrder() {
    GrpcError one =
        GrpcError.of(Status.Code.ABORTED, "R", "m").withMetadata("b", "2").withMetadata("a", "1");
    GrpcError two =
        GrpcError.of(Status.Code.ABORTED, "R", "m").withMetadata("a", "1").withMetadata("b", "2");
    assertArrayEquals(Wire.toDetailsBytes(one), Wire.toDetailsBytes(two));
    assertArrayEquals(Wire.toDetailsBytes(one), Wire.toDetailsBytes(one));
  }

  @Test
  void anErrorWithoutAReasonIsSentWithoutErrorInfo() {
    com.google.rpc.Status proto =
        GrpcError.of(Status.Code.UNAVAILABLE, "", "later").toStatusProto();
    assertEquals(0, proto.getDetailsCount());
    assertEquals("later", proto.getMessage());
  }

  @Test
  void decodesRegisteredAndUnregisteredReasons() {
    GrpcError registered =
        decode(
            Status.Code.INTERNAL,
            status(
                any(
                    "type.googleapis.com/google.rpc.ErrorInfo",
                    ErrorInfo.newBuilder()
                        .setReason("test.v1.TEST_ERROR_NOT_FOUND")
                        .putMetadata("user_id", "u-2")
                        .build()
                        .toByteString())));
    assertEquals(Status.Code.NOT_FOUND, registered.code(), "the registry's code wins");
    assertTrue(registered.is(TestErrors.NOT_FOUND));
    assertEquals("wire message", registered.message());
    assertEquals(Optional.of("用户 u-2 不存在"), registered.localizedMessage("zh"));

    GrpcError unregistered =
        decode(
            Status.Code.ABORTED,
            status(any("type.googleapis.com/google.rpc.ErrorInfo", INFO.toByteString())));
    assertEquals(Status.Code.ABORTED, unregistered.code());
    assertEquals("LOCKED", unregistered.reason());
    assertEquals("inv.example", unregistered.domain());
    assertEquals(Map.of("sku", "s-1"), unregistered.metadata());
    assertTrue(unregistered.definition().isEmpty());
  }

  @Test
  void aStatusWithoutErrorInfoHasNoReasonAndKeepsTheWireCode() {
    for (byte[] details :
        Arrays.asList(null, new byte[0], status(), status(any("x/y.Other", ByteString.EMPTY)))) {
      GrpcError error = decode(Status.Code.UNAVAILABLE, details);
      assertEquals(Status.Code.UNAVAILABLE, error.code());
      assertEquals("", error.reason());
      assertEquals("wire message", error.message());
      assertFalse(error.is(error));
    }
  }

  @Test
  void malformedDetailsAreSkippedAndTheNextOneIsRead() {
    ByteString garbage = ByteString.copyFrom(new byte[] {(byte) 0x0a, (byte) 0xff, 0x01});
    LocalizedMessage de =
        LocalizedMessage.newBuilder().setLocale("de").setMessage("gesperrt").build();
    byte[] details =
        status(
            any("type.googleapis.com/google.rpc.ErrorInfo", garbage),
            any("type.googleapis.com/google.rpc.LocalizedMessage", garbage),
            // Matched by the name after the last '/', whatever the host.
            any("example.com/types/google.rpc.ErrorInfo", INFO.toByteString()),
            any("google.rpc.LocalizedMessage", de.toByteString()));
    GrpcError error = decode(Status.Code.ABORTED, details);
    assertEquals(Status.Code.ABORTED, error.code());
    assertEquals("LOCKED", error.reason());
    assertEquals(Optional.of(de), error.localized());
  }

  @Test
  void detailsCutShortKeepWhatCameBeforeTheCut() {
    byte[] whole =
        status(
            any("type.googleapis.com/google.rpc.ErrorInfo", INFO.toByteString()),
            any(
                "type.googleapis.com/google.rpc.LocalizedMessage",
                LocalizedMessage.newBuilder()
                    .setLocale("de")
                    .setMessage("x")
                    .build()
                    .toByteString()));
    byte[] cut = Arrays.copyOf(whole, whole.length - 3);
    GrpcError error = decode(Status.Code.ABORTED, cut);
    assertEquals(Status.Code.ABORTED, error.code());
    assertEquals("LOCKED", error.reason());
    assertEquals(Optional.empty(), error.localized());
  }

  @Test
  void hostileBytesNeverThrowAndNeverChangeTheCode() {
    Random random = new Random(20261201);
    byte[] valid =
        status(
            any("type.googleapis.com/google.rpc.ErrorInfo", INFO.toByteString()),
            any("type.googleapis.com/google.rpc.LocalizedMessage", INFO.toByteString()));
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes;
      if (i < valid.length) {
        bytes = Arrays.copyOf(valid, i);
      } else if (i % 2 == 0) {
        bytes = valid.clone();
        for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
          bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
      } else {
        bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
      }
      GrpcError error = decode(Status.Code.DATA_LOSS, bytes);
      if (error.definition().isEmpty()) {
        assertEquals(Status.Code.DATA_LOSS, error.code());
      }
      Wire.toDetailsBytes(error);
    }
    // Deeply nested groups hit protobuf's recursion limit instead of the stack.
    byte[] groups = new byte[100_000];
    Arrays.fill(groups, (byte) 0x0b);
    assertEquals(Status.Code.DATA_LOSS, decode(Status.Code.DATA_LOSS, groups).code());
    assertEquals(
        "LOCKED",
        decode(
                Status.Code.ABORTED,
                status(
                    any("type.googleapis.com/google.rpc.ErrorInfo", ByteString.copyFrom(groups)),
                    any("type.googleapis.com/google.rpc.ErrorInfo", INFO.toByteString())))
            .reason());
    // A length prefix claiming 2 GB allocates nothing.
    byte[] huge = {0x1a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 0x0a};
    assertEquals("", decode(Status.Code.INTERNAL, huge).reason());
  }

  @Test
  void statusRuntimeExceptionsWithoutTrailersDecodeToTheirCode() {
    GrpcError error =
        GrpcErrors.from(Status.DEADLINE_EXCEEDED.withDescription("slow").asRuntimeException());
    assertEquals(Status.Code.DEADLINE_EXCEEDED, error.code());
    assertEquals("slow", error.message());
    assertEquals("", error.reason());
    Metadata trailers = new Metadata();
    trailers.put(Wire.DETAILS_KEY, new byte[] {1, 2, 3});
    assertEquals(Status.Code.NOT_FOUND, GrpcErrors.fromStatus(Status.NOT_FOUND, trailers).code());
    assertEquals("google.rpc.ErrorInfo", Wire.typeName("google.rpc.ErrorInfo"));
  }
}
