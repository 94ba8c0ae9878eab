package dev.protosmith.grpcerrors;

import io.grpc.Status;
import java.util.List;

/**
 * Listed in the test resources' META-INF/services and referenced by no test, so only the
 * ServiceLoader can register it.
 */
final class CatalogOnlyErrors {
  static final ErrorDefinition LOADED =
      ErrorDefinition.builder("catalog.v1.LOADED_BY_SERVICE_LOADER", Status.Code.PERMISSION_DENIED)
          .build();

  private CatalogOnlyErrors() {}

  /** The provider. */
  public static final class Catalog implements ErrorCatalog {
    /** For the ServiceLoader. */
    public Catalog() {}

    @Override
    public List<ErrorDefinition> definitions() {
      return List.of(LOADED);
    }
  }
}
