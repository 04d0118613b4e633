package dev.coroner.diagnose;

import dev.coroner.format.Formats;
import dev.coroner.ingest.Warnings;
import dev.coroner.signal.Signals;
import dev.coroner.timeline.AnchorSignals;
import dev.coroner.timeline.Timeline;
import dev.coroner.timeline.TimelineRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Replays the samples of diagnosis rules: each is a small folder, written to a temporary
 * directory (never near the user's evidence) and diagnosed like a real one, in UTC.
 */
public final class SampleReplay {
  private SampleReplay() {}

  /** The failures, each naming the rule file and the sample; empty when all hold. */
  public static List<String> check(Formats formats, Signals signals, Diagnoses diagnoses) {
    List<String> failures = new ArrayList<>();
    for (Rule r : diagnoses.rules()) {
      failures.addAll(check(formats, signals, diagnoses, r));
    }
    return failures;
  }

  /**
   * The failures of one rule's samples. A {@code stable} rule must name its regression data: at
   * least one sample that gives it as the verdict; without one it fails here.
   */
  public static List<String> check(Formats formats, Signals signals, Diagnoses diagnoses, Rule r) {
    List<String> failures = new ArrayList<>();
    if (r.spec().status().equals("stable") && r.spec().samples().stream().noneMatch(DiagnosisSpec.Sample::verdict)) {
      failures.add(r.origin() + ": status stable needs at least one sample (samples:) that gives this rule as the verdict;"
          + " add one, or set status: experimental");
    }
    for (DiagnosisSpec.Sample s : r.spec().samples()) {
      Diagnosis d = run(formats, signals, diagnoses, s.files());
      String name = r.origin() + ": sample '" + s.name() + "'";
      if (s.verdict()) {
        if (!d.verdict().rule().equals(r.id())) {
          failures.add(name + ": the verdict came from '" + d.verdict().rule() + "' (" + d.verdict().classification()
              + "/" + d.verdict().cause() + "), not from this rule");
        }
      } else {
        for (Incident i : d.incidents()) {
          if (i.rule().equals(r.id())) {
            failures.add(name + ": the rule decided incident " + i.number() + " but must not");
          }
        }
        // with no incident the verdict is the whole folder's, which the rule may decide too
        if (d.incidents().isEmpty() && d.verdict().rule().equals(r.id())) {
          failures.add(name + ": the rule gave the verdict but must not");
        }
      }
    }
    return failures;
  }

  static Diagnosis run(Formats formats, Signals signals, Diagnoses diagnoses, Map<String, String> files) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("coroner-sample");
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path p = dir.resolve(f.getKey()).normalize();
        if (!p.startsWith(dir)) {
          throw new IllegalArgumentException("sample file name leaves the sample folder: " + f.getKey());
        }
        Files.createDirectories(p.getParent());
        Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
      }
      Warnings w = new Warnings();
      try (Timeline t = Timeline.open(new TimelineRequest(dir, ZoneOffset.UTC, false), formats, signals::annotate,
          AnchorSignals.DEFAULT, w)) {
        return new Engine(signals, diagnoses, Long::toString).run(t, w);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (dir != null) {
        delete(dir);
      }
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
