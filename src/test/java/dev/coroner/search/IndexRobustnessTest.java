package dev.coroner.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.report.Times;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding 6 of issue 12: a reused index is verified, orphans are removed, a concurrent build is shared. */
class IndexRobustnessTest {
  @TempDir Path tmp;

  private Path folder() {
    return Folders.copy(Folders.resource("search/folders/race-condition"), tmp.resolve("evidence"));
  }

  private static EventIndex open(Path folder, Path root, Supplier<Iterator<dev.coroner.format.Event>> events) {
    IndexKey key = IndexKey.of(folder, "test", Folders.ZONE, Optional.empty());
    return new IndexStore(root).open(folder, key, new Times(Folders.ZONE), events, Map.of(), IndexProgress.NONE);
  }

  private static Supplier<Iterator<dev.coroner.format.Event>> counting(Path folder, AtomicInteger builds) {
    return () -> {
      builds.incrementAndGet();
      return Folders.timeline(folder);
    };
  }

  @Test
  void aDamagedIndexIsRebuiltNotBelieved() throws IOException {
    Path folder = folder();
    Path root = tmp.resolve("cache");
    AtomicInteger builds = new AtomicInteger();
    long refused;
    Path dir;
    try (EventIndex first = open(folder, root, counting(folder, builds))) {
      refused = first.count(first.parse("errno:111"));
      dir = first.dir();
    }
    assertThat(refused).isPositive();
    // flip bytes in the middle of the largest file of the index (not the commit point)
    Path largest;
    try (Stream<Path> s = Files.list(dir)) {
      largest = s.filter(p -> !p.getFileName().toString().startsWith("segments"))
          .max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
    }
    try (RandomAccessFile f = new RandomAccessFile(largest.toFile(), "rw")) {
      long at = f.length() / 2;
      for (int i = 0; i < 16; i++) {
        f.seek(at + i);
        int b = f.read();
        f.seek(at + i);
        f.write(b ^ 0xff);
      }
    }
    try (EventIndex second = open(folder, root, counting(folder, builds))) {
      assertThat(second.built()).isTrue();
      assertThat(second.count(second.parse("errno:111"))).isEqualTo(refused);
    }
    assertThat(builds).hasValue(2);
  }

  @Test
  void buildFoldersOfDeadRunsAreRemovedAndLiveOnesKept() throws IOException {
    Path folder = folder();
    Path root = Files.createDirectories(tmp.resolve("cache"));
    // pid 2^22+ is above Linux's default pid_max (4,194,304): no such process
    Path dead = Files.createDirectories(root.resolve("abc-def.tmp4194999-123"));
    Files.writeString(dead.resolve("_0.cfs"), "x".repeat(1000));
    Path live = Files.createDirectories(root.resolve("abc-def.tmp" + ProcessHandle.current().pid() + "-456"));
    try (EventIndex idx = open(folder, root, counting(folder, new AtomicInteger()))) {
      assertThat(idx.built()).isTrue();
    }
    assertThat(dead).doesNotExist();
    assertThat(live).isDirectory();
    try (Stream<Path> s = Files.list(root)) {
      // the build's own folder was moved into place: only the live run's folder has .tmp
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp")).toList())
          .containsExactly(live.getFileName().toString());
    }
  }

  @Test
  void whenAnotherRunFinishesTheSameIndexFirstItsIndexIsUsed() throws IOException {
    Path folder = folder();
    Path theirs = tmp.resolve("their-cache");
    Path dirOfTheirs;
    long events;
    try (EventIndex other = open(folder, theirs, counting(folder, new AtomicInteger()))) {
      dirOfTheirs = other.dir();
      events = other.events();
    }
    Path root = tmp.resolve("cache");
    Path target = root.resolve(dirOfTheirs.getFileName());
    // while this run reads the folder, the other run moves its finished index into place
    try (EventIndex mine = open(folder, root, () -> {
      Folders.copy(dirOfTheirs, target);
      return Folders.timeline(folder);
    })) {
      assertThat(mine.events()).isEqualTo(events);
      assertThat(mine.dir()).isEqualTo(target);
    }
    try (Stream<Path> s = Files.list(root)) {
      assertThat(s.filter(p -> p.getFileName().toString().contains(".tmp")).toList()).isEmpty();
    }
  }
}
