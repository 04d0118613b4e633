package dev.coroner.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.Coroner;
import dev.coroner.format.Event;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Finding 3 of issue 12: process starts do not grow the lifecycle without bound. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LifecycleBoundsTest {
  @TempDir Path dir;

  @Test
  void unfinishedRunsAreCappedKeepingTheFirstAndTheLatest() throws IOException {
    int starts = 20_000;
    Files.createDirectories(dir.resolve("logs"));
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("logs/uvicorn_server.log"))) {
      for (int i = 0; i < starts; i++) {
        w.write("INFO:     Started server process [" + (1000 + i) + "]\n");
      }
    }
    List<Event> events = Coroner.timeline(dir).events();
    Lifecycle life = new Lifecycle();
    events.forEach(life::accept);
    life.finish(events.get(events.size() - 1).time());
    // every start but the first ends the run before it; the log's end ends the last one
    assertThat(life.unfinished).hasSize(Lifecycle.MAX_UNFINISHED);
    assertThat(life.unfinishedDropped).isEqualTo(starts - Lifecycle.MAX_UNFINISHED);
    assertThat(life.unfinished.get(0).line()).isEqualTo(1);
    assertThat(life.unfinished.get(Lifecycle.MAX_UNFINISHED - 2).line()).isEqualTo(Lifecycle.MAX_UNFINISHED - 1);
    assertThat(life.unfinished.get(Lifecycle.MAX_UNFINISHED - 1).line()).isEqualTo(starts);
    assertThat(life.spans).hasSizeLessThanOrEqualTo(Lifecycle.MAX_SPANS);
  }
}
