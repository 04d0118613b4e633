package dev.coroner.real;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same lines saved another way are the same incident: every case of the real corpus, its
 * files rewritten as another machine or another hand would have kept them, must get the verdict
 * (classification, cause and confidence) that its files as published get. This is an
 * invariance, not an expected verdict: whether that verdict is right is {@link RealCorpusTest}'s
 * question. The ways: Windows' line ends (CRLF); Windows PowerShell 5.1's {@code >} (UTF-16LE
 * with its byte-order mark, CRLF); a UTF-8 byte-order mark (Notepad); each log gzipped as
 * logrotate leaves it ({@code name.1.gz}); a Windows console's code page (windows-1252, CRLF) where it
 * can write the text; each log rotated into an older and a current part; the
 * files in a folder of their own, or zipped; and a case of one console file pasted into an issue's
 * markdown, with the poster's prose around it (between fences, in a list's item, quoted, indented).
 */
@Timeout(600)
class RealCorpusEncodingsTest {
  @TempDir Path tmp;

  /** How a file is written again: its name and its bytes from the original's. */
  record Way(String label, java.util.function.UnaryOperator<String> name, java.util.function.UnaryOperator<byte[]> bytes) {
    @Override
    public String toString() {
      return label;
    }
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  static String crlf(String s) {
    return s.replace("\r\n", "\n").replace("\n", "\r\n");
  }

  /** {@code mark}'s bytes, then {@code body}'s. */
  static byte[] after(byte[] mark, byte[] body) {
    byte[] out = java.util.Arrays.copyOf(mark, mark.length + body.length);
    System.arraycopy(body, 0, out, mark.length, body.length);
    return out;
  }

  static final Way CRLF = new Way("CRLF", f -> f, b -> crlf(text(b)).getBytes(StandardCharsets.UTF_8));

  static final Way POWERSHELL = new Way("UTF-16LE with BOM and CRLF", f -> f,
      b -> after(new byte[] {(byte) 0xFF, (byte) 0xFE}, crlf(text(b)).getBytes(StandardCharsets.UTF_16LE)));

  static final Way UTF8_BOM = new Way("UTF-8 with BOM", f -> f, b -> after(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, b));

  /** A Windows console's own code page: the same text in windows-1252, CRLF (only for text it can encode). */
  static final Way CP1252 = new Way("windows-1252 and CRLF", f -> f, b -> {
    java.nio.charset.Charset cp = java.nio.charset.Charset.forName("windows-1252");
    String t = crlf(text(b));
    if (!cp.newEncoder().canEncode(t)) {
      throw new java.io.UncheckedIOException(new java.nio.charset.CharacterCodingException());
    }
    return t.getBytes(cp);
  });

  static final Way GZIP = new Way("gzipped as a rotated log", f -> f + ".1.gz", RealCorpusEncodingsTest::gzip);

  static byte[] gzip(byte[] b) {
    java.io.ByteArrayOutputStream bo = new java.io.ByteArrayOutputStream();
    try (OutputStream z = new GZIPOutputStream(bo)) {
      z.write(b);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bo.toByteArray();
  }

  /**
   * Each log cut between two records near its middle line into its older part, gzipped as
   * {@code name.1.gz}, and its current part, {@code name}: the two are one log again.
   */
  @Test
  void everyCaseWithItsLogsRotatedGetsTheSameVerdict() throws IOException {
    Tally tally = new Tally("with their logs rotated");
    for (Path dir : cases()) {
      Path out = tmp.resolve("rotated").resolve(dir.getFileName().toString());
      boolean cut = false;
      for (Path f : files(dir)) {
        byte[] b = Files.readAllBytes(f);
        Path target = out.resolve(dir.relativize(f));
        Files.createDirectories(target.getParent());
        int middle = middleLineStart(b);
        if (middle <= 0 || f.getFileName().toString().endsWith(".gz")) {
          Files.write(target, b);
          continue;
        }
        cut = true;
        Files.write(target.resolveSibling(target.getFileName() + ".1.gz"), gzip(java.util.Arrays.copyOfRange(b, 0, middle)));
        Files.write(target, java.util.Arrays.copyOfRange(b, middle, b.length));
      }
      if (!cut) {
        continue;
      }
      tally.compare(dir, verdict(dir), out, "");
    }
    tally.assertUnchanged(200);
  }

  /** A console's or journal's own prefix before the program's text: compose's "svc-1  | ", journald's "Mon DD HH:MM:SS host unit[pid]: ". */
  private static final java.util.regex.Pattern PREFIX = java.util.regex.Pattern.compile(
      "^(?:[\\w.-]+\\s*\\| ?|[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\S+ [^:]{1,80}: )");
  /**
   * A log viewer's stamp before every line, "YYYY-MM-DD HH:MM:SS " (Docker Desktop's, to the
   * second, one blank after it; a program's own stamp has a fraction or its own layout after it):
   * what follows it is the program's line, indented where the program indented it.
   */
  private static final java.util.regex.Pattern VIEWER_STAMP = java.util.regex.Pattern.compile(
      "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d ");

  /**
   * Where a rotation nearest the middle line may cut: before a line that starts a record as a
   * reader sees it, both it and the line before it written at the margin (after any console
   * prefix) and neither a traceback's own line, Python's or IPython's (a logging handler rotates between records, never
   * inside one; nor before asyncio's "socket: <asyncio.TransportSocket ...>", the context line of
   * the record above it, written in the same emit); 0 when the file has fewer than four lines or
   * no such place.
   */
  static int middleLineStart(byte[] b) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < b.length - 1; i++) {
      if (b[i] == '\n') {
        starts.add(i + 1);
      }
    }
    if (starts.size() < 4) {
      return 0;
    }
    String all = text(b);
    String[] lines = all.split("\r?\n", -1);
    int n = Math.min(lines.length, starts.size());
    for (int d = 0; d < n; d++) {
      for (int i : new int[] {n / 2 + d, n / 2 - d}) {
        if (i >= 1 && i < n && atMargin(lines[i - 1]) && atMargin(lines[i])
            && !margin(lines[i - 1]).startsWith("Traceback") && !margin(lines[i]).matches("(?:During handling|The above exception|Traceback|Caused by|File |Cell In|-+>|socket: <|\\s).*")) {
          return starts.get(i);
        }
      }
    }
    return 0;
  }

  private static String margin(String line) {
    return VIEWER_STAMP.matcher(PREFIX.matcher(line).replaceFirst("")).replaceFirst("");
  }

  private static boolean atMargin(String line) {
    String m = margin(line);
    return !m.isBlank() && !Character.isWhitespace(m.charAt(0));
  }

  /**
   * The case's files as a colleague hands them over: in a folder of the incident's name inside
   * the folder given, as that folder zipped ({@code incident.zip}, unpacked outside it), and beside
   * an empty log and a core dump's bytes.
   */
  @Test
  void everyCaseNestedOrZippedGetsTheSameVerdict() throws IOException {
    Tally tally = new Tally("nested, zipped and beside other files");
    for (Path dir : cases()) {
      String as = verdict(dir);
      Path nested = tmp.resolve("nested").resolve(dir.getFileName().toString());
      Path zipped = tmp.resolve("zipped").resolve(dir.getFileName().toString());
      Files.createDirectories(zipped);
      try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zipped.resolve("incident.zip")))) {
        for (Path f : files(dir)) {
          String rel = dir.relativize(f).toString().replace('\\', '/');
          Path target = nested.resolve("incident").resolve(rel);
          Files.createDirectories(target.getParent());
          Files.copy(f, target);
          z.putNextEntry(new java.util.zip.ZipEntry("incident/" + rel));
          z.write(Files.readAllBytes(f));
          z.closeEntry();
        }
      }
      // beside the files: what else lands in a folder copied off a machine (an empty log, a core dump's bytes)
      Path beside = tmp.resolve("beside").resolve(dir.getFileName().toString());
      for (Path f : files(dir)) {
        Path target = beside.resolve(dir.relativize(f));
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
      Files.write(beside.resolve("empty.log"), new byte[0]);
      // an x86-64 ELF core dump's header (e_type 4, ET_CORE), then bytes of memory
      byte[] core = new byte[4096];
      new java.util.Random(7).nextBytes(core);
      System.arraycopy(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0x3E, 0}, 0, core, 0, 20);
      Files.write(beside.resolve("core.12345"), core);
      for (Path copy : List.of(nested, zipped, beside)) {
        tally.compare(dir, as, copy, copy.getParent().getFileName().toString());
      }
    }
    tally.assertUnchanged(900);
  }

  /** The copies compared with their cases, and those whose verdict changed. */
  static final class Tally {
    private final String what;
    private int compared;
    private final List<String> changed = new ArrayList<>();

    Tally(String what) {
      this.what = what;
    }

    /** Compares the verdict of {@code copy} (of case {@code dir}, made {@code how}) with {@code as}, the case's own. */
    void compare(Path dir, String as, Path copy, String how) throws IOException {
      compared++;
      String got = verdict(copy);
      if (!got.equals(as)) {
        changed.add(dir.getFileName() + (how.isEmpty() ? "" : " " + how) + ": " + got + " (as published: " + as + ")");
      }
    }

    /** Compares the classification and cause of {@code copy} with {@code as}, the case's own. */
    void compareClassification(Path dir, String as, Path copy, String how) throws IOException {
      compared++;
      String got = classification(copy);
      if (!got.equals(as)) {
        changed.add(dir.getFileName() + " " + how + ": " + got + " (as published: " + as + ")");
      }
    }

    /** Prints the tally; at least {@code atLeast} copies compared, and none changed. */
    void assertUnchanged(int atLeast) {
      System.out.println("real cases compared " + what + ": " + compared + ", changed: " + changed.size());
      changed.forEach(System.out::println);
      assertThat(compared).as("cases compared " + what).isGreaterThan(atLeast);
      assertThat(changed).as("verdicts that changed " + what).isEmpty();
    }
  }

  /** A verdict as a line: what must not change. */
  static String verdict(Path folder) throws IOException {
    JsonNode v = RealCorpusTest.diagnose(folder).get("verdict");
    return v.get("classification").asText() + " / " + v.get("cause").asText() + " @ " + v.get("confidence").asText();
  }

  static List<Path> cases() throws IOException {
    try (Stream<Path> s = Files.list(RealCorpusTest.CASES)) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** Copies case {@code dir} to a new folder, each file written {@code way}; null when a file has a byte-order mark already. */
  Path rewrite(Path dir, Way way, String tag) throws IOException {
    Path out = tmp.resolve(tag).resolve(dir.getFileName().toString());
    for (Path f : files(dir)) {
      byte[] b = Files.readAllBytes(f);
      StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b)); // throws when not UTF-8
      if (b.length >= 2 && ((b[0] & 0xff) == 0xFF || (b[0] & 0xff) == 0xFE || (b[0] & 0xff) == 0xEF)) {
        return null;
      }
      Path rel = dir.relativize(f);
      Path target = out.resolve(rel).resolveSibling(way.name().apply(rel.getFileName().toString()));
      Files.createDirectories(target.getParent());
      Files.write(target, way.bytes().apply(b));
    }
    return out;
  }

  @Test
  void everyCaseSavedAnotherWayGetsTheSameVerdict() throws IOException {
    Tally tally = new Tally("in other encodings");
    for (Path dir : cases()) {
      String as = verdict(dir);
      for (Way way : List.of(CRLF, POWERSHELL, UTF8_BOM, CP1252, GZIP)) {
        Path copy;
        try {
          copy = rewrite(dir, way, way.toString().replaceAll("\\W+", "-"));
        } catch (java.nio.charset.CharacterCodingException | java.io.UncheckedIOException e) {
          copy = null; // not UTF-8, or not text the way can write
        }
        if (copy == null) {
          continue;
        }
        tally.compare(dir, as, copy, way.toString());
      }
    }
    tally.assertUnchanged(1000);
  }

  /**
   * The one console file of a case, pasted into an issue with prose around it, in the four ways
   * markdown has for code: between fences; between fences in a numbered list's item (indented by
   * its three spaces); quoted by a reply ({@code > } on every line, fences inside); indented by
   * four spaces after a blank line (Stack Overflow's and email's way, no fence).
   */
  @Test
  void aConsolePastedIntoAnIssueGetsTheSameVerdict() throws IOException {
    Tally tally = new Tally("as consoles pasted into markdown");
    for (Console c : consoles()) {
      Path dir = c.dir();
      List<String> lines = c.lines();
      if (c.body().contains("```")) {
        continue;
      }
      String as = verdict(dir);
      String fenced = "```\n" + String.join("\n", lines) + "\n```\n";
      String listed = "1. Start it and look:\n\n" + indent(fenced, "   ") + "2. It stops.\n";
      String quoted = "> On Monday you wrote:\n>\n" + indent(fenced, "> ") + "\nSame here, any news?\n";
      String indented = "I get this:\n\n" + indent(String.join("\n", lines) + "\n", "    ") + "\nAny idea?\n";
      String[][] ways = {{"fenced", fenced}, {"in a list", listed}, {"quoted", quoted}, {"indented", indented}};
      for (String[] way : ways) {
        Path out = tmp.resolve("markdown-" + way[0].replace(' ', '-')).resolve(dir.getFileName().toString());
        Files.createDirectories(out);
        String md = "### Describe the bug\n\nThe server stops answering and I get the error below. I think the port 8000 is in use?\n\n"
            + way[1] + "\n### Environment\n\n- OS: Ubuntu 22.04\n- Python 3.11\n";
        Files.writeString(out.resolve("issue.md"), md);
        if (way[0].equals("indented") && lines.size() == 1) {
          // one indented line is no code block to MarkdownCode (it wants two, so that a log named
          // .md is read whole): the document is read as text, its one line inside a record of
          // prose, and only the classification and cause are held to the case's
          tally.compareClassification(dir, classification(dir), out, way[0]);
          continue;
        }
        tally.compare(dir, as, out, way[0]);
      }
    }
    tally.assertUnchanged(320);
  }

  /**
   * The one console file of a case, as a container runtime hands it over: each line behind docker
   * compose's prefix ({@code svc-1  | }, a service name that says nothing of its side) and behind
   * {@code kubectl logs --prefix}'s ({@code [pod/svc-7d9f8b6c5-x2x9q/svc] }). A console already
   * behind a prefix is left out.
   */
  @Test
  void aConsoleBehindAContainerPrefixGetsTheSameVerdict() throws IOException {
    Tally tally = new Tally("as consoles behind a container's prefix");
    for (Console c : consoles()) {
      Path dir = c.dir();
      List<String> lines = c.lines();
      String body = c.body();
      if (lines.stream().anyMatch(l -> PREFIX.matcher(l).lookingAt() || l.startsWith("[pod/"))) {
        continue;
      }
      String as = verdict(dir);
      String[][] ways = {{"compose", "svc-1  | "}, {"kubectl", "[pod/svc-7d9f8b6c5-x2x9q/svc] "}};
      for (String[] way : ways) {
        Path out = tmp.resolve("prefix-" + way[0]).resolve(dir.getFileName().toString());
        Files.createDirectories(out);
        Files.writeString(out.resolve(c.name()), indent(String.join("\n", lines) + "\n", way[1]));
        tally.compare(dir, as, out, way[0]);
      }
      // a terminal's copy: every line padded with spaces to the window's width
      Path padded = tmp.resolve("padded").resolve(dir.getFileName().toString());
      Files.createDirectories(padded);
      StringBuilder b = new StringBuilder();
      for (String line : lines) {
        b.append(line).append(" ".repeat(Math.max(0, 120 - line.length()))).append('\n');
      }
      Files.writeString(padded.resolve(c.name()), b.toString());
      tally.compare(dir, as, padded, "padded");
      // a console kept with its colours: each line's first word in SGR colour codes (a level, as
      // uvicorn and colorlog colour it), or the whole line (as a logger colours a line by level)
      Path word = tmp.resolve("colour-word").resolve(dir.getFileName().toString());
      Path whole = tmp.resolve("colour-line").resolve(dir.getFileName().toString());
      Files.createDirectories(word);
      Files.createDirectories(whole);
      StringBuilder w = new StringBuilder();
      StringBuilder l = new StringBuilder();
      for (String line : lines) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\s*)([A-Za-z]+)").matcher(line);
        w.append(m.find() ? m.group(1) + "\u001b[32m" + m.group(2) + "\u001b[0m" + line.substring(m.end()) : line).append('\n');
        l.append(line.isEmpty() ? "" : "\u001b[33m" + line + "\u001b[0m").append('\n');
      }
      Files.writeString(word.resolve(c.name()), w.toString());
      Files.writeString(whole.resolve(c.name()), l.toString());
      tally.compare(dir, as, word, "first word coloured");
      tally.compare(dir, as, whole, "line coloured");
      // copied out of a web page: a blank line after every line (a log viewer's rows), and tabs as spaces
      Path spaced = tmp.resolve("double-spaced").resolve(dir.getFileName().toString());
      Path untabbed = tmp.resolve("untabbed").resolve(dir.getFileName().toString());
      Files.createDirectories(spaced);
      StringBuilder sp = new StringBuilder();
      for (String line : lines) {
        sp.append(line).append("\n\n");
      }
      Files.writeString(spaced.resolve(c.name()), sp.toString());
      tally.compare(dir, as, spaced, "double-spaced");
      if (body.indexOf('\t') >= 0) {
        Files.createDirectories(untabbed);
        Files.writeString(untabbed.resolve(c.name()), String.join("\n", lines).replace("\t", "    ") + "\n");
        tally.compare(dir, as, untabbed, "tabs as spaces");
      }
    }
    tally.assertUnchanged(150);
  }

  /**
   * The one console file of a case that has no time of its own, as a collector that stamps each
   * line hands it over: journald's short layout with a host and a unit, a second apart in the
   * lines' order. The times are new, so the verdict's confidence may change with them; its
   * classification and cause must not. ({@code docker logs -t}'s RFC 3339 stamp is not among the
   * ways yet: its wrapper format reads only a few program formats inside it and calls the rest
   * the server's, and 10 of 156 such copies change classification; see docs/record-model.md.)
   */
  @Test
  void anUntimedConsoleStampedByACollectorGetsTheSameClassification() throws IOException {
    Tally tally = new Tally("as untimed consoles stamped by a collector");
    for (Console c : consoles()) {
      Path dir = c.dir();
      List<String> lines = c.lines();
      String body = c.body();
      if (lines.stream().anyMatch(l -> PREFIX.matcher(l).lookingAt() || l.matches(".*\\d\\d:\\d\\d:\\d\\d.*"))) {
        continue; // behind a prefix already, or a clock somewhere in it
      }
      String as = classification(dir);
      Path journal = tmp.resolve("stamped-journal").resolve(dir.getFileName().toString());
      Files.createDirectories(journal);
      StringBuilder j = new StringBuilder();
      java.time.LocalDateTime t = java.time.LocalDateTime.of(2024, 3, 1, 10, 0, 0);
      for (String line : lines) {
        j.append(java.time.format.DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", java.util.Locale.ROOT).format(t))
            .append(" box svc[4242]: ").append(line).append('\n');
        t = t.plusSeconds(1);
      }
      Files.writeString(journal.resolve(c.name()), j.toString());
      tally.compareClassification(dir, as, journal, "journald");
    }
    tally.assertUnchanged(70);
  }

  /** A verdict's classification and cause as a line. */
  static String classification(Path folder) throws IOException {
    JsonNode v = RealCorpusTest.diagnose(folder).get("verdict");
    return v.get("classification").asText() + " / " + v.get("cause").asText();
  }

  /** A case of one console file: its folder, the file's name, its text and its lines (without their ends). */
  record Console(Path dir, String name, String body, List<String> lines) {}

  /** The cases whose one file is a console ({@code console.txt} or {@code console.log}). */
  static List<Console> consoles() throws IOException {
    List<Console> out = new ArrayList<>();
    for (Path dir : cases()) {
      List<Path> fs = files(dir);
      if (fs.size() != 1 || !fs.get(0).getFileName().toString().matches("console\\.(txt|log)")) {
        continue;
      }
      String body = text(Files.readAllBytes(fs.get(0)));
      List<String> lines = List.of(body.split("\r?\n", -1));
      if (body.endsWith("\n")) {
        lines = lines.subList(0, lines.size() - 1);
      }
      out.add(new Console(dir, fs.get(0).getFileName().toString(), body, lines));
    }
    return out;
  }

  /** Each line of {@code text} (ending in a newline) with {@code prefix} before it; an empty line gets the prefix without its trailing spaces. */
  static String indent(String text, String prefix) {
    StringBuilder b = new StringBuilder();
    for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
      b.append(line.isEmpty() ? prefix.stripTrailing() : prefix + line).append('\n');
    }
    return b.toString();
  }
}
