package dev.coroner.launch;

import dev.coroner.FileTrees;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixture every test against real uvicorn shares, as a JUnit 5 extension:
 * <ul>
 *   <li>before each test: skips it unless {@code /usr/bin/python3} has uvicorn and fastapi (and,
 *       with {@link #posixOnly()}, on Windows), makes a fresh temporary folder with
 *       {@code logs/} as the launch's log dir, hands out a free loopback port;
 *   <li>after each test: keeps a copy of the run's logs under {@code target/launch-runs/}, kills
 *       the processes the test registered with {@link #track(Process)} (and their descendants),
 *       then checks that none of the processes the test started is alive: the pids it added to
 *       {@link #started()} and every pid the launcher's logs mention. Those found are killed, by
 *       pid, and the test fails;
 *   <li>after all tests of the class: no process anywhere runs a command line naming a port this
 *       JVM handed out.
 * </ul>
 * Register it as a static field, so that the class-level check runs too:
 * {@code @RegisterExtension static final LaunchFixture FX = new LaunchFixture();}. Tests run one
 * at a time in this project, so the per-test state lives in the one instance.
 */
public final class LaunchFixture implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {
  private final boolean posixOnly;
  private Path tmp;
  private Path logs;
  private int port;
  private final Set<Long> started = new HashSet<>();
  private final List<Process> tracked = new ArrayList<>();

  public LaunchFixture() {
    this(false);
  }

  private LaunchFixture(boolean posixOnly) {
    this.posixOnly = posixOnly;
  }

  /** A fixture that also skips its tests on Windows (POSIX signals, ptys). */
  public static LaunchFixture posixOnly() {
    return new LaunchFixture(true);
  }

  /** This test's temporary folder (deleted after it). */
  public Path tmp() {
    return tmp;
  }

  /** {@code tmp()/logs}: the launch's log dir (not created). */
  public Path logs() {
    return logs;
  }

  /** A free loopback port for this test. */
  public int port() {
    return port;
  }

  /** The pids this test started; add any pid that must be gone after it. */
  public Set<Long> started() {
    return started;
  }

  /** A launch of the test app ({@link RealUvicorn}) on this test's port, logging into {@link #logs()}. */
  LaunchRequest request(Map<String, String> env, String... serverExtra) {
    return LaunchRequest.of(RealUvicorn.command(port, serverExtra), RealUvicorn.appDir(), logs,
        URI.create(RealUvicorn.health(port))).withEnv(env);
  }

  /** The lines of the launch's {@code awakening.log} so far. */
  List<String> events() {
    return RealUvicorn.lines(logs.resolve("awakening.log"));
  }

  /** Whether the launch has written its ready file. */
  boolean ready() {
    return Files.exists(logs.resolve("server.ready"));
  }

  /** A process that is killed (with its descendants) after the test if it still runs. */
  public <P extends Process> P track(P process) {
    tracked.add(process);
    return process;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    started.clear();
    tracked.clear();
    tmp = Files.createTempDirectory("coroner-launch-test");
    logs = tmp.resolve("logs"); // set before the assumptions: afterEach runs after a skip too
    RealUvicorn.assumeAvailable();
    if (posixOnly) {
      Assumptions.assumeFalse(System.getProperty("os.name").startsWith("Windows"), "skipped: POSIX signals");
    }
    port = RealUvicorn.freePort();
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    try {
      RealUvicorn.keepRun(logs, context.getRequiredTestClass().getSimpleName(), methodName(context));
      for (Process p : tracked) {
        started.add(p.pid());
        if (p.isAlive()) {
          p.descendants().forEach(h -> started.add(h.pid()));
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
      started.addAll(RealUvicorn.pidsIn(logs));
      RealUvicorn.eventually(Duration.ofSeconds(15), () -> RealUvicorn.noneRunning(started));
      RealUvicorn.assertNoneAlive(started);
    } finally {
      FileTrees.deleteQuietly(tmp);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    RealUvicorn.assertNoStrays();
  }

  /** The method's name, with the parameter of a parameterized run: {@code method-INT}. */
  private static String methodName(ExtensionContext context) {
    String method = context.getTestMethod().map(java.lang.reflect.Method::getName).orElse("unknown");
    String display = context.getDisplayName();
    if (display.startsWith("[")) { // a parameterized run: "[1] INT"
      method += "-" + display.replaceAll("^\\[\\d+\\]\\s*", "").replaceAll("[^A-Za-z0-9]+", "_");
    }
    return method;
  }
}
