package dev.coroner.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The logs inside an archive are read as the folder they were packed from. */
class ArchivesTest {
  @TempDir Path dir;
  @TempDir Path src;

  private static final String CLIENT = "2026-11-27 10:00:00,000 - K - ERROR - Connection refused\n"
      + "2026-11-27 10:00:01,000 - K - INFO - Fetched 1 goals\n";
  private static final String SERVER = "INFO:     Started server process [42]\nINFO:     Uvicorn running on http://127.0.0.1:8000\n";

  private void tar(String flags, Path archive, String... names) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("tar", flags, archive.toString(), "-C", src.toString()));
    cmd.addAll(List.of(names));
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
  }

  private void sources() throws IOException {
    Files.createDirectories(src.resolve("logs"));
    Files.writeString(src.resolve("client.log"), CLIENT);
    Files.writeString(src.resolve("logs/server.log"), SERVER);
    Files.writeString(src.resolve("README.md"), "# notes\n");
    Files.writeString(src.resolve(".hidden.log"), SERVER);
  }

  private static List<String> lines(LogFile.Part p) throws IOException {
    return Files.readAllLines(p.path(), StandardCharsets.UTF_8);
  }

  private static List<String> names(List<LogFile> files) {
    return files.stream().map(LogFile::name).toList();
  }

  @Test
  void aTarGzTarBz2AndTarAreReadMemberByMemberUnderTheArchivesName() throws Exception {
    sources();
    tar("czf", dir.resolve("a.tar.gz"), "client.log", "logs", "README.md", ".hidden.log");
    tar("cjf", dir.resolve("b.tbz"), "client.log", "logs");
    tar("cf", dir.resolve("c.tar"), "./client.log");
    Warnings w = new Warnings();
    List<LogFile> files = FolderScanner.scan(dir, w);
    // the README and the hidden file are not logs, as in a folder; "./" is not part of a name
    assertThat(names(files)).containsExactly("a.tar.gz/client.log", "a.tar.gz/logs/server.log",
        "b.tbz/client.log", "b.tbz/logs/server.log", "c.tar/client.log");
    assertThat(w.list()).isEmpty();
    for (LogFile f : files) {
      String expected = f.name().endsWith("server.log") ? SERVER : CLIENT;
      assertThat(String.join("\n", lines(f.current())) + "\n").isEqualTo(expected);
      assertThat(f.current().size()).isEqualTo(expected.length());
      assertThat(f.current().path().startsWith(dir)).isFalse();
    }
    // the members' own times, not the unpacking's
    assertThat(files.get(0).current().modified())
        .isEqualTo(Files.getLastModifiedTime(src.resolve("client.log")).toMillis() / 1000 * 1000);
  }

  @Test
  void aZipsRotationsJoinAndAGzippedMemberStaysGzipped() throws Exception {
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(dir.resolve("bundle.zip")))) {
      z.putNextEntry(new java.util.zip.ZipEntry("app/server.log"));
      z.write("INFO:     Uvicorn running on http://127.0.0.1:8000\n".getBytes(StandardCharsets.UTF_8));
      z.putNextEntry(new java.util.zip.ZipEntry("app/server.log.1.gz"));
      java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
      try (var gz = new java.util.zip.GZIPOutputStream(b)) {
        gz.write("INFO:     Started server process [7]\n".getBytes(StandardCharsets.UTF_8));
      }
      z.write(b.toByteArray());
      z.putNextEntry(new java.util.zip.ZipEntry("__MACOSX/app/._server.log"));
      z.write(new byte[] {0, 5, 22, 7});
      z.putNextEntry(new java.util.zip.ZipEntry("notes.json"));
      z.write("{\"pretty\": true,\n \"a\": 1}\n".getBytes(StandardCharsets.UTF_8));
      z.putNextEntry(new java.util.zip.ZipEntry("journal.json"));
      z.write("{\"MESSAGE\":\"a\"}\n{\"MESSAGE\":\"b\"}\n".getBytes(StandardCharsets.UTF_8));
    }
    Warnings w = new Warnings();
    List<LogFile> files = FolderScanner.scan(dir, w);
    assertThat(names(files)).containsExactly("bundle.zip/app/server.log", "bundle.zip/journal.json");
    LogFile server = files.get(0);
    assertThat(server.parts()).extracting(LogFile.Part::name)
        .containsExactly("bundle.zip/app/server.log.1.gz", "bundle.zip/app/server.log");
    assertThat(server.parts()).extracting(LogFile.Part::gzip).containsExactly(true, false);
    assertThat(w.list()).isEmpty();
  }

  @Test
  void aMemberNamedOutsideTheArchiveWritesNothingOutsideTheUnpackingFolder() throws Exception {
    Path evidence = Files.createDirectories(dir.resolve("evidence"));
    Path archive = evidence.resolve("evil.tar");
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(Files.newOutputStream(archive))) {
      byte[] body = SERVER.getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry e = new TarArchiveEntry("../../escaped.log", true);
      e.setSize(body.length);
      t.putArchiveEntry(e);
      t.write(body);
      t.closeArchiveEntry();
    }
    List<String> before = listing(dir);
    Archives.Unpacked u = Archives.unpack(archive, "evil.tar", "tar", evidence, new long[] {1 << 20});
    assertThat(u.parts()).hasSize(1);
    assertThat(u.parts().get(0).name()).isEqualTo("evil.tar/escaped.log");
    assertThat(listing(dir)).isEqualTo(before); // nothing new beside or inside the evidence folder
    assertThat(u.parts().get(0).path().getFileName().toString()).isEqualTo("escaped.log");
  }

  @Test
  void unpackingStopsAtItsBudgetAndSaysWhere() throws Exception {
    sources();
    Files.writeString(src.resolve("big.log"), "x".repeat(5000) + "\n");
    tar("czf", dir.resolve("a.tar.gz"), "client.log", "big.log", "logs");
    long[] left = {CLIENT.length() + 1000};
    Archives.Unpacked u = Archives.unpack(dir.resolve("a.tar.gz"), "a.tar.gz", "tar.gz", dir, left);
    assertThat(u.parts()).extracting(LogFile.Part::name).containsExactly("a.tar.gz/client.log", "a.tar.gz/big.log");
    assertThat(u.parts().get(1).size()).isEqualTo(1000);
    assertThat(left[0]).isZero();
    assertThat(u.warnings()).singleElement().asString()
        .startsWith("a.tar.gz/big.log: cut after 1000 bytes (coroner unpacks at most 4096 MiB of archives");
  }

  @Test
  void aDamagedArchiveGivesWhatCameBeforeTheDamage() throws Exception {
    sources();
    Files.writeString(src.resolve("z-last.log"), "y".repeat(200_000) + "\n");
    tar("cf", dir.resolve("whole.tar"), "client.log", "z-last.log");
    byte[] all = Files.readAllBytes(dir.resolve("whole.tar"));
    // the first member's header and body (512 + 512 bytes), the second's header and some of its body
    Files.write(dir.resolve("half.tar"), java.util.Arrays.copyOf(all, 1024 + 512 + 10_000));
    Files.delete(dir.resolve("whole.tar"));
    Warnings w = new Warnings();
    List<LogFile> files = FolderScanner.scan(dir, w);
    assertThat(names(files)).containsExactly("half.tar/client.log");
    assertThat(w.list()).singleElement().asString().startsWith("half.tar: the tar archive is damaged after 1 log (");
  }

  @Test
  void aDocumentOrAPackageThatIsAZipInsideIsNeitherUnpackedNorNamed() throws Exception {
    for (String name : List.of("postmortem.docx", "app-1.0-py3-none-any.whl")) {
      try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(dir.resolve(name)))) {
        z.putNextEntry(new java.util.zip.ZipEntry("word/document.xml"));
        z.write("<w:document/>\n".getBytes(StandardCharsets.UTF_8));
      }
    }
    Warnings w = new Warnings();
    assertThat(FolderScanner.scan(dir, w)).isEmpty();
    assertThat(w.list()).isEmpty();
  }

  @Test
  void sevenZipAndRarAreNamedNotRead() throws Exception {
    Files.write(dir.resolve("a.7z"), new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C, 0, 4});
    Files.write(dir.resolve("b.rar"), new byte[] {'R', 'a', 'r', '!', 0x1A, 7, 1, 0});
    Warnings w = new Warnings();
    assertThat(FolderScanner.scan(dir, w)).isEmpty();
    String unpack = " archive; the logs inside it are not read (unpack it into a folder and give that folder)";
    assertThat(w.list()).containsExactlyInAnyOrder("a.7z: a 7z" + unpack, "b.rar: a rar" + unpack);
  }

  @Test
  void theIndexKeyListsTheArchiveNotItsMembers() throws Exception {
    sources();
    tar("czf", dir.resolve("a.tar.gz"), "client.log");
    assertThat(FolderScanner.scan(dir, new Warnings(), false)).flatExtracting(LogFile::parts)
        .extracting(LogFile.Part::name).containsExactly("a.tar.gz");
  }

  private static List<String> listing(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }
}
