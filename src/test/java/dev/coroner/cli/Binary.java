package dev.coroner.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs coroner as its own process, as a user's shell would: real file descriptors, real
 * devices, pipes and process substitution. The command is {@code java -cp <this test run's class
 * path> dev.coroner.cli.Main}, available to shell scripts as the function {@code coroner}.
 */
final class Binary {
  private Binary() {}

  /** What one run gave. */
  record Run(int status, String out, String err) {}

  static String command() {
    return quote(LauncherProcess.javaBinary()) + " -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "
        + quote(System.getProperty("java.class.path")) + " dev.coroner.cli.Main";
  }

  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** Runs a bash script in {@code dir} with {@code $CORONER} set; stdout and stderr captured; at most 90 s. */
  static Run sh(Path dir, Map<String, String> env, String script) throws IOException, InterruptedException {
    return sh(dir, env, script, 90);
  }

  /** As {@link #sh(Path, Map, String)}, waiting at most {@code seconds}. */
  static Run sh(Path dir, Map<String, String> env, String script, int seconds) throws IOException, InterruptedException {
    Path out = Files.createTempFile("coroner-out", ".txt");
    Path err = Files.createTempFile("coroner-err", ".txt");
    try {
      ProcessBuilder pb = new ProcessBuilder("bash", "-c", "coroner() { " + command() + " \"$@\"; }; " + script)
          .directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("timed out: " + script);
      }
      return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Runs {@code coroner ARGS...} in {@code dir}; a diagnosis JSON on stdout is checked against the schema. */
  static Run run(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> q = new ArrayList<>();
    for (String a : args) {
      q.add(quote(a));
    }
    Run r = sh(dir, env, "coroner " + String.join(" ", q));
    SchemaCheck.validateIfDiagnosisJson(args, r.out());
    return r;
  }

  /** An environment whose per-user data folder is {@code data} (so no test writes into ~). */
  static Map<String, String> dataHome(Path data) {
    Map<String, String> env = new HashMap<>();
    env.put("XDG_DATA_HOME", data.toString());
    env.put("XDG_CACHE_HOME", data.resolve("cache").toString());
    return env;
  }

}
