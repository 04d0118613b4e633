package dev.coroner.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Test support for runs against the real thing: Debian's {@code /usr/bin/python3 -m uvicorn} with
 * the FastAPI app under {@code src/test/resources/fastapi}, on loopback ports 18000-18999. Records
 * every pid a test's processes reported (launcher events, uvicorn's lines, the app's own) so that a
 * test can prove none is left, and kill exactly those if one is.
 */
public final class RealUvicorn {
  /** The interpreter with uvicorn: Debian's, or {@code -Dcoroner.python=...}. */
  public static final String PYTHON = System.getProperty("coroner.python", "/usr/bin/python3");
  /** The format of a captured line (docs/launcher-logs.md). */
  public static final Pattern CAPTURED = Pattern.compile(
      "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}[+-]\\d{2}:\\d{2} (out|err) (.*)$");
  /** The format of an event line in awakening.log. */
  public static final Pattern EVENT = Pattern.compile(
      "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}[+-]\\d{2}:\\d{2} (INFO|WARN|ERROR) "
          + "(start|port-check|spawned|health-attempt|startup-line|ready|not-ready|child-exit|then-spawned"
          + "|then-exit|restart|stop|kill)( [a-z_]+=(\"([^\"\\\\]|\\\\.)*\"|[^\\s\"]+))*$");
  private static final Pattern PID = Pattern.compile(
      "(?:\\bpid=|process \\[|grandchild pid )(\\d+)");
  private static final Set<Integer> TAKEN = ConcurrentHashMap.newKeySet();
  private static Boolean available;

  private RealUvicorn() {}

  /** Skips the calling test unless /usr/bin/python3 can import uvicorn and fastapi. */
  public static synchronized void assumeAvailable() {
    if (available == null) {
      available = false;
      try {
        Process p = new ProcessBuilder(PYTHON, "-c", "import uvicorn, fastapi")
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        available = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        if (p.isAlive()) {
          p.destroyForcibly();
        }
      } catch (IOException e) {
        available = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Assumptions.assumeTrue(available, "skipped: " + PYTHON + " cannot import uvicorn and fastapi"
        + " (Debian: apt-get install python3-uvicorn python3-fastapi python3-requests)");
  }

  public static Path appDir() {
    String root = System.getProperty("coroner.root", ".");
    return Path.of(root, "src", "test", "resources", "fastapi").toAbsolutePath();
  }

  /** A loopback port in 18000-18999 that is free now and not handed out before in this JVM. */
  public static int freePort() {
    for (int i = 0; i < 2000; i++) {
      int port = 18000 + ThreadLocalRandom.current().nextInt(1000);
      if (!TAKEN.add(port)) {
        continue;
      }
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return port;
      } catch (IOException e) {
        // busy: next
      }
    }
    throw new IllegalStateException("no free port in 18000-18999");
  }

  /** Whether something accepts a connection on loopback {@code port} (without binding it, unlike {@link #portFree}). */
  public static boolean accepts(int port) {
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public static boolean portFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Waits until {@code server} listens on {@code port}: at most a minute (a cold machine's first
   * import of the app can be slow), and no longer than the process lives. Fails with the
   * process's exit status and its output ({@code out}) when it never listened.
   */
  public static void awaitListening(Process server, int port, Path out) {
    // by connecting, not by binding: a probe that binds the port for a moment can be the
    // "address already in use" of the server binding it in that moment (it was, once in a CI run)
    boolean listening = eventually(Duration.ofSeconds(60), () -> accepts(port) || !server.isAlive());
    if (listening && accepts(port)) {
      return;
    }
    String status = server.isAlive() ? "still running" : "exited with " + server.exitValue();
    String text;
    try {
      text = Files.readString(out);
    } catch (IOException e) {
      text = "(unreadable: " + e.getMessage() + ")";
    }
    throw new AssertionError("pid " + server.pid() + " never listened on port " + port + " (" + status + "); its output:\n" + text);
  }

  /** {@code /usr/bin/python3 -m uvicorn app:app --host 127.0.0.1 --port P} plus {@code extra}. */
  public static List<String> command(int port, String... extra) {
    List<String> cmd = new ArrayList<>(List.of(PYTHON, "-m", "uvicorn", "app:app", "--host", "127.0.0.1",
        "--port", Integer.toString(port)));
    cmd.addAll(List.of(extra));
    return cmd;
  }

  /**
   * A plain python process that binds and listens on 127.0.0.1:{@code port} for {@code seconds}
   * (a port held by someone else); returns once it has bound. The caller ends it, by its pid.
   */
  public static Process holdPort(int port, double seconds) throws IOException {
    Process holder = new ProcessBuilder(PYTHON, "-c",
        "import socket,time; s=socket.socket(); s.bind(('127.0.0.1'," + port + ")); s.listen(); print('bound', flush=True); time.sleep("
            + seconds + ")")
        .redirectErrorStream(true).start();
    String first = new String(holder.getInputStream().readNBytes(5), java.nio.charset.StandardCharsets.UTF_8);
    if (!first.equals("bound")) {
      holder.destroyForcibly();
      throw new IllegalStateException("the port holder did not bind " + port + ": " + first);
    }
    return holder;
  }

  public static String health(int port) {
    return "http://127.0.0.1:" + port + "/health";
  }

  public static List<String> lines(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every pid mentioned in the launcher's logs in {@code logDir} (spawned, kill, uvicorn's own lines, the app's grandchild). */
  public static Set<Long> pidsIn(Path logDir) {
    Set<Long> pids = new TreeSet<>();
    for (String f : List.of("awakening.log", "uvicorn_server.log", "client_output.log")) {
      for (String line : lines(logDir.resolve(f))) {
        Matcher m = PID.matcher(line);
        while (m.find()) {
          pids.add(Long.parseLong(m.group(1)));
        }
      }
    }
    pids.remove(-1L);
    return pids;
  }

  /**
   * True when {@code pid} is a live process that is not a zombie: a killed grandchild re-parented to
   * init stays a zombie until init reaps it (seconds in some containers); it holds no port and runs
   * no code, so it counts as gone.
   */
  public static boolean running(long pid) {
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    if (h.isEmpty() || !h.get().isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      int close = stat.lastIndexOf(')');
      char state = stat.charAt(close + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException | RuntimeException e) {
      return h.get().isAlive();
    }
  }

  /** True when none of {@code pids} is {@link #running}. */
  public static boolean noneRunning(Collection<Long> pids) {
    return pids.stream().noneMatch(RealUvicorn::running);
  }

  /**
   * Asserts that none of {@code pids} is alive; kills (by pid) any that is, so that a failing test
   * leaves nothing behind either.
   */
  public static void assertNoneAlive(Set<Long> pids) {
    List<Long> alive = new ArrayList<>();
    for (long pid : pids) {
      ProcessHandle.of(pid).filter(h -> running(h.pid())).ifPresent(h -> {
        alive.add(pid);
        h.destroyForcibly();
      });
    }
    assertThat(alive).as("processes of the test still alive (now killed)").isEmpty();
  }

  /**
   * The suite-level check: no descendant of this JVM runs a command line naming one of the ports
   * this JVM handed out (uvicorn servers, port holders, clients), whether or not a test recorded its
   * pid. Those found are killed by pid and reported.
   */
  public static void assertNoStrays() {
    List<String> strays = new ArrayList<>();
    // only this JVM's own descendants: a process of another JVM that happens to use the same
    // port number is not ours to judge, let alone to kill
    ProcessHandle.current().descendants().forEach(h -> {
      String cmd = PortInspector.commandLine(h.pid()).orElse("");
      for (int port : TAKEN) {
        if (running(h.pid()) && (cmd.contains("--port " + port) || cmd.contains("'127.0.0.1'," + port + ")")
            || cmd.contains("127.0.0.1:" + port + "/"))) {
          strays.add(h.pid() + " " + cmd);
          h.destroyForcibly();
        }
      }
    });
    assertThat(strays).as("stray processes of this test JVM (now killed, by pid)").isEmpty();
  }

  /**
   * Copies a run's log folder to {@code target/launch-runs/CLASS/METHOD/} so that {@code coroner
   * diagnose} can be pointed at real launcher output (closing the loop of issue 4).
   */
  public static void keepRun(Path logs, org.junit.jupiter.api.TestInfo info) {
    String method = info.getTestMethod().map(java.lang.reflect.Method::getName).orElse("unknown");
    if (info.getDisplayName().startsWith("[")) { // a parameterized run: "[1] INT"
      method += "-" + info.getDisplayName().replaceAll("^\\[\\d+\\]\\s*", "").replaceAll("[^A-Za-z0-9]+", "_");
    }
    keepRun(logs, info.getTestClass().map(Class::getSimpleName).orElse("unknown"), method);
  }

  /** Copies a run's log folder to {@code target/launch-runs/CLASS/METHOD/}. */
  public static void keepRun(Path logs, String testClass, String method) {
    if (logs == null || !Files.isDirectory(logs)) {
      return;
    }
    Path dest = Path.of(System.getProperty("coroner.root", "."), "target", "launch-runs", testClass, method);
    try (var files = Files.list(logs)) {
      Files.createDirectories(dest);
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, dest.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      // best effort: a copy for humans, not part of the test
    }
  }

  /** Polls {@code condition} every 20 ms for up to {@code max}; true when it held. */
  public static boolean eventually(Duration max, BooleanSupplier condition) {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }

  /** The value of {@code key} in the first event named {@code event}, or null. */
  public static String field(List<String> events, String event, String key) {
    Pattern p = Pattern.compile(" " + Pattern.quote(event) + " .*?\\b" + Pattern.quote(key) + "=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)");
    for (String line : events) {
      Matcher m = p.matcher(line);
      if (m.find()) {
        String v = m.group(1);
        return v.startsWith("\"") ? v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\") : v;
      }
    }
    return null;
  }

  /** The event names of {@code events}, in order. */
  public static List<String> names(List<String> events) {
    return events.stream().map(l -> l.split(" ", 4)[2]).toList();
  }
}
