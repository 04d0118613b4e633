package dev.coroner.launch;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The timestamp both launcher logs start their lines with: {@code 2026-11-27T18:30:01.123+01:00}, in the launcher's zone. */
final class LogStamp {
  static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx");

  private final Clock clock;
  private final ZoneId zone;

  LogStamp(Clock clock) {
    this.clock = clock;
    this.zone = clock.getZone();
  }

  String now() {
    return format(clock.instant());
  }

  String format(Instant instant) {
    return FORMAT.format(instant.atZone(zone));
  }

  Instant instant() {
    return clock.instant();
  }
}
