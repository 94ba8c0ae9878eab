package dev.protosmith.grpcerrors;

import java.util.Map;

/**
 * Message templates such as {@code password for {user_id} does not match}.
 *
 * <p>{@code {name}} is replaced by the value {@code name}; {@code {{} and {@code }}} are literal
 * braces. protoc-gen-errors validates templates when it generates code, so at run time a
 * placeholder without a value is left as written.
 */
final class Templates {
  private Templates() {}

  /** Renders {@code template}, taking placeholder values from {@code values}. */
  static String render(String template, Map<String, String> values) {
    StringBuilder out = new StringBuilder(template.length());
    int i = 0;
    int length = template.length();
    while (i < length) {
      char c = template.charAt(i);
      if ((c == '{' || c == '}') && i + 1 < length && template.charAt(i + 1) == c) {
        out.append(c);
        i += 2;
      } else if (c == '{' && template.indexOf('}', i) >= 0) {
        int end = template.indexOf('}', i);
        String name = template.substring(i + 1, end);
        String value = values.get(name);
        out.append(value != null ? value : template.substring(i, end + 1));
        i = end + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
