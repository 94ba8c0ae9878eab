package dev.protosmith.grpcerrors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {
  @Test
  void fillsPlaceholdersAndKeepsEscapes() {
    Map<String, String> values = Map.of("user_id", "42", "n", "3");
    assertEquals(
        "password for 42 does not match",
        Templates.render("password for {user_id} does not match", values));
    assertEquals("{literal} 3/3", Templates.render("{{literal}} {n}/{n}", values));
    assertEquals("missing {other} stays", Templates.render("missing {other} stays", values));
    assertEquals(
        "unbalanced { and } survive", Templates.render("unbalanced { and } survive", values));
    assertEquals("密码 42 不匹配", Templates.render("密码 {user_id} 不匹配", values));
    assertEquals("open { at the end", Templates.render("open { at the end", values));
    assertEquals("", Templates.render("", values));
  }
}
