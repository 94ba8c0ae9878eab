package dev.protosmith.grpcerrors;

import io.grpc.Status;
import java.util.List;

/** Definitions shaped like generated code's, registered from the static initialiser. */
final class TestErrors {
  static final ErrorDefinition NOT_FOUND =
      ErrorDefinition.builder("test.v1.TEST_ERROR_NOT_FOUND", Status.Code.NOT_FOUND)
          .message("user {user_id} not found")
          .placeholders("user_id")
          .translation("zh", "用户 {user_id} 不存在")
          .translation("de", "Benutzer {user_id} nicht gefunden")
          .protoName("test.v1.TEST_ERROR_NOT_FOUND")
          .number(1)
          .build();

  static final ErrorDefinition OUT_OF_STOCK =
      ErrorDefinition.builder("OUT_OF_STOCK", Status.Code.RESOURCE_EXHAUSTED)
          .domain("shop.example")
          .message("only {available} of {sku} left, {{really}}")
          .placeholders("available", "sku")
          .protoName("shop.v1.SHOP_ERROR_OUT_OF_STOCK")
          .number(2)
          .build();

  static final List<ErrorDefinition> ALL = List.of(NOT_FOUND, OUT_OF_STOCK);

  static {
    ErrorRegistry.register(ALL);
  }

  private TestErrors() {}
}
