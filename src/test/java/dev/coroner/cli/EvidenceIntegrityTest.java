package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coroner.Coroner;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evidence folder is read-only to coroner: every command run on it leaves its file list,
 * bytes, modification times and permissions as they were; the report's sha256 of each input is
 * the sha256 of its bytes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EvidenceIntegrityTest {
  @TempDir Path tmp;

  /** path -> "type size sha256 mtime perms" for every entry under the folder, links not followed. */
  static Map<String, String> snapshot(Path folder) throws IOException {
    Map<String, String> out = new TreeMap<>();
    Files.walkFileTree(folder, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
        out.put(folder.relativize(d) + "/", "dir " + a.lastModifiedTime().toMillis() + " " + perms(d));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
        String what = a.isSymbolicLink() ? "link " + Files.readSymbolicLink(f)
            : "file " + a.size() + " " + sha256(Files.readAllBytes(f)) + " " + a.lastModifiedTime().toMillis() + " " + perms(f);
        out.put(folder.relativize(f).toString(), what);
        return FileVisitResult.CONTINUE;
      }
    });
    return out;
  }

  private static String perms(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A copy of the test incidents plus the awkward things: .gz, a link, an empty and a read-only file. */
  private Path evidence() throws IOException {
    Path src = Path.of(System.getProperty("coroner.root", ".")).resolve("src/test/resources/incidents");
    Path dst = tmp.resolve("evidence");
    try (Stream<Path> s = Files.walk(src)) {
      for (Path p : s.toList()) {
        Path to = dst.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    try (GZIPOutputStream g = new GZIPOutputStream(Files.newOutputStream(dst.resolve("real-post-start-crash/autonomous_processing.log.1.gz")))) {
      g.write("2026-11-27 19:00:00,000 - KortanaAutonomous - INFO - Autonomous goal processor starting, server http://127.0.0.1:19201\n".getBytes());
    }
    Files.createSymbolicLink(dst.resolve("link-to-crash"), dst.resolve("real-post-start-crash"));
    Files.createFile(dst.resolve("empty.log"));
    Path ro = Files.writeString(dst.resolve("read-only.log"), "INFO:     Started server process [1]\n");
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r--r--r--"));
    // old mtimes, so that a rewrite would show even on a coarse clock
    try (Stream<Path> s = Files.walk(dst)) {
      for (Path p : s.filter(p -> !Files.isSymbolicLink(p)).sorted(Comparator.reverseOrder()).toList()) {
        Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2025-06-13T22:55:00Z")));
      }
    }
    return dst;
  }

  @Test
  void everyReadingCommandLeavesTheFolderAsItWas() throws IOException {
    Path folder = evidence();
    Map<String, String> before = snapshot(folder);
    assertThat(before).hasSizeGreaterThan(10);
    List<List<String>> runs = List.of(
        List.of("timeline", folder.toString()),
        List.of("timeline", folder.toString(), "--format", "json", "--tz", "UTC"),
        List.of("timeline", folder.toString(), "--format", "ndjson"),
        List.of("timeline", folder.toString(), "--grep", "refused", "--level", "ERROR", "--source", "client,server"),
        List.of("timeline", folder.resolve("real-startup-failure").toString(), "--format", "json"),
        List.of("timeline", folder.resolve("no-such-subfolder").toString()),
        List.of("diagnose", folder.toString(), "-o", tmp.resolve("report.md").toString()),
        List.of("diagnose", folder.toString(), "--format", "json", "--tz", "UTC"),
        List.of("diagnose", folder.resolve("real-startup-failure").toString(), "-o", "-"),
        List.of("diagnose", folder.resolve("windows-mixed").toString(), "--format", "json"));
    for (List<String> args : runs) {
      Coroner.Cli r = Coroner.cli(args.toArray(new String[0]));
      assertThat(r.err()).as("stderr of %s", args).doesNotContain("\tat ");
      assertThat(snapshot(folder)).as("the folder after coroner %s", args).isEqualTo(before);
    }
  }

  @Test
  void reportsCarryTheSha256OfEachInputAsStored() throws IOException {
    Path folder = evidence();
    for (String command : List.of("timeline", "diagnose")) {
      JsonNode doc = new ObjectMapper().readTree(Coroner.cli(command, folder.toString(), "--format", "json").out());
      assertThat(checkSha256(folder, doc)).as("inputs checked in %s", command).isGreaterThanOrEqualTo(8);
    }
  }

  private static int checkSha256(Path folder, JsonNode doc) throws IOException {
    int checked = 0;
    for (JsonNode in : doc.get("inputs")) {
      Path p = folder.resolve(in.get("path").asText());
      assertThat(in.get("sha256").asText()).as("sha256 of %s", p).isEqualTo(sha256(Files.readAllBytes(p)));
      assertThat(in.get("bytes").asLong()).isEqualTo(Files.size(p));
      checked++;
    }
    return checked;
  }
}
