package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@link PlainSearch} reads a plain {@code search} command line without picocli: whatever it
 * accepts, picocli accepts too and sets the same fields (defaults included); whatever it does not
 * accept goes to picocli; and a run through {@link Main#execute} prints and exits exactly as the
 * full picocli command line does.
 */
class PlainSearchTest {
  private static final String SAMPLE = Path.of(System.getProperty("coroner.root", "."), "sample-logs", "race-condition").toString();

  @TempDir Path tmp;

  /** picocli's reading of {@code args} into a fresh SearchCommand, or null when picocli refuses them. */
  private static SearchCommand picocli(String[] args) {
    SearchCommand c = new SearchCommand();
    CommandLine cl = CoronerCommand.newCommandLine("search", c);
    try {
      CommandLine.ParseResult pr = cl.parseArgs(args);
      if (!pr.hasSubcommand() || pr.subcommand().isUsageHelpRequested() || pr.subcommand().isVersionHelpRequested()) {
        return null;
      }
    } catch (CommandLine.ParameterException e) {
      return null;
    }
    return c;
  }

  /** The value of every field a command line sets, by name (the mixins' fields as mixin.field). */
  private static Map<String, Object> fields(Object o, String prefix) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Field f : o.getClass().getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      Class<?> t = f.getType();
      // what the run fills in, not the command line: picocli's spec, the streams, the shell's index, results
      if (t == CommandLine.Model.CommandSpec.class || t == PrintWriter.class || t == dev.coroner.search.EventIndex.class
          || f.getName().equals("hits") || f.getName().equals("shown")) {
        continue;
      }
      f.setAccessible(true);
      Object v;
      try {
        v = f.get(o);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
      if (v != null && (t == CommonOptions.class || t == FleetOptions.class || t == ClusterSelection.class)) {
        out.putAll(fields(v, prefix + f.getName() + "."));
      } else {
        out.put(prefix + f.getName(), v);
      }
    }
    return out;
  }

  private static void assertAgrees(String[] args) {
    SearchCommand plain = PlainSearch.parse(args);
    if (plain == null) {
      return;
    }
    SearchCommand reference = picocli(args);
    assertThat(reference).as("picocli accepts what PlainSearch accepts: %s", List.of(args)).isNotNull();
    assertThat(fields(plain, "")).as("fields set from %s", List.of(args)).isEqualTo(fields(reference, ""));
  }

  @Test
  void plainCommandLinesAreReadAsPicocliReadsThem() {
    List<String[]> plain = List.of(
        new String[] {"search", "/tmp/x", "errno:111", "--count"},
        new String[] {"search", "/tmp/x", "errno:111"},
        new String[] {"search", "/tmp/x", "source:client", "AND", "signal:client.*", "--limit", "0"},
        new String[] {"search", "--count", "/tmp/x", "errno:111", "--tz", "UTC", "--index-dir", "/tmp/idx"},
        new String[] {"search", "/tmp/x", "refused", "-C", "2", "--sort", " SCORE ", "--format", "json", "--color", "never"},
        new String[] {"search", "/tmp/x", "refused", "--context", "0", "--rules", "/tmp/rules", "-v"},
        new String[] {"search", "/tmp/x", "refused", "--verbose", "--incidents", "--limit", "123456789012"},
        new String[] {"search", "/tmp/x"},
        new String[] {"search", "/tmp/x", "message:\"startup failed\"", "--color", "always"});
    for (String[] args : plain) {
      assertThat(PlainSearch.parse(args)).as("plain: %s", List.of(args)).isNotNull();
      assertAgrees(args);
    }
    // the defaults picocli gives, read from the annotations, not restated here
    Map<String, Object> defaults = fields(picocli(new String[] {"search", "/tmp/x", "q"}), "");
    assertThat(fields(PlainSearch.parse(new String[] {"search", "/tmp/x", "q"}), "")).isEqualTo(defaults);
  }

  @Test
  void everythingElseIsLeftToPicocli() {
    List<String[]> others = List.of(
        new String[] {"search"}, new String[] {"search", "--help"}, new String[] {"search", "/tmp/x", "q", "-h"},
        new String[] {"search", "-V"}, new String[] {"diagnose", "/tmp/x"}, new String[] {"--verbose", "search", "/tmp/x", "q"},
        new String[] {"search", "/tmp/x", "q", "--count", "--count"}, new String[] {"search", "/tmp/x", "q", "-C", "1", "--context", "2"},
        new String[] {"search", "/tmp/x", "q", "-v", "--verbose"}, new String[] {"search", "/tmp/x", "q", "--sort=score"},
        new String[] {"search", "/tmp/x", "q", "-C2"}, new String[] {"search", "/tmp/x", "--", "-q"},
        new String[] {"search", "/tmp/x", "@args"}, new String[] {"search", "/tmp/x", ""},
        new String[] {"search", "/tmp/x", "q", "--limit"}, new String[] {"search", "/tmp/x", "q", "--limit", "-1"},
        new String[] {"search", "/tmp/x", "q", "--limit", "010"}, new String[] {"search", "/tmp/x", "q", "-C", "x"},
        new String[] {"search", "/tmp/x", "q", "--sort", "size"}, new String[] {"search", "/tmp/x", "q", "--format", "JSON"},
        new String[] {"search", "/tmp/x", "q", "--color", "Never"}, new String[] {"search", "/tmp/x", "q", "--tz", "-05:00"},
        new String[] {"search", "/tmp/x", "q", "--from", "http://localhost:9200"}, new String[] {"search", "--from", "http://h", "q"},
        new String[] {"search", "/tmp/x", "q", "--index", "i"}, new String[] {"search", "/tmp/x", "q", "--credentials", "/c"},
        new String[] {"search", "/tmp/x", "q", "--unknown"}, new String[] {"search", "/tmp/x", "-q"},
        new String[] {"search", "/tmp/x", "q", "--index-dir", "/tmp/\u0000"});
    for (String[] args : others) {
      assertThat(PlainSearch.parse(args)).as("left to picocli: %s", List.of(args)).isNull();
    }
  }

  @Test
  void randomCommandLinesAgree() {
    String[] words = {"search", "/tmp/x", "x y", "errno:111", "a=b", "--count", "--incidents", "-v", "--verbose", "--sort", "score",
        "time", "SCORE", " time ", "bogus", "-C", "--context", "1", "0", "-1", "007", "99999999999", "2147483647", "--limit",
        "--format", "json", "text", "JSON", "--index-dir", "/tmp/idx", "--rules", "--tz", "UTC", "Europe/Berlin", "--color", "never",
        "always", "auto", "--from", "http://localhost:9", "--", "@nofile", "", "-h", "--help", "-V", "--sort=score", "-C2", "--unknown",
        "-", "--index", "--host", "h", "--since", "--spool-limit", "--ca-file", "search"};
    Random r = new Random(14);
    int accepted = 0;
    for (int n = 0; n < 4000; n++) {
      List<String> args = new ArrayList<>();
      args.add(r.nextInt(10) == 0 ? words[r.nextInt(words.length)] : "search");
      int len = r.nextInt(9);
      for (int i = 0; i < len; i++) {
        args.add(words[r.nextInt(words.length)]);
      }
      String[] a = args.toArray(String[]::new);
      if (PlainSearch.parse(a) != null) {
        accepted++;
      }
      assertAgrees(a);
    }
    assertThat(accepted).as("command lines PlainSearch read (the comparison is not empty)").isGreaterThan(200);
  }

  private record Run(int status, String out, String err) {}

  private static Run main(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(status, out.toString(), err.toString());
  }

  private static Run picocliRun(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = CoronerCommand.newCommandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(status, out.toString(), err.toString());
  }

  @Test
  void aPlainRunPrintsAndExitsAsPicocliDoes() throws Exception {
    String idx = tmp.resolve("idx").toString();
    Path reports = Files.createDirectories(tmp.resolve("reports"));
    List<String[]> cases = List.of(
        new String[] {"search", SAMPLE, "errno:111", "--count", "--tz", "UTC", "--index-dir", idx},
        new String[] {"search", SAMPLE, "signal:client.connection-refused", "--tz", "UTC", "--index-dir", idx, "--limit", "2"},
        new String[] {"search", SAMPLE, "refused", "-C", "1", "--tz", "UTC", "--index-dir", idx, "--limit", "1", "--color", "always"},
        new String[] {"search", SAMPLE, "errno:111", "--format", "json", "--tz", "UTC", "--index-dir", idx, "--limit", "1"},
        new String[] {"search", SAMPLE, "refused", "OR", "started", "--sort", "score", "--tz", "UTC", "--index-dir", idx, "--limit", "3"},
        new String[] {"search", SAMPLE, "errno:424242", "--count", "--tz", "UTC", "--index-dir", idx},
        new String[] {"search", SAMPLE, "nosuchfield:1", "--tz", "UTC", "--index-dir", idx},
        new String[] {"search", SAMPLE, "message:(", "--tz", "UTC", "--index-dir", idx},
        new String[] {"search", SAMPLE, "errno:111", "--tz", "Mars/Olympus", "--index-dir", idx},
        new String[] {"search", SAMPLE, "--tz", "UTC", "--index-dir", idx},
        new String[] {"search", tmp.resolve("missing").toString(), "x", "--index-dir", idx},
        new String[] {"search", tmp.resolve("missing").toString(), "x", "--index-dir", idx, "-v"},
        new String[] {"search", SAMPLE, "x", "--index-dir", Path.of(SAMPLE, "idx").toString()},
        new String[] {"search", reports.toString(), "cause:x", "--incidents"},
        new String[] {"search", reports.toString(), "cause:x", "--incidents", "--count"});
    picocliRun(cases.get(0)); // builds the index: both runs below reuse it (a build's warnings are not a reuse's)
    for (String[] args : cases) {
      assertThat(PlainSearch.parse(args)).as("plain: %s", List.of(args)).isNotNull();
      Run reference = picocliRun(args);
      Run plain = main(args);
      if (List.of(args).contains("-v")) {
        // --verbose adds the stack trace, whose frames below the command are picocli's or not
        assertThat(plain.err().lines().findFirst()).isEqualTo(reference.err().lines().findFirst());
        assertThat(plain.err()).contains("\tat dev.coroner.cli.SearchCommand.call");
        plain = new Run(plain.status(), plain.out(), "");
        reference = new Run(reference.status(), reference.out(), "");
      }
      assertThat(plain).as("%s", List.of(args)).isEqualTo(reference);
    }
    // the cases cover hits, no hit, usage errors and unreadable input
    assertThat(cases.stream().map(a -> picocliRun(a).status()).distinct()).contains(0, 1, 2, 3);
  }
}
