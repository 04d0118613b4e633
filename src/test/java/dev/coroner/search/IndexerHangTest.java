package dev.coroner.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coroner.Faults;
import dev.coroner.format.Event;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 2 of issue 12: when the index workers die (OutOfMemoryError), the build ends with
 * that failure. Before the fix, the reader filled the queue, then offered each worker its end
 * marker for ever, to a full queue nobody took from.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class IndexerHangTest {
  @TempDir Path tmp;

  @AfterEach
  void disarm() {
    Faults.arm(null);
  }

  /** {@code n} events, cycling through a real folder's. */
  private static Iterator<Event> events(int n) {
    List<Event> real = Folders.events(Folders.resource("search/folders/race-condition"));
    return new Iterator<>() {
      int i;

      @Override
      public boolean hasNext() {
        return i < n;
      }

      @Override
      public Event next() {
        return real.get(i++ % real.size());
      }
    };
  }

  @Test
  void deadWorkersEndTheBuildWithTheirFailure() {
    Faults.arm("index:oom");
    // 100 batches of 512: far more than the queue (4 per worker) holds
    assertThatThrownBy(() -> Indexer.build(tmp.resolve("index"), events(51_200), Map.of(), IndexProgress.NONE))
        .isInstanceOf(OutOfMemoryError.class).hasMessageContaining("injected at index");
  }

  @Test
  void healthyWorkersIndexEverything() {
    assertThat(Indexer.build(tmp.resolve("index"), events(5_000), Map.of(), IndexProgress.NONE)).isEqualTo(5_000);
  }
}
