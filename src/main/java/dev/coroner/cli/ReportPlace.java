package dev.coroner.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where {@code diagnose} puts a report when no {@code -o} is given (see docs/exit-codes.md and
 * the README, "Where reports go"):
 * <ol>
 *   <li>the folder: {@code ./reports} when the current folder is writable, is not the file
 *       system's root and is not inside the evidence folder; otherwise the per-user data folder
 *       ({@code $XDG_DATA_HOME/coroner/reports}, by default {@code ~/.local/share/coroner/reports};
 *       {@code %LOCALAPPDATA%\coroner\reports} on Windows);</li>
 *   <li>the name: the incident folder's own name ({@code race-condition.md}); a folder named
 *       {@code logs} or {@code log}, as launcher-made folders are, is named with its parent too
 *       ({@code myapp-logs.md});</li>
 *   <li>two different folders never share a report: {@code .folders.tsv} in the reports folder
 *       records which folder (real path) each name belongs to, and a second folder of the same
 *       name gets a suffix from its path's hash ({@code logs-3f2a9c1e.md}).</li>
 * </ol>
 */
final class ReportPlace {
  static final String INDEX = ".folders.tsv";

  private ReportPlace() {}

  /** The reports folder for an incident folder, by the rule above. */
  /** A reports folder, and why it is not ./reports (null when it is). */
  record Place(Path folder, String reason) {}

  /** The reports folder for an incident folder, by the rule above. */
  static Place folder(Path evidence, Map<String, String> env) {
    Path cwd = Path.of("").toAbsolutePath();
    String why = cwd.getParent() == null ? "the current folder is /"
        : Guard.inside(cwd, evidence) ? "the current folder is inside the evidence"
        : !Files.isWritable(cwd) ? "the current folder is not writable" : null;
    return new Place(why == null ? Path.of("reports") : userReports(env), why);
  }

  static Path userReports(Map<String, String> env) {
    String local = env.get("LOCALAPPDATA");
    if (local != null && !local.isBlank() && System.getProperty("os.name", "").startsWith("Windows")) {
      return Path.of(local, "coroner", "reports");
    }
    String xdg = env.get("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "coroner", "reports");
    }
    return Path.of(System.getProperty("user.home"), ".local", "share", "coroner", "reports");
  }

  /** The report's base name (no extension) in {@code reports}, claiming it for this folder. */
  static String name(Path evidence, Path reports, String ext) {
    Path real = Guard.real(evidence);
    String base = baseName(real);
    Map<String, String> index = readIndex(reports);
    for (Map.Entry<String, String> e : index.entrySet()) {
      if (e.getValue().equals(real.toString())) {
        return e.getKey();
      }
    }
    String name = base;
    String owner = index.get(name);
    if (owner != null && !owner.equals(real.toString())) {
      name = base + "-" + hash(real.toString());
    }
    index.put(name, real.toString());
    writeIndex(reports, index);
    return name;
  }

  static String baseName(Path real) {
    Path n = real.getFileName();
    if (n == null) {
      return "root";
    }
    String s = n.toString();
    Path parent = real.getParent();
    if ((s.equalsIgnoreCase("logs") || s.equalsIgnoreCase("log")) && parent != null && parent.getFileName() != null) {
      return parent.getFileName() + "-" + s;
    }
    return s;
  }

  static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> readIndex(Path reports) {
    Map<String, String> m = new LinkedHashMap<>();
    Path f = reports.resolve(INDEX);
    try {
      if (Files.isRegularFile(f) && Files.size(f) < (1 << 20)) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          int tab = line.indexOf('\t');
          if (tab > 0) {
            m.put(line.substring(0, tab), line.substring(tab + 1));
          }
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // an unreadable index: names are claimed afresh
    }
    return m;
  }

  private static void writeIndex(Path reports, Map<String, String> index) {
    StringBuilder sb = new StringBuilder();
    index.forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
    try {
      OutputFile.atomically(reports.toAbsolutePath().resolve(INDEX), sb.toString().getBytes(StandardCharsets.UTF_8), false);
    } catch (IOException e) {
      // the report itself reports a folder it cannot write
    }
  }
}
