package dev.coroner.timeline;

import dev.coroner.format.Event;
import dev.coroner.ingest.Warnings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What the tests that compare two ways of reading a folder compare (FirstPassUnreadTest,
 * FirstPassSkimTest): its span, notes and inputs, every event's place, side, times, signals and
 * fields, and the warnings; and the folders they compare on.
 */
final class TimelineDump {
  private TimelineDump() {}

  /** The timeline {@code open} makes (warning into the given warnings), read to its end, then its warnings. */
  static List<String> read(Function<Warnings, Timeline> open) {
    List<String> out = new ArrayList<>();
    Warnings w = new Warnings();
    try (Timeline t = open.apply(w)) {
      out.add("span " + t.span());
      out.add("notes " + t.notes());
      t.inputs().forEach(i -> out.add(i.toString()));
      while (t.hasNext()) {
        Event e = t.next();
        out.add(e.ref() + " " + e.source() + " " + e.time() + " " + e.earliest() + " " + e.latest() + " " + e.timeKind()
            + " " + e.signals() + " " + e.fields());
      }
    }
    out.add("warnings " + w.list());
    return out;
  }

  /** Every sample folder and every real case. */
  static List<Path> sampleFoldersAndRealCases() throws IOException {
    List<Path> folders = new ArrayList<>(subfolders(Path.of("sample-logs")));
    folders.addAll(subfolders(Path.of("src", "test", "resources", "real", "cases")));
    return folders;
  }

  private static List<Path> subfolders(Path root) throws IOException {
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("_")).sorted().toList();
    }
  }
}
