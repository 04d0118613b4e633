package dev.coroner.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Warnings raised while the timeline is streamed (its second pass) reach the diagnosis too. */
@Timeout(60)
class WarningsReachTheReportTest {
  @TempDir Path dir;

  @Test
  void timeGoingBackwardsInTheStreamIsReported() throws IOException {
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      log.append(String.format("2026-11-27 10:%02d:%02d,000 - Client - INFO - Fetched 1 goals from http://127.0.0.1:8000/goals/%n",
          i / 60, i % 60));
    }
    // far beyond the reorder window: only the streaming pass notices it
    log.append("2026-11-27 09:00:00,000 - Client - INFO - Fetched 1 goals from http://127.0.0.1:8000/goals/\n");
    Files.writeString(dir.resolve("client.log"), log);
    JsonNode d = SampleFoldersTest.diagnose(dir);
    assertThat(d.path("warnings").toString()).contains("client.log:401: time goes backwards");
  }
}
