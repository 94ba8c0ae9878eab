package dev.protosmith.grpcerrors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The tests of the Rust runtime's locale.rs, ported: both runtimes must choose alike. */
class AcceptLanguageTest {
  private static final List<String> KEYS = List.of("cn", "de", "zh-TW", "pt_BR");

  private static Optional<String> pick(String header) {
    return AcceptLanguage.negotiate(header, KEYS);
  }

  @Test
  void exactTagsWinOverTheirLanguage() {
    assertEquals(Optional.of("zh-TW"), pick("zh-TW"));
    assertEquals(Optional.of("zh-TW"), pick("ZH_tw"));
    assertEquals(Optional.of("pt_BR"), pick("pt-BR"));
    assertEquals(Optional.of("cn"), pick("cn"));
  }

  @Test
  void regionalTagsFallBackToTheirLanguageAndBack() {
    assertEquals(Optional.of("de"), pick("de-CH"));
    assertEquals(Optional.of("zh-TW"), pick("zh"));
    assertEquals(Optional.of("pt_BR"), pick("pt-PT"));
  }

  @Test
  void qualitiesOrderTheChoices() {
    assertEquals(Optional.of("zh-TW"), pick("fr, de;q=0.5, zh-TW;q=0.9"));
    assertEquals(Optional.of("de"), pick("de;q=0.5, cn;q=0.5"));
    assertEquals(Optional.of("cn"), pick("de;q=0, cn;q=0.001"));
    assertEquals(Optional.of("de"), pick("de;q=1.0"));
  }

  @Test
  void nothingSuitableGivesNone() {
    assertEquals(Optional.empty(), pick(""));
    assertEquals(Optional.empty(), pick("*"));
    assertEquals(Optional.empty(), pick("fr, en-GB"));
    assertEquals(Optional.empty(), pick("de;q=0"));
    assertEquals(Optional.empty(), pick("de;q=2"));
    assertEquals(Optional.empty(), pick("de;q=0.1234"));
    assertEquals(Optional.empty(), pick("de;q"));
    assertEquals(Optional.empty(), pick(",,;,"));
    assertEquals(Optional.empty(), AcceptLanguage.negotiate("de", List.of()));
  }

  @Test
  void hostileHeadersNeverThrow() {
    for (String header :
        List.of(";", ";;q=", "de;q=.", "de;q=-1", "de;q=0.", "de;q=1.001", "\u0000;q=1", "é-É")) {
      pick(header);
    }
    assertEquals(Optional.empty(), pick("de;q=0."));
  }
}
