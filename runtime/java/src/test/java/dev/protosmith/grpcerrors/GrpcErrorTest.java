package dev.protosmith.grpcerrors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Metadata;
import io.grpc.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GrpcErrorTest {
  @Test
  void definitionsRenderTheirTemplateAndKeepTheArgumentsAsMetadata() {
    GrpcError error = TestErrors.NOT_FOUND.newError("u-1");
    assertEquals(Status.Code.NOT_FOUND, error.code());
    assertEquals("test.v1.TEST_ERROR_NOT_FOUND", error.reason());
    assertEquals("", error.domain());
    assertEquals("user u-1 not found", error.message());
    assertEquals("user u-1 not found", error.getMessage());
    assertEquals(Map.of("user_id", "u-1"), error.metadata());
    assertEquals(404, error.httpStatus());
    assertSame(TestErrors.NOT_FOUND, error.definition().orElseThrow());

    GrpcError stock = TestErrors.OUT_OF_STOCK.newError("2", null);
    assertEquals("only 2 of null left, {really}", stock.message());
    assertEquals(Map.of("available", "2", "sku", "null"), stock.metadata());
    assertEquals(
        "only 3 of s left, {really}",
        TestErrors.OUT_OF_STOCK.newError(Map.of("available", "3", "sku", "s")).message());
    assertThrows(IllegalArgumentException.class, () -> TestErrors.OUT_OF_STOCK.newError("2"));
  }

  @Test
  void withMethodsReturnNewValuesAndLeaveTheOriginalAlone() {
    GrpcError original = TestErrors.NOT_FOUND.newError("u-1");
    GrpcError changed =
        original
            .withMessage("other")
            .withMetadata("request_id", "r-1")
            .withMetadata(Map.of("user_id", "u-2"))
            .withCause(new IOException("disk"));
    assertNotSame(original, changed);
    assertEquals("user u-1 not found", original.message());
    assertEquals(Map.of("user_id", "u-1"), original.metadata());
    assertNull(original.getCause());
    assertEquals("other", changed.message());
    assertEquals(Map.of("request_id", "r-1", "user_id", "u-2"), changed.metadata());
    assertEquals("disk", changed.getCause().getMessage());
    assertTrue(changed.is(original));
    assertThrows(UnsupportedOperationException.class, () -> changed.metadata().put("k", "v"));
    assertThrows(IllegalStateException.class, () -> original.initCause(new IOException()));
    // The definition is untouched by anything done to its errors.
    assertEquals("user {user_id} not found", TestErrors.NOT_FOUND.message());
  }

  @Test
  void isComparesReasonAndDomainOnly() {
    GrpcError a = GrpcError.of(Status.Code.ABORTED, "LOCKED", "a").withDomain("inv.example");
    GrpcError b = GrpcError.of(Status.Code.INTERNAL, "LOCKED", "b").withDomain("inv.example");
    GrpcError otherDomain = a.withDomain("other.example");
    assertTrue(a.is(b));
    assertTrue(b.is(a));
    assertFalse(a.is(otherDomain));
    assertFalse(a.is((GrpcError) null));
    assertTrue(TestErrors.NOT_FOUND.newError("x").is(TestErrors.NOT_FOUND));
    assertFalse(TestErrors.NOT_FOUND.newError("x").is(TestErrors.OUT_OF_STOCK));
    assertFalse(
        GrpcError.of(Status.Code.RESOURCE_EXHAUSTED, "OUT_OF_STOCK", "m")
            .is(TestErrors.OUT_OF_STOCK),
        "same reason, other domain");
  }

  @Test
  void anErrorWithoutAReasonMatchesNothingNotEvenItself() {
    GrpcError plain = GrpcError.of(Status.Code.UNAVAILABLE, "", "try again");
    assertFalse(plain.is(plain));
    assertFalse(plain.is(GrpcError.of(Status.Code.UNAVAILABLE, "", "try again")));
    assertFalse(GrpcErrors.from(new IllegalStateException("boom")).is(plain));
  }

  @Test
  void okIsNotAnErrorCodeAndDefinitionsNeedAReason() {
    assertThrows(IllegalArgumentException.class, () -> GrpcError.of(Status.Code.OK, "R", "m"));
    assertThrows(
        IllegalArgumentException.class, () -> ErrorDefinition.builder("R", Status.Code.OK));
    assertThrows(
        IllegalArgumentException.class, () -> ErrorDefinition.builder("", Status.Code.INTERNAL));
  }

  @Test
  void withLocalePicksTheBestTranslationAndRendersItWithTheMetadata() {
    GrpcError error = TestErrors.NOT_FOUND.newError("u-404");
    assertEquals(Optional.empty(), error.localized());
    GrpcError german = error.withLocale("de-AT, en;q=0.5");
    assertEquals("de", german.localized().orElseThrow().getLocale());
    assertEquals("Benutzer u-404 nicht gefunden", german.localized().orElseThrow().getMessage());
    assertEquals("user u-404 not found", german.message(), "the message stays the declared one");
    // Metadata added afterwards still fills the translation's placeholders.
    assertEquals(
        "Benutzer u-9 nicht gefunden",
        german.withMetadata("user_id", "u-9").localized().orElseThrow().getMessage());
    assertSame(error, error.withLocale("fr"));
    Metadata headers = new Metadata();
    assertSame(error, error.withLocaleFrom(headers));
    headers.put(GrpcErrors.ACCEPT_LANGUAGE, "fr");
    headers.put(GrpcErrors.ACCEPT_LANGUAGE, "zh;q=0.5");
    assertEquals("zh", error.withLocaleFrom(headers).localized().orElseThrow().getLocale());
    assertSame(error, error.withLocale(""));
    assertEquals(Optional.of("用户 u-404 不存在"), error.localizedMessage("zh"));
    assertEquals(Optional.empty(), error.localizedMessage("fr"));
    GrpcError custom =
        GrpcError.of(Status.Code.ABORTED, "R", "m").withLocalizedMessage("fr", "le message");
    assertEquals("le message", custom.localized().orElseThrow().getMessage());
    assertSame(custom.withMessage("x").localized().orElseThrow(), custom.localized().orElseThrow());
  }

  @Test
  void httpStatusFollowsGoogleRpcCode() {
    int[] expected = {
      200, 499, 500, 400, 504, 404, 409, 403, 429, 400, 409, 400, 501, 500, 503, 500, 401
    };
    for (Status.Code code : Status.Code.values()) {
      assertEquals(expected[code.value()], GrpcErrors.httpStatus(code), code.name());
    }
    assertEquals(17, Status.Code.values().length);
  }

  @Test
  void fromFindsTheGrpcErrorInTheCauses() {
    GrpcError error = TestErrors.NOT_FOUND.newError("u-1");
    assertSame(error, GrpcErrors.from(error));
    assertSame(error, GrpcErrors.from(new RuntimeException("wrapped", error)));
    GrpcError decoded =
        GrpcErrors.from(new UncheckedIOException(new IOException(error.toStatusException())));
    assertTrue(decoded.is(TestErrors.NOT_FOUND));
    assertEquals("user u-1 not found", decoded.message());

    IllegalStateException other = new IllegalStateException("boom");
    GrpcError unknown = GrpcErrors.from(other);
    assertEquals(Status.Code.UNKNOWN, unknown.code());
    assertEquals("", unknown.reason());
    assertEquals("boom", unknown.message());
    assertSame(other, unknown.getCause());

    // A cycle in the causes ends the walk instead of looping.
    RuntimeException first = new RuntimeException("first");
    RuntimeException second = new RuntimeException("second", first);
    first.initCause(second);
    assertEquals(Status.Code.UNKNOWN, GrpcErrors.from(first).code());
  }

  @Test
  void theRegistryFindsDefinitionsAndReportsDuplicates() {
    assertSame(
        TestErrors.NOT_FOUND,
        ErrorRegistry.lookup("", "test.v1.TEST_ERROR_NOT_FOUND").orElseThrow());
    assertEquals(Optional.empty(), ErrorRegistry.lookup("other", "test.v1.TEST_ERROR_NOT_FOUND"));
    assertTrue(ErrorRegistry.all().contains(TestErrors.OUT_OF_STOCK));

    ErrorDefinition twin =
        ErrorDefinition.builder("OUT_OF_STOCK", Status.Code.ABORTED).domain("shop.example").build();
    ErrorRegistry.register(TestErrors.ALL);
    ErrorRegistry.register(java.util.List.of(twin));
    assertSame(
        TestErrors.OUT_OF_STOCK,
        ErrorRegistry.lookup("shop.example", "OUT_OF_STOCK").orElseThrow());
    assertEquals(java.util.List.of(twin), ErrorRegistry.duplicates());
  }

  @Test
  void theServiceLoaderRegistersCatalogsNobodyTouched() {
    ErrorDefinition loaded =
        ErrorRegistry.lookup("", "catalog.v1.LOADED_BY_SERVICE_LOADER").orElseThrow();
    assertEquals(Status.Code.PERMISSION_DENIED, loaded.code());
  }

  @Test
  void toStringNamesCodeReasonAndDomain() {
    assertEquals(
        "GrpcError: ABORTED: m (reason R, domain d)",
        GrpcError.of(Status.Code.ABORTED, "R", "m").withDomain("d").toString());
    assertEquals(
        "GrpcError: UNAVAILABLE: later",
        GrpcError.of(Status.Code.UNAVAILABLE, "", "later").toString());
  }
}
