package dev.protosmith.grpcerrors;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The process-wide registry that lets a decoded wire error find its definition again.
 *
 * <p>Generated classes register their definitions in their static initialiser, and the registry
 * loads every {@link ErrorCatalog} listed in {@code META-INF/services} on its first lookup: there
 * is no {@code register()} call for users to forget. The registry is thread-safe.
 */
public final class ErrorRegistry {
  private record Key(String domain, String reason) {}

  private static final ConcurrentHashMap<Key, ErrorDefinition> BY_KEY = new ConcurrentHashMap<>();
  private static final List<ErrorDefinition> DUPLICATES = new CopyOnWriteArrayList<>();

  private ErrorRegistry() {}

  /**
   * Registers {@code definitions}. Registering a definition again is harmless; a different
   * definition with the same domain and reason is kept out (the first one wins, so lookups never
   * depend on class loading order) and reported by {@link #duplicates()}.
   *
   * @param definitions the definitions to register
   */
  public static void register(Collection<ErrorDefinition> definitions) {
    for (ErrorDefinition definition : definitions) {
      Key key = new Key(definition.domain(), definition.reason());
      ErrorDefinition first = BY_KEY.putIfAbsent(key, definition);
      if (first != null && !first.equals(definition) && !DUPLICATES.contains(definition)) {
        DUPLICATES.add(definition);
      }
    }
  }

  /**
   * The registered definition for {@code (domain, reason)}.
   *
   * @param domain the ErrorInfo domain; empty for ego-style reasons
   * @param reason the ErrorInfo reason
   * @return the definition, or empty when nothing registered that reason in that domain
   */
  public static Optional<ErrorDefinition> lookup(String domain, String reason) {
    Catalogs.load();
    return Optional.ofNullable(BY_KEY.get(new Key(domain, reason)));
  }

  /**
   * Every registered definition.
   *
   * @return the definitions, sorted by domain, then reason
   */
  public static List<ErrorDefinition> all() {
    Catalogs.load();
    List<ErrorDefinition> all = new ArrayList<>(BY_KEY.values());
    all.sort(Comparator.comparing(ErrorDefinition::domain).thenComparing(ErrorDefinition::reason));
    return List.copyOf(all);
  }

  /**
   * Definitions that were kept out because another definition already had their domain and reason.
   * protoc-gen-errors rejects duplicates within one generation run; this catches those that only
   * meet when separately generated jars end up in one program. A service can check that it is empty
   * at start-up.
   *
   * @return the rejected definitions, in registration order
   */
  public static List<ErrorDefinition> duplicates() {
    Catalogs.load();
    return List.copyOf(DUPLICATES);
  }

  /**
   * Loads the {@link ErrorCatalog}s of {@code META-INF/services} once, in a holder class so that
   * generated classes registering themselves from their static initialisers never wait on it.
   */
  private static final class Catalogs {
    static {
      ServiceLoader<ErrorCatalog> loader = ServiceLoader.load(ErrorCatalog.class);
      var providers = loader.iterator();
      // Bounded, so a services entry that fails the same way forever cannot hang class loading.
      for (int failures = 0; failures < 100; ) {
        try {
          if (!providers.hasNext()) {
            break;
          }
          register(providers.next().definitions());
        } catch (ServiceConfigurationError e) {
          failures++;
          // A broken services entry must not break error decoding: the generated classes still
          // register themselves when used.
          System.getLogger(ErrorRegistry.class.getName())
              .log(System.Logger.Level.WARNING, "skipping an error catalog", e);
        }
      }
    }

    private Catalogs() {}

    static void load() {
      // Running the static initialiser is the whole job.
    }
  }
}
