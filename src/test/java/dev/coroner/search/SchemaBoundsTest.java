package dev.coroner.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12: the index schema is closed, whatever keys the logs carry, and no term breaks a build. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SchemaBoundsTest {
  @TempDir Path tmp;

  @Test
  void unknownKeysShareOneFieldAndStaySearchable() throws IOException {
    Path folder = tmp.resolve("incident");
    Files.createDirectories(folder.resolve("logs"));
    int lines = 500;
    try (BufferedWriter w = Files.newBufferedWriter(folder.resolve("logs/awakening.log"))) {
      w.write("2026-11-27T10:00:00.000+00:00 INFO spawned pid=4242\n");
      for (int i = 0; i < lines; i++) {
        w.write(String.format("2026-11-27T10:%02d:%02d.000+00:00 INFO metrics", i / 60 % 60, i % 60));
        for (int j = 0; j < 20; j++) { // 10,000 distinct keys in all
          w.write(" k" + i + "_" + j + "=v");
        }
        w.write(" errno=111\n");
      }
    }
    try (EventIndex index = Folders.index(folder, tmp.resolve("cache"))) {
      assertThat(index.events()).isEqualTo(lines + 1);
      // a key of its own: written once, on line 5+2
      assertThat(index.count(index.parse("k5_3:v"))).isEqualTo(1);
      assertThat(index.count(index.parse("fields:\"k5_3=v\""))).isEqualTo(1);
      assertThat(index.count(index.parse("k5_3:w"))).isZero();
      assertThat(index.count(index.parse("k7_1:v*"))).isEqualTo(1);
      // a known field keeps its own name
      assertThat(index.count(index.parse("errno:111"))).isEqualTo(lines);
      assertThat(index.count(index.parse("pid:4242"))).isEqualTo(1);
      // no field per key: the schema's fields, the known captured ones, nothing else
      assertThat(index.fieldNames()).noneMatch(n -> n.startsWith("k"));
      assertThat(index.fieldNames()).contains("fields", "errno", "pid", "field.event");
    }
  }

  @Test
  void aTermOverLucenesLimitDoesNotFailTheBuild() throws IOException {
    Path folder = tmp.resolve("long");
    Files.createDirectories(folder.resolve("logs"));
    String longPath = "/goals/" + "a".repeat(40_000);
    String longCommand = "x".repeat(50_000);
    Files.writeString(folder.resolve("logs/awakening.log"),
        "2026-11-27T10:00:00.000+00:00 INFO start command=" + longCommand + " cwd=/srv\n"
        + "2026-11-27T10:00:01.000+00:00 INFO spawned pid=4242\n");
    Files.writeString(folder.resolve("logs/uvicorn_server.log"),
        "INFO:     Started server process [4242]\n"
        + "INFO:     127.0.0.1:50000 - \"GET " + longPath + " HTTP/1.1\" 200 OK\n");
    try (EventIndex index = Folders.index(folder, tmp.resolve("cache"))) {
      assertThat(index.events()).isEqualTo(4);
      assertThat(index.count(index.parse("cwd:\\/srv"))).isEqualTo(1);
      assertThat(index.count(index.parse("pid:4242"))).isEqualTo(2);
    }
  }
}
