package dev.coroner.cli;

import dev.coroner.launch.Durations;
import dev.coroner.launch.RetrySettings;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The retry options shared by {@code launch} and {@code wait}: flags win over {@code --config}, which wins over the defaults. */
public final class RetryOptions {
  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Readiness budget (default 30s). Durations: 500ms, 30s, 2m; a bare number is seconds.")
  Duration timeout;

  @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "First delay between attempts (default 500ms); it doubles after each attempt.")
  Duration interval;

  @Option(names = "--max-interval", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Cap of the backoff delay (default 5s).")
  Duration maxInterval;

  @Option(names = "--backoff", paramLabel = "FACTOR",
      description = "Backoff multiplier (default 2; 1 = fixed interval).")
  Double multiplier;

  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML or JSON file with timeout, interval, maxInterval, multiplier, grace, maxRestarts.")
  Path config;

  RetrySettings.Config config() {
    return config == null ? RetrySettings.Config.EMPTY : RetrySettings.Config.load(config);
  }

  RetrySettings settings(RetrySettings.Config c) {
    RetrySettings d = RetrySettings.DEFAULT;
    return new RetrySettings(
        timeout != null ? timeout : c.timeout().orElse(d.timeout()),
        interval != null ? interval : c.interval().orElse(d.interval()),
        maxInterval != null ? maxInterval : c.maxInterval().orElse(d.maxInterval()),
        multiplier != null ? multiplier : c.multiplier().orElse(d.multiplier()));
  }

  /** picocli converter for {@link Durations#parse}. */
  public static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return Durations.parse(value);
    }
  }
}
