package dev.protosmith.grpcerrors;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses a translation for a caller's languages (AIP-193's {@code google.rpc.LocalizedMessage}).
 *
 * <p>Callers name their languages the HTTP way, an {@code Accept-Language} list such as {@code
 * de-CH, de;q=0.9, en;q=0.5} (gRPC clients send it as the {@code accept-language} metadata entry).
 * A proto names its translations by whatever key its authors chose after {@code @i18n.} ({@code
 * de}, {@code zh}, {@code zh-TW}, and also ego's customary {@code cn}), so matching is forgiving:
 * case-insensitive, {@code -} and {@code _} alike, and a regional tag falls back to its language.
 * The rules are those of the Rust runtime ({@code grpc-errors/src/locale.rs}).
 */
public final class AcceptLanguage {
  private AcceptLanguage() {}

  private record Range(String tag, int quality) {}

  /**
   * The key in {@code available} that best serves {@code acceptLanguage}, if any.
   *
   * <p>Languages are tried by descending quality ({@code q=0} means "not this one"), in the order
   * given when qualities tie; for each, an exact match wins over a match on the primary language
   * ({@code de-CH} finds {@code de}, {@code zh} finds {@code zh-CN}). {@code *} matches nothing: a
   * wildcard states no preference we could honour. Malformed entries are skipped, never thrown.
   *
   * @param acceptLanguage an {@code Accept-Language} value; a single tag works too
   * @param available the translation keys to choose from, in the order to prefer on ties
   * @return the chosen key, as {@code available} spells it
   */
  public static Optional<String> negotiate(String acceptLanguage, Collection<String> available) {
    List<Range> wanted = new ArrayList<>();
    for (String range : acceptLanguage.split(",", -1)) {
      Range parsed = parseRange(range);
      if (parsed != null && parsed.quality() > 0 && !parsed.tag().equals("*")) {
        wanted.add(parsed);
      }
    }
    // List.sort is stable: equal qualities keep the caller's order.
    wanted.sort(Comparator.comparingInt(Range::quality).reversed());
    for (Range range : wanted) {
      for (String key : available) {
        if (sameTag(key, range.tag())) {
          return Optional.of(key);
        }
      }
      for (String key : available) {
        if (sameTag(primary(key), primary(range.tag()))) {
          return Optional.of(key);
        }
      }
    }
    return Optional.empty();
  }

  /** {@code de;q=0.8} as {@code ("de", 800)}; a malformed quality drops the entry. */
  private static Range parseRange(String range) {
    String[] parts = range.split(";", -1);
    String tag = parts[0].trim();
    if (tag.isEmpty()) {
      return null;
    }
    int quality = 1000;
    for (int i = 1; i < parts.length; i++) {
      int equals = parts[i].indexOf('=');
      if (equals < 0) {
        return null;
      }
      if (parts[i].substring(0, equals).trim().equalsIgnoreCase("q")) {
        quality = parseQuality(parts[i].substring(equals + 1).trim());
        if (quality < 0) {
          return null;
        }
      }
    }
    return new Range(tag, quality);
  }

  /** RFC 9110 qvalue in thousandths: {@code 0}, {@code 1}, or up to three decimals; else -1. */
  private static int parseQuality(String value) {
    int dot = value.indexOf('.');
    String whole = dot < 0 ? value : value.substring(0, dot);
    String fraction = dot < 0 ? "" : value.substring(dot + 1);
    if (fraction.length() > 3 || !fraction.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    int thousandths = Integer.parseInt((fraction + "000").substring(0, 3));
    if (whole.equals("0")) {
      return thousandths;
    }
    if (whole.equals("1") && thousandths == 0) {
      return 1000;
    }
    return -1;
  }

  private static String primary(String tag) {
    for (int i = 0; i < tag.length(); i++) {
      char c = tag.charAt(i);
      if (c == '-' || c == '_') {
        return tag.substring(0, i);
      }
    }
    return tag;
  }

  private static boolean sameTag(String a, String b) {
    if (a.length() != b.length()) {
      return false;
    }
    for (int i = 0; i < a.length(); i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      boolean same =
          asciiLower(x) == asciiLower(y) || ((x == '-' || x == '_') && (y == '-' || y == '_'));
      if (!same) {
        return false;
      }
    }
    return true;
  }

  private static char asciiLower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }
}
