package dev.coroner.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Structures of the reading side keyed by values of the input stay within their caps (docs/bounds.md). */
class InputKeyedBoundsTest {
  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void keyValuesReadsAtMost64KeysPerRecordInLinearTime() {
    StringBuilder line = new StringBuilder("metrics");
    for (int k = 0; k < 10_000; k++) {
      line.append(" k").append(k).append("=v").append(k);
    }
    Map<String, String> out = new LinkedHashMap<>();
    // 1,000 such lines (78 MB of keys): quadratic parsing took about 150 KB/s, minutes for this
    for (int rep = 0; rep < 1_000; rep++) {
      out.clear();
      KeyValues.parse(line.toString(), out);
    }
    assertThat(out).hasSize(KeyValues.MAX_KEYS);
    assertThat(out).containsEntry("k0", "v0").containsEntry("k63", "v63").doesNotContainKey("k64");
  }

  @Test
  void theFirstOfARepeatedKeyWinsBeforeAndAfterTheSetTakesOver() {
    Map<String, String> out = new LinkedHashMap<>();
    KeyValues.parse("a=1 b=2 a=3 c=4 d=5 e=6 f=7 g=8 h=9 i=10 j=11 b=12 k=\"quoted \\\" x\" " + "x".repeat(70) + "=long", out);
    assertThat(out).containsEntry("a", "1").containsEntry("b", "2").containsEntry("k", "quoted \" x")
        .hasSize(11); // a..k; the 70-char key is data, not a key
  }

  @Test
  void bodyMemoIsBoundedByCharsAndSkipsLongBodies() {
    BodyMemo<String> memo = new BodyMemo<>();
    String longBody = "y".repeat(BodyMemo.MAX_BODY + 1);
    memo.put(longBody, "v");
    assertThat(memo.get(longBody)).isNull();
    long maxChars = 0;
    for (int i = 0; i < 3_000; i++) {
      String body = i + "-" + "z".repeat(2000);
      memo.put(body, "v");
      memo.get(body); // a hit each time: the memo stays active
      maxChars = Math.max(maxChars, memo.chars());
    }
    // 3,000 bodies of 2 KB would be 6 MB of chars; it keeps at most 512 Ki chars
    assertThat(maxChars).isLessThanOrEqualTo(BodyMemo.MAX_CHARS);
    assertThat(memo.size()).isLessThanOrEqualTo(BodyMemo.MAX_CHARS / 2000);
  }
}
