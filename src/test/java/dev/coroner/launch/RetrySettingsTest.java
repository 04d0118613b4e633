package dev.coroner.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coroner.CoronerException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrySettingsTest {
  @TempDir Path tmp;

  @Test
  void durationsParse() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Durations.parse("10")).isEqualTo(Duration.ofSeconds(10));
    assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("not a duration");
  }

  @Test
  void backoffDoublesUpToTheCap() {
    RetrySettings r = RetrySettings.DEFAULT;
    Duration d = r.interval();
    StringBuilder seq = new StringBuilder(Durations.format(d));
    for (int i = 0; i < 5; i++) {
      d = r.next(d);
      seq.append(' ').append(Durations.format(d));
    }
    assertThat(seq.toString()).isEqualTo("500ms 1s 2s 4s 5s 5s");
  }

  @Test
  void configFileYamlAndJson() throws Exception {
    RetrySettings.Config yaml = RetrySettings.Config.load(Files.writeString(tmp.resolve("r.yaml"),
        "timeout: 60s\ninterval: 250ms\nmaxInterval: 4s\nmultiplier: 1.5\ngrace: 3s\nmaxRestarts: 2\n"));
    assertThat(yaml.timeout()).contains(Duration.ofSeconds(60));
    assertThat(yaml.interval()).contains(Duration.ofMillis(250));
    assertThat(yaml.multiplier()).contains(1.5);
    assertThat(yaml.grace()).contains(Duration.ofSeconds(3));
    assertThat(yaml.maxRestarts()).contains(2);
    RetrySettings.Config json = RetrySettings.Config.load(Files.writeString(tmp.resolve("r.json"), "{\"timeout\": 5}"));
    assertThat(json.timeout()).contains(Duration.ofSeconds(5));
    assertThat(json.interval()).isEmpty();
  }

  @Test
  void configErrorsNameFileAndLine() throws Exception {
    Path bad = Files.writeString(tmp.resolve("r.yaml"), "timeout: 1s\nretry: 3\n");
    assertThatThrownBy(() -> RetrySettings.Config.load(bad)).isInstanceOf(CoronerException.class)
        .hasMessageContaining("r.yaml:2: unknown key 'retry'");
    Path worse = Files.writeString(tmp.resolve("w.yaml"), "timeout: soon\n");
    assertThatThrownBy(() -> RetrySettings.Config.load(worse)).hasMessageContaining("timeout: 'soon' is not a duration");
    assertThatThrownBy(() -> RetrySettings.Config.load(tmp.resolve("missing.yaml"))).hasMessageContaining("does not exist");
  }
}
