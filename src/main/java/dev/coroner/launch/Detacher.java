package dev.coroner.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coroner.CoronerException;
import dev.coroner.ExitStatus;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code coroner launch --detach}: starts the same launch again as a background JVM (in a new
 * session via {@code setsid} where available, stdin from the null device, stdout and stderr
 * appended to {@code LOG-DIR/launcher.out}), waits until that launcher has written the ready file
 * for its own server, and returns: 0 when ready, else the background launcher's exit status.
 */
public final class Detacher {
  /**
   * @param mainClass the CLI entry point to run in the background JVM
   * @param args the launch arguments without {@code --detach}, starting with {@code launch}
   * @param logDir where {@code launcher.out} goes
   * @param readyFile the ready file the background launcher writes
   * @param maxWait how long to wait for it
   */
  public record Request(String mainClass, List<String> args, Path logDir, Path readyFile, Duration maxWait) {
    public Request {
      args = List.copyOf(args);
    }
  }

  private Detacher() {}

  public static int run(Request req, PrintWriter out) {
    List<String> cmd = new ArrayList<>();
    boolean windows = Launcher.isWindows();
    for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
      if (!windows && Files.isExecutable(Path.of(setsid))) {
        cmd.add(setsid);
        break;
      }
    }
    cmd.add(ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java").toString()));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), req.mainClass()));
    cmd.addAll(req.args());
    Path launcherOut = req.logDir().resolve("launcher.out");
    Process p;
    try {
      Files.createDirectories(req.logDir());
      p = new ProcessBuilder(cmd)
          .redirectInput(ProcessBuilder.Redirect.from(new File(windows ? "NUL" : "/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.appendTo(launcherOut.toFile()))
          .redirectErrorStream(true).start();
    } catch (IOException e) {
      throw CoronerException.badInput("cannot start the background launcher (" + e.getMessage()
          + "); check --log-dir " + req.logDir());
    }
    long deadline = System.nanoTime() + req.maxWait().toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Long> server = readyServer(req.readyFile(), p.pid());
      if (server.isPresent()) {
        out.println("coroner: launched in the background: launcher pid " + p.pid() + ", server pid "
            + server.get() + "; stop it with: kill " + p.pid() + "; its output: " + launcherOut);
        out.flush();
        return ExitStatus.OK.code();
      }
      if (!p.isAlive()) {
        int code = p.exitValue();
        throw new CoronerException(code == 0 ? ExitStatus.NOT_READY.code() : code,
            "the background launcher exited with " + code + " before the server was ready; see " + launcherOut);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new CoronerException(ExitStatus.NOT_READY.code(), "the background launcher (pid " + p.pid()
        + ") has not reported ready after " + Durations.format(req.maxWait()) + "; it keeps running; see " + launcherOut);
  }

  /** The original arguments from {@code launch} on, without {@code --detach} (only before {@code --}). */
  public static List<String> relaunchArgs(List<String> original) {
    List<String> args = new ArrayList<>(original.subList(Math.max(0, original.indexOf("launch")), original.size()));
    if (args.isEmpty() || !args.get(0).equals("launch")) {
      args.add(0, "launch");
    }
    int dashes = args.indexOf("--");
    for (int i = (dashes < 0 ? args.size() : dashes) - 1; i >= 0; i--) {
      if (args.get(i).equals("--detach")) {
        args.remove(i);
      }
    }
    return args;
  }

  /** The server pid in the ready file when that server is a child of {@code launcherPid} (not a stale file). */
  private static Optional<Long> readyServer(Path readyFile, long launcherPid) {
    try {
      if (!Files.isRegularFile(readyFile)) {
        return Optional.empty();
      }
      JsonNode doc = new ObjectMapper().readTree(readyFile.toFile());
      long pid = doc.path("pid").asLong(-1);
      boolean ours = ProcessHandle.of(pid).flatMap(ProcessHandle::parent)
          .map(parent -> parent.pid() == launcherPid).orElse(false);
      return ours ? Optional.of(pid) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
