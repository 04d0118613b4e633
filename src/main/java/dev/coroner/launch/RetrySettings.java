package dev.coroner.launch;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.coroner.CoronerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How readiness is polled: total budget, first interval, exponential backoff factor and cap.
 * The next delay is {@code min(previous * multiplier, maxInterval)}.
 */
public record RetrySettings(Duration timeout, Duration interval, Duration maxInterval, double multiplier) {
  /** 30 s budget, 500 ms first interval, doubling up to 5 s. */
  public static final RetrySettings DEFAULT =
      new RetrySettings(Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofSeconds(5), 2.0);

  public RetrySettings {
    if (timeout.isNegative() || interval.isNegative() || interval.isZero()) {
      throw CoronerException.usage("timeout must be >= 0 and interval > 0 (got timeout "
          + Durations.format(timeout) + ", interval " + Durations.format(interval) + ")");
    }
    if (maxInterval.compareTo(interval) < 0) {
      maxInterval = interval;
    }
    if (!(multiplier >= 1.0) || multiplier > 100) {
      throw CoronerException.usage("backoff multiplier must be between 1 and 100 (got " + multiplier + ")");
    }
  }

  /** The delay after {@code current}: multiplied, capped. */
  public Duration next(Duration current) {
    long next = Math.round(current.toMillis() * multiplier);
    return Duration.ofMillis(Math.min(Math.max(next, 1), maxInterval.toMillis()));
  }

  /** The settings of a config file's keys, each missing key left empty so that flags and defaults fill it. */
  public record Config(
      Optional<Duration> timeout,
      Optional<Duration> interval,
      Optional<Duration> maxInterval,
      Optional<Double> multiplier,
      Optional<Duration> grace,
      Optional<Integer> maxRestarts) {
    public static final Config EMPTY = new Config(Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * Reads a YAML or JSON file such as {@code {timeout: 60s, interval: 250ms, maxInterval: 4s,
     * multiplier: 2, grace: 10s, maxRestarts: 3}}; unknown keys are an error.
     */
    public static Config load(Path file) {
      ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
      try {
        if (!Files.isRegularFile(file)) {
          throw CoronerException.badInput("config file " + file + " does not exist or is not a file");
        }
        Raw raw = mapper.readValue(file.toFile(), Raw.class);
        if (raw == null) {
          return EMPTY;
        }
        return new Config(dur(raw.timeout, file, "timeout"), dur(raw.interval, file, "interval"),
            dur(raw.maxInterval, file, "maxInterval"), Optional.ofNullable(raw.multiplier),
            dur(raw.grace, file, "grace"), Optional.ofNullable(raw.maxRestarts));
      } catch (UnrecognizedPropertyException e) {
        throw CoronerException.badInput(file + ":" + e.getLocation().getLineNr() + ": unknown key '"
            + e.getPropertyName() + "' (known: timeout, interval, maxInterval, multiplier, grace, maxRestarts)");
      } catch (IOException e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
        throw CoronerException.badInput("cannot read config file " + file + ": " + msg);
      }
    }

    private static Optional<Duration> dur(String text, Path file, String key) {
      if (text == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(Durations.parse(text));
      } catch (IllegalArgumentException e) {
        throw CoronerException.badInput(file + ": " + key + ": " + e.getMessage());
      }
    }
  }

  /** The file's shape for Jackson; durations stay strings until parsed. */
  static final class Raw {
    @JsonProperty String timeout;
    @JsonProperty String interval;
    @JsonProperty String maxInterval;
    @JsonProperty Double multiplier;
    @JsonProperty String grace;
    @JsonProperty Integer maxRestarts;
  }
}
