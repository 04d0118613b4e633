package dev.coroner.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/** Runs {@code coroner} as a separate JVM ({@code java -cp target/classes:deps dev.coroner.cli.Main}), so signals reach a real launcher. */
final class LauncherProcess {
  private LauncherProcess() {}

  static Process start(Path workDir, Path output, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
        "-cp", classPath(), "dev.coroner.cli.Main"));
    cmd.addAll(args);
    return new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(output.toFile()).start();
  }

  static String javaBinary() {
    return ProcessHandle.current().info().command().orElse(
        Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** Where coroner's classes and its runtime dependencies were loaded from in this JVM. */
  static String classPath() {
    Set<String> entries = new LinkedHashSet<>();
    for (Class<?> c : List.of(Main.class, CommandLine.class, ObjectMapper.class, JsonFactory.class,
        YAMLFactory.class, com.fasterxml.jackson.annotation.JsonProperty.class, org.yaml.snakeyaml.Yaml.class)) {
      try {
        entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  /** Sends a signal by name with kill(1) (Process.destroy() only sends TERM). */
  static void signal(long pid, String name) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start().waitFor();
  }
}
