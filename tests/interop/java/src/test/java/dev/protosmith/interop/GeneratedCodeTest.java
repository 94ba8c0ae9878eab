package dev.protosmith.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import acme.order.v1.OrderErrorErrors;
import acme.order.v1.PaymentErrorErrors;
import acme.user.v1.UserErrorErrors;
import dev.protosmith.grpcerrors.ErrorDefinition;
import dev.protosmith.grpcerrors.ErrorRegistry;
import dev.protosmith.grpcerrors.GrpcError;
import io.grpc.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The hand-written generated code of the example module (gen/), as a user would call it. */
class GeneratedCodeTest {
  @Test
  void factoriesRenderTheirMessageAndSendTheirArgumentsAsMetadata() {
    GrpcError notFound = UserErrorErrors.notFound("u-404");
    assertEquals(Status.Code.NOT_FOUND, notFound.code());
    assertEquals(404, notFound.httpStatus());
    assertEquals("acme.user.v1.USER_ERROR_NOT_FOUND", notFound.reason());
    assertEquals("", notFound.domain());
    assertEquals("user u-404 not found", notFound.message());
    assertEquals(Map.of("user_id", "u-404"), notFound.metadata());
    assertSame(UserErrorErrors.NOT_FOUND, notFound.definition().orElseThrow());

    GrpcError stock = OrderErrorErrors.outOfStock("2", "sku-9");
    assertEquals("only 2 of sku-9 left", stock.message());
    assertEquals(Map.of("available", "2", "sku", "sku-9"), stock.metadata());
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, stock.code());

    GrpcError declined = PaymentErrorErrors.cardDeclined("4242");
    assertEquals("acme.order.v1.Payment.ERROR_CARD_DECLINED", declined.reason());
    assertEquals("card ending in 4242 was declined", declined.message());
    assertEquals(Status.Code.FAILED_PRECONDITION, declined.code());

    assertEquals("USER_ERROR_EMAIL_TAKEN", UserErrorErrors.emailTaken().message());
    assertEquals(Status.Code.INTERNAL, UserErrorErrors.storageFailure().code());
    assertEquals(Status.Code.FAILED_PRECONDITION, OrderErrorErrors.alreadyPaid("o").code());
    assertEquals(Status.Code.UNAVAILABLE, PaymentErrorErrors.providerUnavailable().code());
    assertEquals(
        "Benutzer u-1 nicht gefunden",
        UserErrorErrors.notFound("u-1").localizedMessage("de").orElseThrow());
    assertEquals(
        "\u5bc6\u7801\u4e0d\u5339\u914d",
        UserErrorErrors.passwordMismatch("u-1").localizedMessage("cn").orElseThrow());
  }

  @Test
  void definitionsCarryWhatTheProtoDeclares() {
    List<ErrorDefinition> all = all();
    assertEquals(9, all.size());
    assertEquals(
        List.of(1, 2, 3, 4, 1, 2, 3, 1, 2),
        all.stream().map(ErrorDefinition::number).collect(Collectors.toList()));
    for (ErrorDefinition definition : all) {
      assertEquals(definition.reason(), definition.protoName(), "ego reason style");
      assertSame(definition, ErrorRegistry.lookup("", definition.reason()).orElseThrow());
    }
    assertEquals(List.of(), ErrorRegistry.duplicates());
    assertEquals(List.of("available", "sku"), OrderErrorErrors.OUT_OF_STOCK.placeholders());
    assertEquals(
        List.of("de", "zh"), List.copyOf(UserErrorErrors.NOT_FOUND.translations().keySet()));
    assertEquals(
        "acme.order.v1.Payment.ERROR_PROVIDER_UNAVAILABLE",
        PaymentErrorErrors.PROVIDER_UNAVAILABLE.protoName());
  }

  @Test
  void eachIsCheckMatchesItsOwnErrorAndNoOther() {
    List<ErrorDefinition> all = all();
    List<Predicate<Throwable>> checks =
        List.of(
            UserErrorErrors::isNotFound,
            UserErrorErrors::isEmailTaken,
            UserErrorErrors::isPasswordMismatch,
            UserErrorErrors::isStorageFailure,
            OrderErrorErrors::isNotFound,
            OrderErrorErrors::isOutOfStock,
            OrderErrorErrors::isAlreadyPaid,
            PaymentErrorErrors::isCardDeclined,
            PaymentErrorErrors::isProviderUnavailable);
    for (int i = 0; i < all.size(); i++) {
      for (int j = 0; j < all.size(); j++) {
        String[] values = new String[all.get(j).placeholders().size()];
        Throwable sent = all.get(j).newError(values).toStatusRuntimeException();
        assertEquals(i == j, checks.get(i).test(sent), i + " vs " + j);
      }
      assertFalse(checks.get(i).test(new IllegalStateException("not a gRPC error")));
      assertFalse(checks.get(i).test(null));
    }
    assertTrue(
        UserErrorErrors.isNotFound(
            new RuntimeException(UserErrorErrors.notFound("u").toStatusException())));
  }

  @Test
  void generatedFilesArePlainAsciiWithTheHeader() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("gen"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(
            text.startsWith(
                "// Code generated by protoc-gen-errors. DO NOT EDIT.\n// source: acme/"),
            file.toString());
        assertTrue(
            text.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f)), file.toString());
      }
    }
  }

  private static List<ErrorDefinition> all() {
    return Stream.of(UserErrorErrors.ALL, OrderErrorErrors.ALL, PaymentErrorErrors.ALL)
        .flatMap(List::stream)
        .collect(Collectors.toList());
  }
}
