package dev.coroner.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.Coroner;
import dev.coroner.Coroner.Result;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The timeline's structures keyed by values of the input stay within their caps (docs/bounds.md). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BoundsTest {
  @TempDir Path dir;

  @Test
  void aSeriesCostsWhatItHoldsNotItsCapacity() {
    Series few = new Series();
    few.add(10);
    few.add(20);
    few.add(30);
    // 4 pairs of longs: 64 bytes, where a preallocated series cost 2 x 32768 longs (512 KiB)
    assertThat(few.arrayBytes()).isEqualTo(64);
    assertThat(few.valueOf(2)).isEqualTo(30);

    Series small = new Series(FileScan.SHORT_SERIES);
    for (int i = 0; i < 1_000_000; i++) {
      small.add(1000L + i);
    }
    assertThat(small.count()).isEqualTo(1_000_000);
    assertThat(small.size()).isLessThanOrEqualTo(FileScan.SHORT_SERIES);
    assertThat(small.arrayBytes()).isEqualTo(16L * FileScan.SHORT_SERIES);
    // what it kept is still right: index k holds the k-th value
    for (int i = 0; i < small.size(); i++) {
      assertThat(small.valueAt(i)).isEqualTo(1000L + small.indexAt(i));
    }
  }

  @Test
  void distinctPathsBeyondTheCapAreNotKeptAndSaidOnce() throws IOException {
    int paths = FileScan.MAX_PATHS + 500;
    Files.createDirectories(dir.resolve("logs"));
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("logs/uvicorn_server.log"))) {
      w.write("INFO:     Started server process [7]\n");
      w.write("INFO:     Application startup complete.\n");
      for (int i = 0; i < paths; i++) {
        w.write("INFO:     127.0.0.1:" + (1024 + i % 60000) + " - \"POST /goals/" + i + "/result HTTP/1.1\" 200 OK\n");
      }
    }
    Result r = Coroner.timeline(dir);
    Coroner.assertLineAccounting(r);
    assertThat(r.events()).hasSize(paths + 2);
    List<String> capped = r.warnings().stream().filter(w -> w.contains("distinct request paths")).toList();
    assertThat(capped).containsExactly("logs/uvicorn_server.log: more than 4096 distinct request paths; only the first 4096"
        + " tie its records to the other logs (a cap of coroner, docs/bounds.md)");
  }

  @Test
  void anchorsAreThinnedEvenlyToTheCap() {
    List<Anchor> many = new ArrayList<>();
    int n = Timeline.MAX_ANCHORS * 3 + 7;
    for (int i = n - 1; i >= 0; i--) { // out of order: thinning sorts by position first
      many.add(new Anchor(i, i, i, i, "test"));
    }
    List<Anchor> kept = Timeline.thin(many);
    assertThat(kept.size()).isLessThanOrEqualTo(Timeline.MAX_ANCHORS);
    assertThat(kept.get(0).ordinal()).isEqualTo(0);
    // every fourth (stride = ceil(n / cap) = 4), so the last kept is within 4 of the end
    assertThat(kept.get(kept.size() - 1).ordinal()).isGreaterThan(n - 5);
    for (int i = 1; i < kept.size(); i++) {
      assertThat(kept.get(i).ordinal() - kept.get(i - 1).ordinal()).isEqualTo(4);
    }
    List<Anchor> few = new ArrayList<>(many.subList(0, 10));
    assertThat(Timeline.thin(few)).isSameAs(few);
  }
}
