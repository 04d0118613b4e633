package dev.coroner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coroner.ingest.LineReader;
import dev.coroner.ingest.LogFile;
import dev.coroner.ingest.Warnings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract of the one iteration protocol (issue 16 item 5), on a counting stream and on a real one. */
class LookAheadTest {
  @TempDir Path dir;

  /** Gives 1, 2, 3, then the end; counts its advances and the items taken. */
  private static final class Three extends LookAhead<Integer> {
    int advances;
    final List<Integer> taken = new ArrayList<>();

    @Override
    protected Integer advance() {
      advances++;
      return advances <= 3 ? advances : null;
    }

    @Override
    protected void taken(Integer item) {
      taken.add(item);
    }
  }

  @Test
  void hasNextAskedTwiceMakesOneItemAndHoldsItUntilTaken() {
    Three t = new Three();
    assertThat(t.holding()).isFalse();
    assertThat(t.hasNext()).isTrue();
    assertThat(t.hasNext()).isTrue();
    assertThat(t.advances).isEqualTo(1);
    assertThat(t.holding()).isTrue();
    assertThat(t.taken).isEmpty();
    assertThat(t.next()).isEqualTo(1);
    assertThat(t.holding()).isFalse();
    assertThat(t.taken).containsExactly(1);
  }

  @Test
  void nextWithoutHasNextGivesEveryItemThenThrowsAndTheEndIsAskedOnce() {
    Three t = new Three();
    assertThat(t.next()).isEqualTo(1);
    assertThat(t.next()).isEqualTo(2);
    assertThat(t.next()).isEqualTo(3);
    assertThatThrownBy(t::next).isInstanceOf(NoSuchElementException.class);
    assertThat(t.hasNext()).isFalse();
    assertThat(t.hasNext()).isFalse();
    // three items and one null: never asked again after the end
    assertThat(t.advances).isEqualTo(4);
    assertThat(t.taken).containsExactly(1, 2, 3);
  }

  @Test
  void aLineReadersLineNumberIsThatOfTheLineTakenNotOfTheOneReadAhead() throws IOException {
    Path f = dir.resolve("x.log");
    Files.writeString(f, "one\ntwo\nthree\n");
    try (LineReader r = LineReader.open(new LogFile.Part(f, "x.log", false, Files.size(f), 0), new Warnings())) {
      assertThat(r.next()).isEqualTo("one");
      assertThat(r.lineNumber()).isEqualTo(1);
      assertThat(r.hasNext()).isTrue(); // reads "two" ahead
      assertThat(r.lineNumber()).isEqualTo(1);
      assertThat(r.next()).isEqualTo("two");
      assertThat(r.lineNumber()).isEqualTo(2);
      List<String> rest = new ArrayList<>();
      r.forEachRemaining(rest::add);
      assertThat(rest).containsExactly("three");
      assertThat(r.lineNumber()).isEqualTo(3);
      assertThat(r.hasNext()).isFalse();
    }
  }
}
