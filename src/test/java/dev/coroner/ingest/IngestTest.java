package dev.coroner.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.coroner.Coroner.Result;
import dev.coroner.Coroner;
import dev.coroner.format.Event;
import dev.coroner.format.Source;
import dev.coroner.timeline.InputFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest through the whole first and second pass: encodings, line endings, rotations, .gz,
 * tracebacks, and the bad inputs of issue 2 point 3. Each test writes its folder, reads it as
 * {@code coroner timeline} does, and checks what a human reading the input expects.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IngestTest {
  static final String C1 = "2026-11-27 19:24:10,303 - KortanaAutonomous - INFO - Autonomous goal processor starting, server http://127.0.0.1:8000";
  static final String C2 = "2026-11-27 19:24:10,307 - KortanaAutonomous - INFO - Fetched 1 goals from http://127.0.0.1:8000/goals/";
  static final String C3 = "2026-11-27 19:24:11,182 - KortanaAutonomous - ERROR - Error fetching goals: HTTPConnectionPool(host='127.0.0.1', port=8000): Max retries exceeded with url: /goals/ (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f65379b7bd0>: Failed to establish a new connection: [Errno 111] Connection refused'))";
  static final String U1 = "INFO:     Started server process [15770]";
  static final String U2 = "INFO:     Waiting for application startup.";
  static final String U3 = "INFO:     Application startup complete.";
  static final String U4 = "INFO:     Uvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)";

  @TempDir Path dir;

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
    return p;
  }

  private static byte[] text(Charset cs, String eol, String... lines) {
    return (String.join(eol, lines) + eol).getBytes(cs);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(out)) {
      g.write(b);
    }
    return out.toByteArray();
  }

  private static Result read(Path dir) {
    Result r = Coroner.timeline(dir);
    Coroner.assertLineAccounting(r);
    Coroner.assertOrdered(r);
    return r;
  }

  private static List<String> messages(Result r) {
    return r.events().stream().map(Event::message).toList();
  }

  // ---- encodings

  @Test
  void aCoreDumpOrADatabaseBesideTheLogsIsNamedAndNotRead() throws IOException {
    write("client.log", text(StandardCharsets.UTF_8, "\n", C1, C2));
    // an x86-64 ELF core dump's header: e_type 4 (ET_CORE) at offset 16, little-endian
    byte[] core = new byte[2048];
    new Random(3).nextBytes(core);
    System.arraycopy(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0x3E, 0}, 0, core, 0, 20);
    write("core.4242", core);
    byte[] db = new byte[1024];
    System.arraycopy("SQLite format 3\0".getBytes(StandardCharsets.ISO_8859_1), 0, db, 0, 16);
    write("state", db);
    Result r = read(dir);
    assertThat(r.inputs()).extracting(InputFile::name).containsExactly("client.log");
    assertThat(r.warnings()).contains("core.4242: an ELF core dump (a process's memory when it crashed or was dumped), not a log; not read",
        "state: an SQLite database, not a log; not read");
  }

  @Test
  void aRotatedPartBelongsToTheLogItsRotationSuffixNames() {
    // read from the rotation suffixes the scanner joins: .N (1-4 digits), .DATE, then .gz
    assertThat(FolderScanner.logOf("logs/app.log.2.gz")).isEqualTo("logs/app.log");
    assertThat(FolderScanner.logOf("app.log.1")).isEqualTo("app.log");
    assertThat(FolderScanner.logOf("app.log.2024-01-05")).isEqualTo("app.log");
    assertThat(FolderScanner.logOf("app.log.gz")).isEqualTo("app.log");
    assertThat(FolderScanner.logOf("app.log")).isEqualTo("app.log");
    assertThat(FolderScanner.logOf("server8")).isEqualTo("server8");
    assertThat(FolderScanner.logOf("")).isEqualTo("");
  }

  @Test
  void utf8() throws IOException {
    write("client.log", text(StandardCharsets.UTF_8, "\n", C1, C2, C3));
    Result r = read(dir);
    assertThat(r.part("client.log").encoding()).isEqualTo("UTF-8");
    assertThat(r.events()).extracting(Event::line).containsExactly(1L, 2L, 3L);
    assertThat(r.events().get(2).field("errno")).isEqualTo("111");
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void utf8WithBom() throws IOException {
    write("client.log", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text(StandardCharsets.UTF_8, "\n", C1, C2)));
    Result r = read(dir);
    assertThat(r.part("client.log").encoding()).isEqualTo("UTF-8 (BOM)");
    assertThat(r.events()).hasSize(2);
    assertThat(r.events().get(0).logger()).isEqualTo("KortanaAutonomous");
    assertThat(r.events().get(0).text()).startsWith("2026-11-27 19:24:10,303");
  }

  @Test
  void utf16LeWithBom() throws IOException {
    // PowerShell's "uvicorn ... > uvicorn_server.log": UTF-16LE with BOM, CRLF
    write("logs/uvicorn_server.log", concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text(StandardCharsets.UTF_16LE, "\r\n", U1, U2, U3, U4)));
    Result r = read(dir);
    assertThat(r.part("logs/uvicorn_server.log").encoding()).isEqualTo("UTF-16LE (BOM)");
    assertThat(messages(r)).containsExactly("Started server process [15770]", "Waiting for application startup.",
        "Application startup complete.", "Uvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)");
    assertThat(r.events().get(0).field("pid")).isEqualTo("15770");
    assertThat(r.events().get(0).source()).isEqualTo(Source.SERVER);
  }

  @Test
  void utf16BeWithBom() throws IOException {
    write("uvicorn.log", concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text(StandardCharsets.UTF_16BE, "\n", U1, U4)));
    Result r = read(dir);
    assertThat(r.part("uvicorn.log").encoding()).isEqualTo("UTF-16BE (BOM)");
    assertThat(r.events()).extracting(e -> e.field("port")).containsExactly("", "8000");
  }

  @Test
  void utf16LeWithoutBom() throws IOException {
    write("uvicorn.log", text(StandardCharsets.UTF_16LE, "\r\n", U1, U2));
    Result r = read(dir);
    assertThat(r.part("uvicorn.log").encoding()).isEqualTo("UTF-16LE");
    assertThat(messages(r)).containsExactly("Started server process [15770]", "Waiting for application startup.");
  }

  @Test
  void cp1252WithNonAscii() throws IOException {
    String de = "2025-06-13 22:55:01,234 - KortanaAutonomous - ERROR - Fehler: [WinError 10061] Es konnte keine Verbindung hergestellt werden, da der Zielcomputer die Verbindung verweigerte – Größe €";
    write("autonomous_processing.log", text(Charset.forName("windows-1252"), "\r\n", de, C2));
    Result r = read(dir);
    assertThat(r.part("autonomous_processing.log").encoding()).isEqualTo("windows-1252");
    assertThat(r.events().get(0).message()).endsWith("verweigerte – Größe €");
    assertThat(r.events().get(0).field("errno")).isEqualTo("10061");
  }

  @Test
  void invalidUtf8AfterTheSniffedHeadIsReplacedNotThrown() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      lines.add(C2);
    }
    byte[] head = text(StandardCharsets.UTF_8, "\n", lines.toArray(new String[0]));
    byte[] bad = "2026-11-27 19:24:12,000 - KortanaAutonomous - ERROR - caf\u00e9 \n".getBytes(Charset.forName("windows-1252"));
    write("client.log", concat(head, bad));
    Result r = read(dir);
    assertThat(r.events()).hasSize(2001);
    assertThat(r.events().get(2000).message()).startsWith("caf");
  }

  @Test
  void utf16HalfCharacterAtTheEnd() throws IOException {
    byte[] full = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text(StandardCharsets.UTF_16LE, "\n", U1, U2));
    write("uvicorn.log", concat(full, new byte[] {0x49}));
    Result r = read(dir);
    assertThat(r.events()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(r.events().get(1).message()).isEqualTo("Waiting for application startup.");
  }

  // ---- line endings

  @Test
  void crlfAndLoneCr() throws IOException {
    write("a.log", text(StandardCharsets.UTF_8, "\r\n", C1, C2));
    write("b.log", text(StandardCharsets.UTF_8, "\r", U1, U2, U3));
    Result r = read(dir);
    assertThat(r.part("a.log").lines()).isEqualTo(2);
    assertThat(r.part("b.log").lines()).isEqualTo(3);
    assertThat(r.events()).allSatisfy(e -> assertThat(e.text()).doesNotContain("\r"));
    assertThat(r.of("b.log")).extracting(Event::line).containsExactly(1L, 2L, 3L);
  }

  @Test
  void crlfSplitAcrossTheReadBuffer() throws IOException {
    // put the CR of a CRLF at the end of the reader's 64 Ki-char buffer: still one line ending
    String filler = "x".repeat(64 * 1024 - 1 - (U1.length() + 2));
    String content = U1 + "\r\n" + "INFO:     " + filler.substring(10) + "\r\n" + U2 + "\r\n";
    write("uvicorn.log", content.getBytes(StandardCharsets.US_ASCII));
    Result r = read(dir);
    assertThat(r.part("uvicorn.log").lines()).isEqualTo(3);
    assertThat(r.events()).hasSize(3);
  }

  // ---- rotations

  @Test
  void numberedRotationsJoinOldestFirst() throws IOException {
    write("logs/uvicorn_server.log.2.gz", gzip(text(StandardCharsets.UTF_8, "\n", "INFO:     Started server process [1]", "INFO:     Finished server process [1]")));
    write("logs/uvicorn_server.log.1", text(StandardCharsets.UTF_8, "\n", "INFO:     Started server process [2]"));
    write("logs/uvicorn_server.log", text(StandardCharsets.UTF_8, "\n", "INFO:     Started server process [3]", U2));
    Result r = read(dir);
    assertThat(r.inputs()).hasSize(1);
    InputFile f = r.inputs().get(0);
    assertThat(f.name()).isEqualTo("logs/uvicorn_server.log");
    assertThat(f.parts()).extracting(p -> p.part().name())
        .containsExactly("logs/uvicorn_server.log.2.gz", "logs/uvicorn_server.log.1", "logs/uvicorn_server.log");
    assertThat(r.events()).extracting(Event::ref).containsExactly("logs/uvicorn_server.log.2.gz:1", "logs/uvicorn_server.log.2.gz:2",
        "logs/uvicorn_server.log.1:1", "logs/uvicorn_server.log:1", "logs/uvicorn_server.log:2");
    assertThat(r.events()).extracting(Event::ordinal).containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(r.part("logs/uvicorn_server.log.2.gz").lines()).isEqualTo(2);
  }

  @Test
  void tenRotationsSortNumericallyNotAlphabetically() throws IOException {
    for (int i = 0; i <= 11; i++) {
      write("uvicorn.log" + (i == 0 ? "" : "." + i), text(StandardCharsets.UTF_8, "\n", "INFO:     Started server process [" + (100 - i) + "]"));
    }
    Result r = read(dir);
    assertThat(r.events()).extracting(e -> e.field("pid"))
        .containsExactly("89", "90", "91", "92", "93", "94", "95", "96", "97", "98", "99", "100");
  }

  @Test
  void datedRotationsJoinOldestFirst() throws IOException {
    write("uvicorn.log.2026-11-25", text(StandardCharsets.UTF_8, "\n", "INFO:     Started server process [25]"));
    write("uvicorn.log.2026-11-26.gz", gzip(text(StandardCharsets.UTF_8, "\n", "INFO:     Started server process [26]")));
    write("uvicorn.log", text(StandardCharsets.UTF_8, "\n", "INFO:     Started server process [27]"));
    Result r = read(dir);
    assertThat(r.inputs()).hasSize(1);
    assertThat(r.events()).extracting(e -> e.field("pid")).containsExactly("25", "26", "27");
  }

  @Test
  void gzipTruncated() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      lines.add(String.format("2026-11-27 19:%02d:%02d,%03d - KortanaAutonomous - INFO - poll %d with some text to make it compress less %d",
          i / 3600 % 60, i / 60 % 60, i % 1000, i, i * 7919 % 10007));
    }
    byte[] gz = gzip(text(StandardCharsets.UTF_8, "\n", lines.toArray(new String[0])));
    write("client.log.1.gz", Arrays.copyOf(gz, gz.length / 2));
    write("client.log", text(StandardCharsets.UTF_8, "\n", C3));
    Result r = read(dir);
    assertThat(r.warningsText()).contains("client.log.1.gz").contains("truncated");
    long fromGz = r.of("client.log.1.gz").size();
    assertThat(fromGz).isGreaterThan(0).isLessThan(3000);
    assertThat(r.of("client.log")).hasSize(1);
  }

  @Test
  void gzNameButNotGzip() throws IOException {
    write("client.log.1.gz", text(StandardCharsets.UTF_8, "\n", C1, C2));
    Result r = read(dir);
    assertThat(r.warningsText()).contains("client.log.1.gz: named .gz but is not gzip data");
    assertThat(r.events()).hasSize(2);
  }

  @Test
  void emptyGz() throws IOException {
    write("client.log.1.gz", new byte[0]);
    write("client.log.2.gz", new byte[] {0x1f});
    Result r = read(dir);
    assertThat(r.events()).isEmpty();
  }

  // ---- records

  @Test
  void uvicornLifespanTracebackIsOneEvent() throws IOException {
    // as uvicorn 0.17.6 wrote it for app.py with APP_FAIL_STARTUP=1 (blank line 13 included)
    write("uvicorn_server.log", text(StandardCharsets.UTF_8, "\n",
        "INFO:     Started server process [16051]",
        "INFO:     Waiting for application startup.",
        "ERROR:    Traceback (most recent call last):",
        "  File \"/usr/lib/python3/dist-packages/starlette/routing.py\", line 677, in lifespan",
        "    async with self.lifespan_context(app) as maybe_state:",
        "  File \"/usr/lib/python3/dist-packages/starlette/routing.py\", line 566, in __aenter__",
        "    await self._router.startup()",
        "  File \"/usr/lib/python3/dist-packages/starlette/routing.py\", line 654, in startup",
        "    await handler()",
        "  File \"/srv/app.py\", line 38, in startup",
        "    raise RuntimeError(\"database connection failed: could not connect to server at 127.0.0.1:5432\")",
        "RuntimeError: database connection failed: could not connect to server at 127.0.0.1:5432",
        "",
        "ERROR:    Application startup failed. Exiting."));
    Result r = read(dir);
    assertThat(r.events()).extracting(Event::line).containsExactly(1L, 2L, 3L, 14L);
    Event tb = r.events().get(2);
    assertThat(tb.lastLine()).isEqualTo(13);
    assertThat(tb.field("exception")).isEqualTo("RuntimeError");
    assertThat(tb.text()).endsWith("RuntimeError: database connection failed: could not connect to server at 127.0.0.1:5432");
    assertThat(tb.signals()).contains("server.traceback");
    assertThat(r.events().get(3).signals()).contains("server.startup-failed");
    assertThat(r.part("uvicorn_server.log").unparsed()).isZero();
  }

  @Test
  void clientTracebackBelongsToTheLineAbove() throws IOException {
    write("client.log", text(StandardCharsets.UTF_8, "\n",
        C1,
        "2026-11-27 19:24:12,000 - KortanaAutonomous - ERROR - Unexpected error in processing loop",
        "Traceback (most recent call last):",
        "  File \"client.py\", line 33, in <module>",
        "    r = requests.get(args.url + \"/goals/\", timeout=args.timeout)",
        "ValueError: boom",
        C3.replace("19:24:11,182", "19:24:13,000")));
    Result r = read(dir);
    assertThat(r.events()).extracting(Event::line).containsExactly(1L, 2L, 7L);
    assertThat(r.events().get(1).lastLine()).isEqualTo(6);
    assertThat(r.events().get(1).field("exception")).isEqualTo("ValueError");
  }

  /**
   * Lines no format reads are records of their own (so signals see them); only an indented line
   * continues the record above. An unknown line after a record is not swallowed by it: the last
   * line of a log is often the crash itself.
   */
  @Test
  void linesNoFormatReadsArePlainTextRecords() throws IOException {
    write("client.log", text(StandardCharsets.UTF_8, "\n", "garbage before", "  more garbage", C1, "continuation"));
    Result r = read(dir);
    assertThat(r.part("client.log").unparsed()).isZero();
    assertThat(r.events()).extracting(Event::line).containsExactly(1L, 3L, 4L);
    assertThat(r.events()).extracting(Event::lastLine).containsExactly(2L, 3L, 4L);
    assertThat(r.events()).extracting(Event::format).containsExactly("text", "python-logging", "text");
    assertThat(r.events().get(2).message()).isEqualTo("continuation");
    assertThat(r.warningsText()).contains("client.log: 2 of 4 lines match none of its formats");
  }

  @Test
  void hugeTracebackKeepsItsLineRange() throws IOException {
    List<String> lines = new ArrayList<>(List.of(U1, "ERROR:    Exception in ASGI application", "Traceback (most recent call last):"));
    for (int i = 0; i < 5000; i++) {
      lines.add("  File \"/x.py\", line " + i + ", in f");
    }
    lines.add("RecursionError: maximum recursion depth exceeded");
    write("uvicorn.log", text(StandardCharsets.UTF_8, "\n", lines.toArray(new String[0])));
    Result r = read(dir);
    assertThat(r.events()).hasSize(2);
    assertThat(r.events().get(1).lastLine()).isEqualTo(5004);
  }

  // ---- bad input

  @Test
  void truncatedLastLine() throws IOException {
    write("client.log", concat(text(StandardCharsets.UTF_8, "\n", C1), "2026-11-27 19:24:10,307 - KortanaAutonomous - INFO - Fetched 1 go".getBytes(StandardCharsets.UTF_8)));
    Result r = read(dir);
    assertThat(r.events()).hasSize(2);
    assertThat(r.events().get(1).message()).isEqualTo("Fetched 1 go");
    assertThat(r.warningsText()).contains("client.log:2: last line has no line ending");
  }

  @Test
  void nulBytesAreDropped() throws IOException {
    // a log preallocated with NULs after a crash (common on Windows and with some file systems)
    write("client.log", concat(text(StandardCharsets.UTF_8, "\n", C1), new byte[4096], text(StandardCharsets.UTF_8, "\n", C2)));
    Result r = read(dir);
    assertThat(r.events()).extracting(Event::message).contains("Fetched 1 goals from http://127.0.0.1:8000/goals/");
    assertThat(r.events()).allSatisfy(e -> assertThat(e.text()).doesNotContain("\0"));
  }

  @Test
  void terminalCapturesReadAsTheScreenShowedThem() throws IOException {
    // a `script` capture as a terminal receives it: a window title before the prompt's output,
    // a private mode (cursor hidden, bracketed paste), a character-set switch, a hyperlink around a
    // path (rich's RichHandler), a shell's line editing with backspaces, a pager's overstrike bold,
    // a bell, and a title left open by a cut capture
    String esc = "\u001b";
    String[] lines = {
      esc + "]0;dev@box: ~/app" + "\u0007" + esc + "[?2004l" + U1,
      esc + "[?25l" + U2 + esc + "[?25h",
      esc + "(B" + esc + "[m" + U3,
      "uvx\b\bvicorn main:app --port 8000",
      "E\bER\bRR\bRO\bOR\bR: boom at " + esc + "]8;id=7;file:///app/main.py" + esc + "\\main.py:12" + esc + "]8;;" + esc + "\\",
      "\u0007" + U4,
      esc + "]2;a title the cut left open",
    };
    write("typescript", text(StandardCharsets.UTF_8, "\r\n", lines));
    Result r = read(dir);
    assertThat(r.part("typescript").lines()).isEqualTo(7);
    assertThat(r.events()).extracting(Event::text).containsExactly(
        U1, U2, U3,
        "uvicorn main:app --port 8000",
        "ERROR: boom at main.py:12",
        U4,
        "]2;a title the cut left open");
    assertThat(r.events()).allSatisfy(e -> assertThat(e.text()).doesNotContain(esc, "\b", "\u0007", "\r"));
  }

  @Test
  void randomBinaryJunk() throws IOException {
    byte[] junk = new byte[200_000];
    new Random(42).nextBytes(junk);
    write("core.bin.log", junk);
    write("client.log", text(StandardCharsets.UTF_8, "\n", C1));
    Result r = read(dir);
    assertThat(r.of("client.log")).hasSize(1);
    assertThat(r.warningsText()).contains("core.bin.log");
  }

  @Test
  void lineOfSeveralMegabytesIsCutWithAWarning() throws IOException {
    // 50 MB on one line (issue 7's corpus); bounded by @Timeout like every test here
    String huge = "2026-11-27 19:24:10,400 - KortanaAutonomous - ERROR - " + "A".repeat(50 * 1024 * 1024);
    write("client.log", text(StandardCharsets.UTF_8, "\n", C1, huge, C3));
    Result r = read(dir);
    assertThat(r.events()).hasSize(3);
    assertThat(r.events().get(1).text().length()).isEqualTo(LineReader.MAX_LINE);
    assertThat(r.events().get(2).line()).isEqualTo(3);
    assertThat(r.events().get(2).field("errno")).isEqualTo("111");
    assertThat(r.warningsText()).contains("client.log:2: line longer than");
  }

  @Test
  void emptyFilesAndBlankOnlyFiles() throws IOException {
    write("logs/awakening.log", new byte[0]);
    write("blank.log", text(StandardCharsets.UTF_8, "\n", "", "   ", "\t", ""));
    write("client.log", text(StandardCharsets.UTF_8, "\n", C1));
    Result r = read(dir);
    assertThat(r.events()).hasSize(1);
    assertThat(r.part("logs/awakening.log").lines()).isZero();
    assertThat(r.part("blank.log").lines()).isEqualTo(4);
  }

  @Test
  void unreadableFileIsSkippedWithAWarning() throws IOException {
    assumeFalse("root".equals(System.getProperty("user.name")), "root reads everything: permission denied cannot be tested");
    Path p = write("secret.log", text(StandardCharsets.UTF_8, "\n", C1));
    write("client.log", text(StandardCharsets.UTF_8, "\n", C2));
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
    try {
      Result r = read(dir);
      assertThat(r.warningsText()).contains("secret.log: not readable (permission denied)");
      assertThat(r.events()).hasSize(1);
    } finally {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
    }
  }

  @Test
  void symlinkLoops() throws IOException {
    write("sub/client.log", text(StandardCharsets.UTF_8, "\n", C1));
    Files.createSymbolicLink(dir.resolve("sub/loop"), dir);
    Files.createSymbolicLink(dir.resolve("self.log"), dir.resolve("self.log"));
    Files.createSymbolicLink(dir.resolve("dangling.log"), dir.resolve("nowhere.log"));
    Result r = read(dir);
    assertThat(r.events()).hasSize(1);
    assertThat(r.warningsText()).contains("sub/loop: symbolic link loop");
  }

  @Test
  void pathWithSpacesAndNonAscii() throws IOException {
    write("Vorfall 27.11. – Kortana/logs ü/uvicorn server.log", text(StandardCharsets.UTF_8, "\n", U1));
    write("Vorfall 27.11. – Kortana/autonomous processing ©.log", text(StandardCharsets.UTF_8, "\n", C1));
    Path folder = dir.resolve("Vorfall 27.11. – Kortana");
    Result r = read(folder);
    assertThat(r.events()).extracting(Event::file)
        .containsExactlyInAnyOrder("logs ü/uvicorn server.log", "autonomous processing ©.log");
    assertThat(Coroner.cli("timeline", folder.toString(), "--tz", "UTC").out()).contains("logs ü/uvicorn server.log:1");
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed claim (bench/run measures speed)
  void tenThousandTinyFiles() throws IOException {
    for (int i = 0; i < 10_000; i++) {
      String line = String.format("2026-11-27 19:%02d:%02d,%03d - c%d - INFO - tiny", i / 3600, i / 60 % 60, i % 60, i);
      write(String.format("d%02d/c%05d.log", i / 500, i), (line + "\n").getBytes(StandardCharsets.UTF_8));
    }
    Result r = read(dir);
    assertThat(r.events()).hasSize(10_000);
    assertThat(r.inputs()).hasSize(10_000);
  }

  @Test
  void fileDeletedBetweenListingAndReading() throws IOException {
    write("client.log", text(StandardCharsets.UTF_8, "\n", C1));
    Path gone = write("uvicorn.log", text(StandardCharsets.UTF_8, "\n", U1, U2));
    Warnings w = new Warnings();
    List<LogFile> files = FolderScanner.scan(dir, w);
    Files.delete(gone);
    List<Event> events = new ArrayList<>();
    for (LogFile f : files) {
      try (dev.coroner.format.EventReader r = new dev.coroner.format.EventReader(f,
          Coroner.formats(java.time.ZoneOffset.UTC).all(), Source.OTHER, w)) {
        r.forEachRemaining(events::add);
      }
    }
    assertThat(events).hasSize(1);
    assertThat(String.join("\n", w.list())).contains("uvicorn.log: cannot be opened");
  }

  @Test
  void fileDeletedBetweenThePasses() throws IOException {
    write("client.log", text(StandardCharsets.UTF_8, "\n", C1, C2));
    Path gone = write("uvicorn.log", text(StandardCharsets.UTF_8, "\n", U1, U2));
    Warnings w = new Warnings();
    List<Event> events = new ArrayList<>();
    try (dev.coroner.timeline.Timeline t = dev.coroner.timeline.Timeline.open(
        new dev.coroner.timeline.TimelineRequest(dir, java.time.ZoneOffset.UTC, true),
        Coroner.formats(java.time.ZoneOffset.UTC), Coroner.signals()::annotate, Coroner.ANCHORS, w)) {
      Files.delete(gone);
      t.forEachRemaining(events::add);
    }
    assertThat(events).extracting(Event::file).contains("client.log");
  }

  @Test
  void fileGrowingWhileReadGivesTheListedSize() throws IOException {
    Path p = write("client.log", text(StandardCharsets.UTF_8, "\n", C1));
    Warnings w = new Warnings();
    List<LogFile> files = FolderScanner.scan(dir, w);
    Files.write(p, text(StandardCharsets.UTF_8, "\n", C2), java.nio.file.StandardOpenOption.APPEND);
    try (LineReader r = LineReader.open(files.get(0).current(), w)) {
      assertThat(r.next()).isEqualTo(C1);
      assertThat(r.hasNext()).isFalse();
    }
  }

  @Test
  void notLogsAndHiddenFilesAreSkipped() throws IOException {
    write("README.md", text(StandardCharsets.UTF_8, "\n", C1));
    write(".hidden.log", text(StandardCharsets.UTF_8, "\n", C1));
    write(".git/x.log", text(StandardCharsets.UTF_8, "\n", C1));
    write("logs/coroner.pid", "123\n".getBytes(StandardCharsets.UTF_8));
    write("client.log", text(StandardCharsets.UTF_8, "\n", C2));
    Result r = read(dir);
    assertThat(r.inputs()).extracting(InputFile::name).containsExactly("client.log");
  }

  @Test
  void aFolderOfOnlyMarkdownIsReadForTheCodePastedIntoIt() throws IOException {
    // an issue's text saved as issue.md: the writer's sentences around a pasted console
    write("issue.md", text(StandardCharsets.UTF_8, "\n",
        "When I start the client I get this, the port 8000 is already in use I think:",
        "",
        "```",
        C3,
        "```",
        "",
        "Any idea?"));
    write("notes/todo.md", text(StandardCharsets.UTF_8, "\n", "no code here, only words"));
    Result r = read(dir);
    assertThat(r.inputs()).extracting(InputFile::name).containsExactly("issue.md", "notes/todo.md");
    // the fenced line is a record where it stands; the sentences around it are none
    assertThat(r.events()).extracting(Event::line, Event::message)
        .containsExactly(tuple(4L, C3.substring(C3.indexOf("Error fetching"))), tuple(1L, "no code here, only words"));
    assertThat(r.warnings()).anyMatch(w -> w.startsWith("no log files found; the markdown documents issue.md, notes/todo.md were read"))
        .anyMatch(w -> w.equals("issue.md: a markdown document: only its code blocks were read, not the 2 lines of text around them"));
  }

  @Test
  void markdownCodeIndentedQuotedOrInAListIsReadWhereItStandsWithoutItsMarkers() throws IOException {
    String started = "INFO:     Started server process [4242]";
    String waiting = "INFO:     Waiting for application startup.";
    // uvicorn's format reads the message after its level
    String startedMessage = "Started server process [4242]";
    // Stack Overflow's way: four spaces after a blank line, the prose around it
    write("a/issue.md", text(StandardCharsets.UTF_8, "\n",
        "I start the server and it never comes up:",
        "",
        "    " + started,
        "\t" + waiting,
        "",
        "Any idea?"));
    // a reply quoting the console of the message it answers, npm's own "> " lines inside the fence
    write("b/issue.md", text(StandardCharsets.UTF_8, "\n",
        "> On Monday you wrote:",
        "> ```",
        "> > app@1.0.0 start",
        "> " + started,
        "> ```",
        "",
        "Same here."));
    // a fence inside a numbered list: the item's three spaces are the block's, not the log's
    write("c/issue.md", text(StandardCharsets.UTF_8, "\n",
        "1. Start it:",
        "",
        "   ```text",
        "   " + started,
        "     " + waiting,
        "   ```",
        "2. Wait."));
    Result a = read(dir.resolve("a"));
    assertThat(a.events()).extracting(Event::line, Event::message).containsExactly(tuple(3L, startedMessage),
        tuple(4L, "Waiting for application startup."));
    assertThat(a.warnings()).contains("issue.md: a markdown document: only its code blocks were read, not the 2 lines of text around them");
    Result b = read(dir.resolve("b"));
    assertThat(b.events()).extracting(Event::line, Event::message).containsExactly(tuple(3L, "> app@1.0.0 start"), tuple(4L, startedMessage));
    Result c = read(dir.resolve("c"));
    // what is indented beyond the fence's own three spaces stays indented: a continuation line
    assertThat(c.events()).extracting(Event::line, Event::text)
        .containsExactly(tuple(4L, started + "\n  " + waiting));
  }

  @Test
  void anIndentedStackTraceInALogNamedMdIsReadWhole() throws IOException {
    // its one unindented line starts with a time: a log line, not a person's words, so nothing is taken away
    write("notes.md", text(StandardCharsets.UTF_8, "\n",
        "2024-03-01 10:00:00,000 ERROR boom",
        "",
        "    at a.b.C.d(C.java:1)",
        "    at a.b.C.e(C.java:2)"));
    Result r = read(dir);
    assertThat(r.events()).extracting(Event::line).startsWith(1L);
    assertThat(r.warnings()).noneMatch(w -> w.contains("only its code blocks were read"));
  }

  @Test
  void markdownBesideALogIsNotRead() throws IOException {
    write("issue.md", text(StandardCharsets.UTF_8, "\n", "```", C3, "```"));
    write("client.log", text(StandardCharsets.UTF_8, "\n", C2));
    Result r = read(dir);
    assertThat(r.inputs()).extracting(InputFile::name).containsExactly("client.log");
  }

  @Test
  void aJsonFileIsReadOnlyWhenItHoldsOneObjectPerLine() throws IOException {
    // journalctl -o json > journal.json: an object per line is a log; a pretty-printed config or
    // a one-line document beside it is not
    write("journal.json", ("{\"__REALTIME_TIMESTAMP\":\"1709287200123456\",\"MESSAGE\":\"INFO:     Started server process [1]\"}\n"
        + "{\"__REALTIME_TIMESTAMP\":\"1709287200223456\",\"MESSAGE\":\"INFO:     Waiting for application startup.\"}\n")
        .getBytes(StandardCharsets.UTF_8));
    write("config.json", "{\n  \"port\": 8000\n}\n".getBytes(StandardCharsets.UTF_8));
    write("report.json", "{\"schemaVersion\": 1}".getBytes(StandardCharsets.UTF_8));
    Result r = read(dir);
    assertThat(r.inputs()).extracting(InputFile::name).containsExactly("journal.json");
    assertThat(r.events()).hasSize(2);
    assertThat(r.events().get(0).time()).isEqualTo(Instant.parse("2024-03-01T10:00:00.123Z").toEpochMilli());
  }
}
