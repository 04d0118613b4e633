package dev.coroner.signal;

import dev.coroner.rules.SafePattern;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What searching from start characters ({@code rules.RegexStarts}) saves, regex by regex: every
 * searched regex of the bundled rules that gets start characters is run over the same lines by
 * java.util.regex's own search and by {@link SafePattern.Scanner#find}, alternating in one JVM,
 * and both must find a match on the same lines. Prints, per regex, the best time per line of the
 * rounds after the first two (JIT warm-up), the ratio and the lines matched; then the totals.
 *
 * <pre>
 * mvn -q -B test-compile
 * java -cp target/test-classes:target/classes:$(mvn -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout) \
 *     dev.coroner.signal.RegexStartsBench LINES_PER_FILE FILE...
 * </pre>
 *
 * This is every line through every regex, not the share a diagnosis gives them: the literal
 * gates run a regex only on the records that hold one of its literals.
 */
public final class RegexStartsBench {
  private RegexStartsBench() {}

  public static void main(String[] args) throws Exception {
    int perFile = Integer.parseInt(args[0]);
    List<String> lines = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      try (BufferedReader r = Files.newBufferedReader(Path.of(args[i]))) {
        String l;
        for (int n = 0; n < perFile && (l = r.readLine()) != null; n++) {
          lines.add(l);
        }
      }
    }
    System.out.println("lines " + lines.size());
    double plainTotal = 0;
    double startsTotal = 0;
    for (String regex : new LinkedHashSet<>(SearchFromStartsTest.searchedRegexes())) {
      SafePattern safe = SafePattern.compile(regex, true);
      if (!safe.searchesFromStarts()) {
        continue;
      }
      SafePattern.Scanner s = safe.scanner();
      Matcher m = Pattern.compile(regex.replace("(?P<", "(?<")).matcher("");
      long plain = Long.MAX_VALUE;
      long starts = Long.MAX_VALUE;
      int hits = 0;
      for (int round = 0; round < 7; round++) {
        long t0 = System.nanoTime();
        int a = 0;
        for (String l : lines) {
          a += m.reset(l).find() ? 1 : 0;
        }
        long t1 = System.nanoTime();
        int b = 0;
        for (String l : lines) {
          b += s.find(l) ? 1 : 0;
        }
        long t2 = System.nanoTime();
        if (a != b) {
          throw new AssertionError(regex + ": " + a + " lines matched by java.util.regex, " + b + " from start characters");
        }
        hits = a;
        if (round >= 2) {
          plain = Math.min(plain, t1 - t0);
          starts = Math.min(starts, t2 - t1);
        }
      }
      plainTotal += plain;
      startsTotal += starts;
      System.out.printf(Locale.ROOT, "%8.1f %8.1f ns/line %6.2fx %8d lines  %s%n", plain / (double) lines.size(),
          starts / (double) lines.size(), plain / (double) starts, hits, regex.length() > 80 ? regex.substring(0, 80) + "..." : regex);
    }
    System.out.printf(Locale.ROOT, "total: java.util.regex %.0f ms, from start characters %.0f ms, %.2fx%n", plainTotal / 1e6,
        startsTotal / 1e6, plainTotal / startsTotal);
  }
}
