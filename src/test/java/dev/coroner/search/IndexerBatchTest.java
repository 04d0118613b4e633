package dev.coroner.search;

import dev.coroner.format.When;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.format.Event;
import dev.coroner.format.Source;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index build's queue is bounded in chars, not only in records: a batch goes to the workers
 * at 512 records or at 256 Ki chars of text, whichever comes first, so four batches per worker
 * hold at most about 1 Mi chars each worker (it was 512 records of up to 64 Ki chars: 32 Mi
 * chars a batch). Records of 60 Ki chars are all indexed through such small batches.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IndexerBatchTest {
  @TempDir Path tmp;

  @Test
  void aBatchIsHandedOverAtFiveHundredTwelveRecordsOrAQuarterMegaCharOfText() {
    assertThat(Indexer.full(511, 0)).isFalse();
    assertThat(Indexer.full(512, 0)).isTrue();
    // five records of 60 Ki chars stay under 256 Ki chars; the fifth reaches it
    assertThat(Indexer.full(4, 4L * 60 * 1024)).isFalse();
    assertThat(Indexer.full(5, 5L * 60 * 1024)).isTrue();
    assertThat(Indexer.full(1, 256L * 1024)).isTrue();
  }

  @Test
  void longRecordsAreAllIndexed() {
    String big = "x".repeat(60 * 1024);
    int n = 300; // 60 batches of 5
    Iterator<Event> events = new Iterator<>() {
      int i;

      @Override
      public boolean hasNext() {
        return i < n;
      }

      @Override
      public Event next() {
        int k = i++;
        String text = "record " + k + " " + big;
        return new Event(Source.CLIENT, "x.log", k + 1L, k + 1L, k, When.written(1_000L * k),
            "INFO", "", text, text, text, Map.of(), "test", List.of());
      }
    };
    assertThat(Indexer.build(tmp.resolve("index"), events, Map.of(), IndexProgress.NONE)).isEqualTo(n);
  }
}
