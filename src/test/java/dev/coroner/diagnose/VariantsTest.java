package dev.coroner.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules must generalise beyond the wording of the sample runs: each sample folder, rewritten as
 * other setups would have logged the same run (another logging layout, urllib3 2.x, a localised
 * Windows message with only the code, CRLF + UTF-16, gzip rotation, PowerShell's wrapping of
 * stderr), must get the diagnosis its maker wrote in its README.
 */
@Timeout(180)
class VariantsTest {
  private static final Pattern CLIENT = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3}) - (\\S+) - ([A-Z]+) - (.*)$");
  private static final Pattern EXPECTED = Pattern.compile("^Expected diagnosis: classification=(\\S+) cause=(\\S+)", Pattern.MULTILINE);
  static final List<String> FOLDERS = List.of("race-condition", "post-start-crash", "startup-failure-lifespan",
      "unresponsive", "port-mismatch", "not-started", "multi-incident", "startup-failure-port-in-use", "request-errors");
  @TempDir Path tmp;

  record Variant(String name, UnaryOperator<String> clientLine, Charset serverCharset, boolean crlf, boolean gzipRotate) {
    /** Whether the server's output went through Windows PowerShell 5.1's {@code 2>&1}. */
    boolean powershell() {
      return name.equals("powershell");
    }
  }

  static final List<Variant> VARIANTS = List.of(
      new Variant("loguru", l -> reformat(l, "%1$s.%5$s | %3$-8s | __main__:poll:42 - %4$s"), StandardCharsets.UTF_8, false, false),
      new Variant("flask", l -> reformat(l, "[%1$s,%5$s] %3$s in %2$s: %4$s"), StandardCharsets.UTF_8, false, false),
      new Variant("time-level-name", l -> reformat(l, "%1$s,%5$s %3$s %2$s: %4$s"), StandardCharsets.UTF_8, false, false),
      new Variant("urllib3-2", l -> l.replaceAll("<urllib3\\.connection\\.HTTPConnection object at 0x[0-9a-f]+>", "HTTPConnection(host='127.0.0.1', port=8000)")
          .replace("NewConnectionError('HTTPConnection(host='127.0.0.1', port=8000)", "NewConnectionError(\"HTTPConnection(host='127.0.0.1', port=8000)"),
          StandardCharsets.UTF_8, false, false),
      new Variant("windows-zh", l -> l.replace("[Errno 111] Connection refused", "[WinError 10061] 由于目标计算机积极拒绝，无法连接。")
          .replace("Connection reset by peer", "远程主机强迫关闭了一个现有的连接。").replace("(104,", "(10054,"),
          StandardCharsets.UTF_16LE, true, false),
      new Variant("gzip-rotated", l -> l, StandardCharsets.UTF_8, false, true),
      new Variant("powershell", l -> l, StandardCharsets.UTF_16LE, true, false));

  private static String reformat(String line, String layout) {
    Matcher m = CLIENT.matcher(line);
    if (!m.matches()) {
      return line;
    }
    String time = m.group(1);
    return String.format(layout, time.substring(0, 19), m.group(2), m.group(3), m.group(4), time.substring(20));
  }

  @TestFactory
  Stream<DynamicTest> samplesRewrittenAsOtherSetupsWouldLogThemKeepTheirDiagnosis() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String folder : FOLDERS) {
      for (Variant v : VARIANTS) {
        tests.add(DynamicTest.dynamicTest(folder + " as " + v.name(), () -> check(folder, v)));
      }
    }
    return tests.stream();
  }

  /** Writes sample folder {@code folder} as setup {@code v} would have logged it, under {@code tmp}; returns the copy. */
  static Path build(Path tmp, String folder, Variant v) throws IOException {
    Path src = Path.of("sample-logs", folder);
    Path dst = tmp.resolve(folder + "-" + v.name());
    try (Stream<Path> files = Files.walk(src)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        Path rel = src.relativize(p);
        Path out = dst.resolve(rel.toString());
        Files.createDirectories(out.getParent());
        if (rel.toString().equals("README.md")) {
          continue;
        }
        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        boolean client = rel.toString().startsWith("autonomous_processing");
        boolean server = rel.toString().contains("uvicorn");
        List<String> rewritten = lines.stream().map(l -> client ? v.clientLine().apply(l) : l).toList();
        if (server && v.powershell() && !rewritten.isEmpty()) {
          // PowerShell 5.1 turns the first stderr line of a native program into an error record
          List<String> wrapped = new ArrayList<>(List.of("python : " + rewritten.get(0), "At line:1 char:1",
              "+ python -m uvicorn app:app --host 0.0.0.0 --port 8000", "+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~",
              "    + CategoryInfo          : NotSpecified: (" + rewritten.get(0) + ":String) [], RemoteException",
              "    + FullyQualifiedErrorId : NativeCommandError", " "));
          wrapped.addAll(rewritten.subList(1, rewritten.size()));
          rewritten = wrapped;
        }
        String sep = v.crlf() ? "\r\n" : "\n";
        String text = String.join(sep, rewritten) + (rewritten.isEmpty() ? "" : sep);
        Charset cs = server ? v.serverCharset() : StandardCharsets.UTF_8;
        byte[] bytes = text.getBytes(cs);
        if (cs == StandardCharsets.UTF_16LE) {
          byte[] bom = {(byte) 0xFF, (byte) 0xFE};
          byte[] all = new byte[bytes.length + 2];
          System.arraycopy(bom, 0, all, 0, 2);
          System.arraycopy(bytes, 0, all, 2, bytes.length);
          bytes = all;
        }
        if (v.gzipRotate() && client && rewritten.size() > 4) {
          int half = rewritten.size() / 2;
          try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(out.resolveSibling(out.getFileName() + ".1.gz")))) {
            gz.write((String.join("\n", rewritten.subList(0, half)) + "\n").getBytes(StandardCharsets.UTF_8));
          }
          Files.writeString(out, String.join("\n", rewritten.subList(half, rewritten.size())) + "\n");
        } else {
          Files.write(out, bytes);
        }
      }
    }
    return dst;
  }

  /** The diagnosis the sample's maker wrote in its README: classification/cause. */
  static String expected(String folder) throws IOException {
    Matcher m = EXPECTED.matcher(Files.readString(Path.of("sample-logs", folder, "README.md")));
    assertThat(m.find()).isTrue();
    return m.group(1) + "/" + m.group(2);
  }

  private void check(String folder, Variant v) throws IOException {
    Path dst = build(tmp, folder, v);
    JsonNode d = SampleFoldersTest.diagnose(dst);
    assertThat(d.path("verdict").path("classification").asText() + "/" + d.path("verdict").path("cause").asText())
        .as("%s as %s: %s", folder, v.name(), d.path("verdict").path("summary").asText())
        .isEqualTo(expected(folder));
  }
}
