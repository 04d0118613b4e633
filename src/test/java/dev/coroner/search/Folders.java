package dev.coroner.search;

import dev.coroner.format.Event;
import dev.coroner.format.Formats;
import dev.coroner.ingest.Warnings;
import dev.coroner.report.Times;
import dev.coroner.rules.RuleSet;
import dev.coroner.signal.Signals;
import dev.coroner.timeline.AnchorSignals;
import dev.coroner.timeline.Timeline;
import dev.coroner.timeline.TimelineRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Real incident folders for the search and shell tests, and their timelines read directly. */
public final class Folders {
  public static final ZoneId ZONE = ZoneId.of("UTC");
  /** The same anchors the CLI uses, so the timeline here is the one the index holds. */
  static final AnchorSignals ANCHORS = AnchorSignals.DEFAULT;
  private static final RuleSet RULES = RuleSet.load(Optional.empty());
  private static final Formats FORMATS = Formats.load(RULES, ZONE);
  private static final Signals SIGNALS = Signals.load(RULES);

  private Folders() {}

  /** Every test folder: ours, plus the project's sample-logs/ when it is there. */
  public static List<Path> all() {
    List<Path> out = new ArrayList<>();
    out.addAll(children(resource("search/folders")));
    Path samples = Path.of("sample-logs");
    if (Files.isDirectory(samples)) {
      children(samples).stream().filter(p -> !p.getFileName().toString().startsWith("_")).forEach(out::add);
    }
    return out;
  }

  public static Path resource(String name) {
    try {
      return Path.of(Folders.class.getClassLoader().getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Path> children(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static RuleSet rules() {
    return RULES;
  }

  public static Timeline timeline(Path folder) {
    return Timeline.open(new TimelineRequest(folder, ZONE, false), FORMATS, SIGNALS::annotate, ANCHORS, new Warnings());
  }

  /** The folder's events in timeline order, read without the index. */
  public static List<Event> events(Path folder) {
    List<Event> out = new ArrayList<>();
    try (Timeline t = timeline(folder)) {
      for (int i = 0; i < 10_000_000 && t.hasNext(); i++) {
        out.add(t.next());
      }
    }
    return out;
  }

  /** The folder's index under {@code root}, built or reused. */
  public static EventIndex index(Path folder, Path root) {
    IndexKey key = IndexKey.of(folder, "test", ZONE, Optional.empty());
    return new IndexStore(root).open(folder, key, new Times(ZONE), () -> timeline(folder), Map.of(), IndexProgress.NONE);
  }

  /** Every file under {@code dir} with its size and mtime: to prove nothing was written there. */
  public static Map<String, String> snapshot(Path dir) {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        out.put(dir.relativize(p).toString(), a.size() + "@" + a.lastModifiedTime().toMillis());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Copies a folder, keeping mtimes. */
  public static Path copy(Path from, Path to) {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path q = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else {
          Files.copy(p, q, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return to;
  }
}
