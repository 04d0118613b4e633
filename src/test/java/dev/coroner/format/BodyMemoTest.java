package dev.coroner.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The memo's own table: what was put is what is got, whatever the bodies' lengths and chars. */
class BodyMemoTest {
  @Test
  void bodiesThatDifferOnlyInTheHighByteOfACharAreKeptApart() {
    BodyMemo<String> memo = new BodyMemo<>();
    // U+0141 (Ł) and 'A' share their low byte (0x41), which is what the memo hashes
    memo.put("\u0141ódź 1", "polish");
    memo.put("Aódź 1", "latin");
    assertThat(memo.get("\u0141ódź 1")).isEqualTo("polish");
    assertThat(memo.get("Aódź 1")).isEqualTo("latin");
    assertThat(memo.get("Bódź 1")).isNull();
    assertThat(memo.size()).isEqualTo(2);
  }

  @Test
  void everyLengthUpToAFewWordsIsFoundAndOnlyItsOwnBodyFindsIt() {
    BodyMemo<Integer> memo = new BodyMemo<>();
    List<String> bodies = new ArrayList<>();
    // the same prefix at every length 0..40: the word-at-a-time hash must count the tail's bytes
    // and only them (a read past the end sees the last body's bytes, which must not matter)
    String base = "GET /goals/52114/result HTTP/1.1\" 200 OK";
    for (int n = 0; n <= base.length(); n++) {
      bodies.add(base.substring(0, n));
    }
    for (int i = 0; i < bodies.size(); i++) {
      memo.put(bodies.get(i), i);
    }
    for (int i = bodies.size() - 1; i >= 0; i--) {
      assertThat(memo.get(bodies.get(i))).as("length %d", i).isEqualTo(i);
    }
    // a body equal to a kept one but a different string object is found by its chars
    assertThat(memo.get(new String(base.toCharArray()))).isEqualTo(base.length());
    assertThat(memo.get(base + " ")).isNull();
  }

  @Test
  void aPutReplacesTheValueOfAnEqualBodyAndKeepsItsCharsCountedOnce() {
    BodyMemo<String> memo = new BodyMemo<>();
    memo.put("started", "a");
    memo.put(new String("started".toCharArray()), "b");
    assertThat(memo.get("started")).isEqualTo("b");
    assertThat(memo.size()).isEqualTo(1);
    assertThat(memo.chars()).isEqualTo("started".length());
  }

  @Test
  void aBodyPutRightAfterItsGetMissedIsFoundByItsChars() {
    BodyMemo<String> memo = new BodyMemo<>();
    memo.put("first", "1"); // not empty, so the get below hashes its body
    String body = "INFO:     127.0.0.1:55518 - \"GET /goals/ HTTP/1.1\" 200 OK";
    assertThat(memo.get(body)).isNull();
    memo.put(body, "access"); // the same string: its hash is the one the get made
    assertThat(memo.get(new String(body.toCharArray()))).isEqualTo("access");
    assertThat(memo.get("first")).isEqualTo("1");
    assertThat(memo.get(body.replace("55518", "55519"))).isNull();
  }

  @Test
  void aMemoThatGrowsToItsCapacityStillFindsEveryBody() {
    BodyMemo<Integer> memo = new BodyMemo<>();
    for (int i = 0; i < BodyMemo.CAPACITY; i++) {
      memo.put("INFO:     127.0.0.1:" + i + " - \"GET /health HTTP/1.1\" 200 OK", i);
    }
    assertThat(memo.size()).isEqualTo(BodyMemo.CAPACITY);
    for (int i = 0; i < BodyMemo.CAPACITY; i++) {
      assertThat(memo.get("INFO:     127.0.0.1:" + i + " - \"GET /health HTTP/1.1\" 200 OK")).isEqualTo(i);
    }
    // one more starts afresh (the bound in entries)
    memo.put("one more", -1);
    assertThat(memo.size()).isEqualTo(1);
    assertThat(memo.get("one more")).isEqualTo(-1);
  }
}
