package dev.coroner.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.Coroner;
import dev.coroner.format.PartStats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inputs' SHA-256 (the fingerprint the contract requires) is computed while the first pass
 * reads the bytes, not by a read of its own; it must still be the digest of each file's bytes as
 * stored. Checked here against {@link MessageDigest} over {@link Files#readAllBytes}, with the
 * probe of the first pass on and off (the probe that stops early must leave no wrong or missing
 * fingerprint), on every sample folder, the test folders and files made to be awkward: .gz with
 * trailing bytes, two members, cut short, or not gzip at all; byte-order marks; UTF-16; a log
 * big enough to be read on a thread of its own.
 */
@Timeout(300)
class FingerprintTest {
  @TempDir Path dir;

  @AfterEach
  void restore() {
    Timeline.probe = true;
  }

  private static String sha256(byte[] b) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  /** Checks every part's fingerprint both ways; returns how many parts were checked. */
  private static int check(Path folder) throws Exception {
    int checked = 0;
    for (boolean probe : new boolean[] {true, false}) {
      Timeline.probe = probe;
      Coroner.Result r = Coroner.timeline(folder);
      for (PartStats p : r.inputs().stream().flatMap(i -> i.parts().stream()).toList()) {
        assertThat(p.sha256()).as("sha256 of %s (probe %s)", p.part().path(), probe)
            .isEqualTo(sha256(Files.readAllBytes(p.part().path())));
        checked++;
      }
      assertThat(r.warningsText()).doesNotContain("fingerprint");
    }
    return checked;
  }

  private static List<Path> folders(Path parent) throws IOException {
    try (Stream<Path> s = Files.list(parent)) {
      return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("_")).sorted().toList();
    }
  }

  @Test
  void everySampleAndTestFolder() throws Exception {
    List<Path> all = new ArrayList<>(folders(Path.of("sample-logs")));
    all.addAll(folders(Path.of("src/test/resources/incidents")));
    all.addAll(folders(Path.of("src/test/resources/search/folders")));
    int checked = 0;
    for (Path f : all) {
      checked += check(f);
    }
    // 19 sample folders, 3 incidents, 7 search folders, each with at least one log, both ways
    assertThat(all).hasSizeGreaterThanOrEqualTo(29);
    assertThat(checked).isGreaterThanOrEqualTo(2 * 29);
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
    return p;
  }

  private static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(out)) {
      g.write(b);
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] lines(String... l) {
    return (String.join("\n", l) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static String timed(int i) {
    return String.format("2025-06-13 08:%02d:%02d,000 - client - INFO - GET http://127.0.0.1:8000/health -> 200", i / 60 % 60, i % 60);
  }

  @Test
  void awkwardFiles() throws Exception {
    byte[] server = lines("INFO:     Started server process [7]", "INFO:     Waiting for application startup.",
        "INFO:     Application startup complete.", "INFO:     127.0.0.1:5000 - \"GET /health HTTP/1.1\" 200 OK");
    // rotations: a .gz with 300 KB after its gzip member (decompression stops before them, so the
    // reading leaves most of them unread), one of two members, one cut in half, one named .gz that
    // is not gzip
    byte[] trail = new byte[300 * 1024];
    new java.util.Random(1).nextBytes(trail);
    write("uvicorn.log.4.gz", concat(gzip(server), new byte[] {'t', 'r', 'a', 'i', 'l'}, trail));
    write("uvicorn.log.3.gz", concat(gzip(server), gzip(server)));
    byte[] gz = gzip(server);
    write("uvicorn.log.2.gz", Arrays.copyOf(gz, gz.length / 2));
    write("uvicorn.log.1.gz", server);
    write("uvicorn.log", server);
    // encodings: a UTF-8 byte-order mark, UTF-16 LE with its mark and CRLF
    write("client.log", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, lines(timed(1), timed(2))));
    write("worker.log", concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
        (timed(3) + "\r\n" + timed(4) + "\r\n").getBytes(StandardCharsets.UTF_16LE)));
    write("empty.log", new byte[0]);
    assertThat(check(dir)).isGreaterThanOrEqualTo(2 * 8);
  }

  @Test
  void timedLogsWhoseProbeStopsEarlyOrReadsAll() throws Exception {
    // timed only: the probe reads everything and is the first pass (its fingerprints are kept)
    List<String> l = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      l.add(timed(i));
    }
    Path a = dir.resolve("a");
    Files.createDirectories(a);
    Files.write(a.resolve("client.log"), lines(l.toArray(new String[0])));
    Files.write(a.resolve("client2.log"), lines(l.subList(0, 10).toArray(new String[0])));
    assertThat(check(a)).isEqualTo(4);
    // an untimed record after the probe's first look (256 records): the probe stops there, the
    // full pass reads again
    List<String> m = new ArrayList<>(l.subList(0, 300));
    m.set(290, "something without a time");
    Path b = dir.resolve("b");
    Files.createDirectories(b);
    Files.write(b.resolve("client.log"), lines(m.toArray(new String[0])));
    Files.write(b.resolve("client2.log"), lines(l.toArray(new String[0])));
    assertThat(check(b)).isEqualTo(4);
  }

  @Test
  void aLogReadOnAThreadOfItsOwn() throws Exception {
    // over FileScan.BIG (8 MiB): read ahead by a thread of its own in the full first pass
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (sb.length() < (9 << 20)) {
      sb.append("INFO:     127.0.0.1:").append(40000 + i++ % 20000).append(" - \"GET /health HTTP/1.1\" 200 OK\n");
    }
    write("uvicorn.log", sb.toString().getBytes(StandardCharsets.UTF_8));
    write("client.log", lines(timed(1), timed(2)));
    assertThat(check(dir)).isEqualTo(4);
  }
}
