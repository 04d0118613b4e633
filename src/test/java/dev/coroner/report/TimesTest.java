package dev.coroner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The per-second cache of {@link Times#iso} writes what a formatter writes for every millisecond. */
class TimesTest {
  private static final DateTimeFormatter PLAIN = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx");
  private static final DateTimeFormatter HUMAN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");

  @Property(tries = 3000)
  void isoIsThePlainFormatOfTheInstant(@ForAll("zones") String zone, @ForAll("walks") long[] times) {
    Times t = new Times(ZoneId.of(zone));
    for (long ms : times) {
      assertThat(t.iso(ms)).isEqualTo(PLAIN.format(Instant.ofEpochMilli(ms).atZone(ZoneId.of(zone))));
      assertThat(t.human(ms)).isEqualTo(HUMAN.format(Instant.ofEpochMilli(ms).atZone(ZoneId.of(zone))));
    }
  }

  /** Far from now: five-digit and negative years, and the ends of the range coroner keeps. */
  @Property(tries = 300)
  void isoOfFarInstants(@ForAll("zones") String zone, @ForAll("far") long ms) {
    Times t = new Times(ZoneId.of(zone));
    assertThat(t.iso(ms)).isEqualTo(PLAIN.format(Instant.ofEpochMilli(ms).atZone(ZoneId.of(zone))));
    assertThat(t.human(ms)).isEqualTo(HUMAN.format(Instant.ofEpochMilli(ms).atZone(ZoneId.of(zone))));
  }

  @Provide
  Arbitrary<Long> far() {
    return Arbitraries.oneOf(Arbitraries.longs().between(Long.MIN_VALUE + 1, Long.MAX_VALUE - 1),
        Arbitraries.of(Long.MIN_VALUE + 1, Long.MAX_VALUE - 1, 253_402_300_799_999L, 253_402_300_800_000L, -62_167_219_200_001L));
  }

  /** No time is written as nothing. */
  @org.junit.jupiter.api.Test
  void noTimeIsEmpty() {
    Times t = new Times(ZoneId.of("UTC"));
    assertThat(t.iso(dev.coroner.format.Event.NO_TIME)).isEmpty();
    assertThat(t.iso(Long.MAX_VALUE)).isEmpty();
    assertThat(t.human(dev.coroner.format.Event.NO_TIME)).isEmpty();
  }

  @Provide
  Arbitrary<String> zones() {
    // UTC, a whole-hour offset, a DST zone (its switch is inside the walk below), a :45 offset,
    // a zone whose offset had seconds until 1972 (-00:44:30), a fixed offset
    return Arbitraries.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe",
        "Africa/Monrovia", "+05:30");
  }

  /** Walks of nearby instants (same second, the next, across a DST switch), some before 1970. */
  @Provide
  Arbitrary<long[]> walks() {
    long dstBerlin = 1_711_846_800_000L; // 2024-03-31T01:00:00Z, when Berlin moves to summer time
    Arbitrary<Long> start = Arbitraries.oneOf(Arbitraries.longs().between(-2_000_000_000_000L, 4_000_000_000_000L),
        Arbitraries.longs().between(dstBerlin - 5_000, dstBerlin + 5_000));
    Arbitrary<Long> step = Arbitraries.longs().between(-1_500, 1_500);
    return net.jqwik.api.Combinators.combine(start, step.list().ofMaxSize(20)).as((s, steps) -> {
      long[] out = new long[steps.size() + 1];
      out[0] = s;
      for (int i = 0; i < steps.size(); i++) {
        out[i + 1] = out[i] + steps.get(i);
      }
      return out;
    });
  }
}
