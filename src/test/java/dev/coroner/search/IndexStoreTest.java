package dev.coroner.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coroner.CoronerException;
import dev.coroner.ExitStatus;
import dev.coroner.report.Times;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index is reused while the folder is unchanged, rebuilt when it changes, and kept out of it. */
class IndexStoreTest {
  @TempDir Path tmp;

  private Path folder() {
    return Folders.copy(Folders.resource("search/folders/race-condition"), tmp.resolve("evidence"));
  }

  private static EventIndex open(Path folder, Path root, AtomicInteger builds) {
    IndexKey key = IndexKey.of(folder, "test", Folders.ZONE, Optional.empty());
    return new IndexStore(root).open(folder, key, new Times(Folders.ZONE), () -> {
      builds.incrementAndGet();
      return Folders.timeline(folder);
    }, Map.of(), IndexProgress.NONE);
  }

  @Test
  void reusedWhenUnchanged() {
    Path folder = folder();
    AtomicInteger builds = new AtomicInteger();
    Path dir;
    long events;
    try (EventIndex first = open(folder, tmp.resolve("cache"), builds)) {
      assertThat(first.built()).isTrue();
      dir = first.dir();
      events = first.events();
    }
    try (EventIndex second = open(folder, tmp.resolve("cache"), builds)) {
      assertThat(second.built()).isFalse();
      assertThat(second.dir()).isEqualTo(dir);
      assertThat(second.events()).isEqualTo(events);
    }
    assertThat(builds).hasValue(1);
  }

  @Test
  void rebuiltWhenAFileChangesAndTheStaleIndexIsRemoved() throws IOException {
    Path folder = folder();
    AtomicInteger builds = new AtomicInteger();
    Path log = folder.resolve("autonomous_processing.log");
    Path oldDir;
    long oldEvents;
    try (EventIndex first = open(folder, tmp.resolve("cache"), builds)) {
      oldDir = first.dir();
      oldEvents = first.events();
    }
    FileTime mtime = Files.getLastModifiedTime(log);
    Files.writeString(log, "2026-11-27 19:18:30,000 - KortanaAutonomous - ERROR - Error fetching goals: "
        + "[Errno 104] Connection reset by peer\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    Files.setLastModifiedTime(log, mtime); // size alone must be enough
    try (EventIndex second = open(folder, tmp.resolve("cache"), builds)) {
      assertThat(second.built()).isTrue();
      assertThat(second.dir()).isNotEqualTo(oldDir);
      assertThat(second.events()).isEqualTo(oldEvents + 1);
      assertThat(second.count(second.parse("\"Connection reset by peer\""))).isEqualTo(1);
    }
    assertThat(oldDir).doesNotExist();
    assertThat(builds).hasValue(2);
  }

  @Test
  void rebuiltWhenOnlyTheModificationTimeChanges() throws IOException {
    Path folder = folder();
    Path log = folder.resolve("logs/uvicorn_server.log");
    IndexKey before = IndexKey.of(folder, "test", Folders.ZONE, Optional.empty());
    Files.setLastModifiedTime(log, FileTime.fromMillis(Files.getLastModifiedTime(log).toMillis() + 60_000));
    assertThat(IndexKey.of(folder, "test", Folders.ZONE, Optional.empty())).isNotEqualTo(before);
  }

  @Test
  void theKeyCoversVersionZoneAndRules() throws IOException {
    Path folder = folder();
    IndexKey key = IndexKey.of(folder, "test", Folders.ZONE, Optional.empty());
    assertThat(IndexKey.of(folder, "other", Folders.ZONE, Optional.empty())).isNotEqualTo(key);
    assertThat(IndexKey.of(folder, "test", java.time.ZoneId.of("Europe/Berlin"), Optional.empty())).isNotEqualTo(key);
    Path userRules = Files.createDirectories(tmp.resolve("rules/signals"));
    Files.copy(Path.of("rules/signals/client.yaml"), userRules.resolve("client.yaml"));
    Optional<Path> user = Optional.of(tmp.resolve("rules"));
    IndexKey withUser = IndexKey.of(folder, "test", Folders.ZONE, user);
    assertThat(withUser).isNotEqualTo(key);
    assertThat(IndexKey.of(folder, "test", Folders.ZONE, user)).isEqualTo(withUser);
    FileTime mtime = Files.getLastModifiedTime(userRules.resolve("client.yaml"));
    Files.writeString(userRules.resolve("client.yaml"), "\n# changed\n", StandardOpenOption.APPEND);
    Files.setLastModifiedTime(userRules.resolve("client.yaml"), mtime); // the size alone must be enough
    assertThat(IndexKey.of(folder, "test", Folders.ZONE, user)).isNotEqualTo(withUser);
    Files.writeString(userRules.resolve("new.yaml"), "", StandardOpenOption.CREATE);
    IndexKey added = IndexKey.of(folder, "test", Folders.ZONE, user);
    assertThat(added).isNotEqualTo(withUser);
    Files.setLastModifiedTime(userRules.resolve("new.yaml"), FileTime.fromMillis(mtime.toMillis() - 60_000));
    assertThat(IndexKey.of(folder, "test", Folders.ZONE, user)).isNotEqualTo(added);
    assertThat(IndexKey.of(folder, "test", Folders.ZONE, Optional.empty()).folderId()).isEqualTo(key.folderId());
  }

  @Test
  void nothingIsWrittenIntoTheFolder() {
    Path folder = folder();
    Map<String, String> before = Folders.snapshot(folder);
    try (EventIndex idx = open(folder, tmp.resolve("cache"), new AtomicInteger())) {
      idx.search(idx.parse("errno:111"), SearchOrder.TIME, 0, h -> {});
    }
    assertThat(Folders.snapshot(folder)).isEqualTo(before);
  }

  @Test
  void anIndexRootInsideTheFolderIsRefused() {
    Path folder = folder();
    Map<String, String> before = Folders.snapshot(folder);
    assertThatThrownBy(() -> open(folder, folder.resolve(".coroner-index"), new AtomicInteger()))
        .isInstanceOfSatisfying(CoronerException.class, e -> assertThat(e.status()).isEqualTo(ExitStatus.USAGE.code()))
        .hasMessageContaining("inside the evidence folder");
    assertThat(Folders.snapshot(folder)).isEqualTo(before);
  }

  @Test
  void anInterruptedBuildLeavesNoIndexBehind() throws IOException {
    Path folder = folder();
    Path root = tmp.resolve("cache");
    IndexKey key = IndexKey.of(folder, "test", Folders.ZONE, Optional.empty());
    assertThatThrownBy(() -> new IndexStore(root).open(folder, key, new Times(Folders.ZONE), () -> {
      throw new IllegalStateException("disk on fire");
    }, Map.of(), IndexProgress.NONE)).isInstanceOf(CoronerException.class);
    try (Stream<Path> s = Files.list(root)) {
      assertThat(s).isEmpty();
    }
    assertThat(new IndexStore(root).existing(key)).isEmpty();
  }

  @Test
  void defaultRootFollowsXdg() {
    assertThat(IndexStore.defaultRoot(Map.of("XDG_CACHE_HOME", "/x/cache"), "/home/u"))
        .isEqualTo(Path.of("/x/cache/coroner/index"));
    assertThat(IndexStore.defaultRoot(Map.of(), "/home/u")).isEqualTo(Path.of("/home/u/.cache/coroner/index"));
  }
}
