package dev.coroner.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyHashTest {
  @Test
  void sameFieldsGiveTheSameKey() {
    assertThat(new KeyHash().field("logs/a.log").field("10:20").hex128())
        .isEqualTo(new KeyHash().field("logs/a.log").field("10:20").hex128());
  }

  @Test
  void fieldBoundariesCount() {
    // the same bytes cut differently are different inputs
    assertThat(new KeyHash().field("ab").field("c").hex128()).isNotEqualTo(new KeyHash().field("a").field("bc").hex128());
    assertThat(new KeyHash().field("").hex128()).isNotEqualTo(new KeyHash().hex128());
  }

  @Test
  void keysAreFixedWidthLowerCaseHex() {
    assertThat(new KeyHash().hex128()).matches("[0-9a-f]{32}");
    assertThat(new KeyHash().field("x").hex64()).matches("[0-9a-f]{16}");
  }

  @Test
  void everyOneBitChangeOfAFileStatChangesBothHalves() {
    // a log that grew by a byte or was touched a millisecond later: each such edit of the stat
    // line, as any one flipped bit, must give another key, in each 64-bit half on its own
    String stat = "logs/uvicorn_server.log 52428800:1765245600123";
    String base = new KeyHash().field(stat).hex128();
    Set<String> seen = new HashSet<>();
    seen.add(base);
    for (int i = 0; i < stat.length(); i++) {
      for (int bit = 0; bit < 7; bit++) {
        char[] c = stat.toCharArray();
        c[i] = (char) (c[i] ^ (1 << bit));
        String h = new KeyHash().field(new String(c)).hex128();
        assertThat(h.substring(0, 16)).isNotEqualTo(base.substring(0, 16));
        assertThat(h.substring(16)).isNotEqualTo(base.substring(16));
        seen.add(h);
      }
    }
    assertThat(seen).hasSize(1 + stat.length() * 7);
  }
}
