package dev.protosmith.grpcerrors;

import java.util.List;

/**
 * A {@link java.util.ServiceLoader} provider of error definitions.
 *
 * <p>Every class that protoc-gen-errors generates has a nested {@code Catalog} implementing this
 * interface, and the plugin lists them in {@code
 * META-INF/services/dev.protosmith.grpcerrors.ErrorCatalog}. {@link ErrorRegistry} loads them on
 * its first lookup, so a client decodes a registered reason with its registered code even before
 * the generated class was touched. Generated classes also register themselves when they are
 * initialised, so the services file is a safety net, not a requirement.
 */
public interface ErrorCatalog {
  /**
   * The definitions this catalog contributes.
   *
   * @return the definitions, in declaration order
   */
  List<ErrorDefinition> definitions();
}
