package dev.coroner.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Writes a realistic incident folder of a requested size, byte-for-byte deterministic from a
 * seed, with incidents of known classes at known places, for the benchmark (which also checks
 * that coroner finds them).
 *
 * <pre>
 * java -cp target/test-classes dev.coroner.bench.IncidentGenerator OUT_DIR SIZE_MB [--seed N] [--tz ZONE] [--shape cardinal]
 * </pre>
 *
 * <p>{@code --shape cardinal} tells the same story with high-cardinality noise around it (see
 * {@link CardinalNoise}) and a fourth log, {@code logs/worker-metrics.log}.
 *
 * <p>OUT_DIR gets {@code autonomous_processing.log} (the polling client), {@code
 * logs/uvicorn_server.log} (uvicorn's default format, no timestamps) and {@code
 * logs/awakening.log} (the old Python launcher). The answer key goes next to the folder, not
 * into it: {@code OUT_DIR/../NAME.expected.json}. SIZE_MB is in 10^6 bytes, summed over the
 * three logs. Line shapes are copied from real runs of uvicorn 0.17.6, requests 2.28 and
 * urllib3 1.26 (Debian 12).
 *
 * <p>The story: the client starts before the server is ready (race-condition); then hours of
 * healthy polling (one access line per successful poll, so the two logs correlate) broken by
 * three post-start crashes (no shutdown block, client refused until a restart); last, an
 * orderly restart whose lifespan startup fails, and the client is refused until the end.
 */
public final class IncidentGenerator {
  static final String CLIENT_INFO = " - KortanaAutonomous - INFO - ";
  static final String CLIENT_ERROR = " - KortanaAutonomous - ERROR - ";
  static final String LAUNCH_INFO = " - start_backend - INFO - ";
  static final String LAUNCH_WARNING = " - start_backend - WARNING - ";
  static final String LAUNCH_ERROR = " - start_backend - ERROR - ";
  static final long POLL_MS = 3000;
  private static final String GOALS_OK = " - \"GET /goals/ HTTP/1.1\" 200 OK";
  private static final String HEALTH_OK = " - \"GET /health HTTP/1.1\" 200 OK";
  private static final String[] FETCHED = IntStream.range(0, 6)
      .mapToObj(n -> "Fetched " + n + " goals from http://127.0.0.1:8000/goals/")
      .toArray(String[]::new);
  /** 2025-06-13 08:00:00, naive local time, as epoch millis read in UTC. */
  static final long START = LocalDateTime.of(2025, 6, 13, 8, 0).toEpochSecond(ZoneOffset.UTC) * 1000;

  /** One incident as the generator made it; times are naive local epoch millis. */
  record Incident(String classification, String cause, long start, long end, long clientLine,
      String note) {}

  private final SplittableRandom rnd;
  private final long budget;
  private final LogSink client;
  private final LogSink server;
  private final LogSink launcher;
  private final List<Incident> incidents = new ArrayList<>();
  private final char[] hex = new char[6];
  private final String objectPrefix;
  private long now = START;
  private boolean up;
  private int pid;
  private long pendingHealthAt = Long.MAX_VALUE;
  private CardinalNoise noise;

  private IncidentGenerator(long seed, long budget, LogSink client, LogSink server, LogSink launcher) {
    this.rnd = new SplittableRandom(seed);
    this.budget = budget;
    this.client = client;
    this.server = server;
    this.launcher = launcher;
    this.objectPrefix = "<urllib3.connection.HTTPConnection object at 0x7f"
        + Integer.toHexString(0x1000 + rnd.nextInt(0xefff));
    this.pid = 4000 + rnd.nextInt(3000);
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: IncidentGenerator OUT_DIR SIZE_MB [--seed N] [--tz ZONE]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]).toAbsolutePath().normalize();
    long sizeMb = Long.parseLong(args[1]);
    long seed = 1;
    ZoneId zone = ZoneId.of("UTC");
    boolean cardinal = false;
    for (int i = 2; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        case "--tz" -> zone = ZoneId.of(args[i + 1]);
        case "--shape" -> {
          if (!args[i + 1].equals("cardinal") && !args[i + 1].equals("default")) {
            throw new IllegalArgumentException("--shape is default or cardinal");
          }
          cardinal = args[i + 1].equals("cardinal");
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (sizeMb < 1) {
      throw new IllegalArgumentException("SIZE_MB must be at least 1");
    }
    long t0 = System.nanoTime();
    Path expected = dir.resolveSibling(dir.getFileName() + ".expected.json");
    long bytes = generate(dir, sizeMb * 1_000_000L, seed, zone, expected, cardinal);
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.printf("wrote %,d bytes to %s in %.2f s (%.0f MB/s); answer key %s%n",
        bytes, dir, secs, bytes / 1e6 / secs, expected);
  }

  /** Writes the folder and its answer key; returns the bytes written to the logs. */
  public static long generate(Path dir, long budget, long seed, ZoneId zone, Path expected)
      throws IOException {
    return generate(dir, budget, seed, zone, expected, false);
  }

  /** As {@link #generate(Path, long, long, ZoneId, Path)}, with the cardinal shape when asked. */
  public static long generate(Path dir, long budget, long seed, ZoneId zone, Path expected, boolean cardinal)
      throws IOException {
    Path clientFile = dir.resolve("autonomous_processing.log");
    Path serverFile = dir.resolve("logs/uvicorn_server.log");
    Path launcherFile = dir.resolve("logs/awakening.log");
    IncidentGenerator g;
    try (LogSink c = new LogSink(clientFile);
        LogSink s = new LogSink(serverFile);
        LogSink l = new LogSink(launcherFile)) {
      g = new IncidentGenerator(seed, budget, c, s, l);
      if (cardinal) {
        g.noise = new CardinalNoise(seed, c, s, dir.resolve(CardinalNoise.METRICS));
      }
      try {
        g.run();
      } finally {
        if (g.noise != null) {
          g.noise.close();
        }
      }
    }
    if (g.noise != null) {
      setModified(dir.resolve(CardinalNoise.METRICS), g.noise.metrics.lastTime(), zone);
    }
    setModified(clientFile, g.client.lastTime(), zone);
    setModified(serverFile, g.server.lastTime(), zone);
    setModified(launcherFile, g.launcher.lastTime(), zone);
    Files.writeString(expected, g.answerKey(dir, seed, zone), StandardCharsets.UTF_8);
    return g.total();
  }

  private void run() {
    client.py(now, CLIENT_INFO, "Autonomous goal processor starting, server http://127.0.0.1:8000");
    now += 200 + rnd.nextInt(200);

    // 1. race: the client polls before the launcher has even started the server.
    long raceStart = now;
    long raceLine = client.lines() + 1;
    long launchAt = START + 15_000 + rnd.nextInt(2000);
    long readyAt = startServer(launchAt, 9_000 + rnd.nextInt(5000), false);
    while (now < readyAt) {
      poll();
    }
    serverReady(readyAt);
    incidents.add(new Incident("race-condition", "client-started-before-ready", raceStart, readyAt,
        raceLine, "client polled from the start; launcher started the server at "
            + LocalDateTime.ofEpochSecond(launchAt / 1000, 0, ZoneOffset.UTC)));

    // 2. healthy polling broken by three post-start crashes, each with another last word.
    // Outages grow with the folder (up to 15 h); the final outage is a tenth of the folder, at
    // most about a weekend of refusals (60 h at one line every 3 s).
    long tailReserve = Math.min(24_000_000, Math.max(40_000, budget / 10));
    long body = budget - tailReserve;
    double scale = Math.min(10.0, budget / 100e6);
    int[] outagePolls = {140, 500, 1800};
    for (int i = 0; i < 3; i++) {
      long crashAtBytes = (long) (body * (0.22 + 0.25 * i));
      while (total() < crashAtBytes) {
        poll();
      }
      crash(i, Math.max(20, (int) Math.round(outagePolls[i] * scale)));
    }

    // 3. last: an orderly restart whose lifespan startup fails; refused until the end.
    while (total() < body) {
      poll();
    }
    restartIntoStartupFailure();
    while (total() < budget) {
      poll();
    }
    Incident last = incidents.remove(incidents.size() - 1);
    incidents.add(new Incident(last.classification(), last.cause(), last.start(),
        client.lastTime(), last.clientLine(), last.note()));
  }

  /** One client poll at {@code now}, answered or refused, then the next poll is scheduled. */
  private void poll() {
    long answered = now + 2 + rnd.nextInt(6);
    if (up) {
      if (pendingHealthAt <= now) {
        access("/health");
        pendingHealthAt = Long.MAX_VALUE;
      }
      access("/goals/");
      server.touch(now);
      client.py(answered, CLIENT_INFO, FETCHED[rnd.nextInt(FETCHED.length)]);
      if (noise != null) {
        noise.answered(answered + 10);
      }
      if (rnd.nextInt(4000) == 0) {
        clientTraceback(answered + 1 + rnd.nextInt(3));
      }
    } else {
      client.pyStart(answered, CLIENT_ERROR);
      client.put("Error fetching goals: HTTPConnectionPool(host='127.0.0.1', port=8000): Max retries "
          + "exceeded with url: /goals/ (Caused by NewConnectionError('");
      putObjectAddress(client);
      client.put(">: Failed to establish a new connection: [Errno 111] Connection refused'))");
      client.end();
    }
    now += POLL_MS + rnd.nextInt(15);
  }

  /** An access line from an ephemeral port; {@code path} is "/goals/" or "/health". */
  private void access(String path) {
    server.put("INFO:     127.0.0.1:");
    server.put(Integer.toString(32768 + rnd.nextInt(28232)));
    server.line(path.equals("/health") ? HEALTH_OK : GOALS_OK);
  }

  private void putObjectAddress(LogSink sink) {
    int v = rnd.nextInt(1 << 24) & ~0xf;
    for (int i = 5; i >= 0; i--) {
      hex[i] = Character.forDigit((v >>> (4 * (5 - i))) & 0xf, 16);
    }
    sink.put(objectPrefix);
    sink.put(hex, 6);
  }

  /**
   * Writes the launcher's lines for a start at {@code launchAt} and returns when the server will
   * be ready; the server's own startup block is written by {@link #serverReady} (or at once when
   * the start fails), so that it lands in order among the access lines.
   */
  private long startServer(long launchAt, long startupMs, boolean fails) {
    pid += 50 + rnd.nextInt(3000);
    launcher.py(launchAt, LAUNCH_INFO,
        "Starting Uvicorn server: uvicorn src.kortana.main:app --host 0.0.0.0 --port 8000");
    launcher.py(launchAt + 40 + rnd.nextInt(40), LAUNCH_INFO,
        "Uvicorn process started with PID " + pid + ", output in logs/uvicorn_server.log");
    long readyAt = launchAt + 300 + startupMs;
    long check = launchAt + 5000;
    for (int attempt = 1; attempt <= 10; attempt++, check += POLL_MS + 8) {
      if (!fails && check >= readyAt) {
        launcher.py(check + 3, LAUNCH_INFO, "Health check " + attempt + "/10: 200 OK");
        launcher.py(check + 4, LAUNCH_INFO, "Server is up and healthy at http://127.0.0.1:8000");
        pendingHealthAt = check;
        return readyAt;
      }
      launcher.py(check + 2, LAUNCH_WARNING, "Health check " + attempt + "/10 failed: "
          + "HTTPConnectionPool(host='127.0.0.1', port=8000): Max retries exceeded with url: "
          + "/health (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at "
          + "0x7f2b4c" + Integer.toHexString(0x100000 + rnd.nextInt(0xeffff)) + ">: Failed to "
          + "establish a new connection: [Errno 111] Connection refused'))");
      if (fails && attempt == 1) {
        launcher.py(check + 5, LAUNCH_ERROR, "Uvicorn process " + pid + " exited with code 3");
      }
    }
    launcher.py(check, LAUNCH_ERROR, "Server did not become healthy after 10 attempts; giving up");
    return readyAt;
  }

  private void serverReady(long readyAt) {
    server.line("INFO:     Started server process [" + pid + "]");
    server.line("INFO:     Waiting for application startup.");
    server.line("INFO:     Application startup complete.");
    server.line("INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)");
    server.touch(readyAt);
    up = true;
  }

  /** The server dies during the request polled at {@code now}; restarted after an outage. */
  private void crash(int variant, int outagePolls) {
    long crashAt = now;
    long line = client.lines() + 1;
    switch (variant) {
      case 0 -> { } // killed (OOM killer, os._exit): uvicorn says nothing at all
      case 1 -> { // the request fails with a 500, then the process is gone (OOM killer)
        server.put("INFO:     127.0.0.1:");
        server.put(Integer.toString(32768 + rnd.nextInt(28232)));
        server.line(" - \"GET /goals/ HTTP/1.1\" 500 Internal Server Error");
        Tracebacks.asgiMemoryError(server);
      }
      default -> Tracebacks.segfault(server, rnd.nextLong());
    }
    server.touch(crashAt);
    up = false;
    client.py(now + 5 + rnd.nextInt(20), CLIENT_ERROR, variant == 1
        ? "Error fetching goals: 500 Server Error: Internal Server Error for url: "
            + "http://127.0.0.1:8000/goals/"
        : "Error fetching goals: ('Connection aborted.', "
            + "RemoteDisconnected('Remote end closed connection without response'))");
    now += POLL_MS + rnd.nextInt(15);
    long launchAt = crashAt + outagePolls * POLL_MS + rnd.nextInt(2000);
    long readyAt = startServer(launchAt, 1500 + rnd.nextInt(1500), false);
    while (now < readyAt) {
      poll();
    }
    serverReady(readyAt);
    String[] how = {"killed without a word", "answered 500 with a MemoryError traceback, then died",
        "segmentation fault"};
    // a segmentation fault is a cause of its own (segfault): the crash line says so
    String[] cause = {"process-exit", "process-exit", "segfault"};
    incidents.add(new Incident("post-start-crash", cause[variant], crashAt, readyAt, line,
        "server " + how[variant] + ", no shutdown block; restarted by the launcher"));
  }

  /** An orderly stop between two polls, then a start whose lifespan startup raises. */
  private void restartIntoStartupFailure() {
    long stopAt = now - POLL_MS + 500;
    launcher.py(stopAt - 20, LAUNCH_INFO, "Stopping Uvicorn server (PID " + pid
        + ") to apply configuration changes");
    server.line("INFO:     Shutting down");
    server.line("INFO:     Waiting for application shutdown.");
    server.line("INFO:     Application shutdown complete.");
    server.line("INFO:     Finished server process [" + pid + "]");
    up = false;
    launcher.py(stopAt + 250, LAUNCH_INFO, "Uvicorn process " + pid + " exited with code 0");
    long launchAt = stopAt + 600;
    long failAt = launchAt + 1400 + rnd.nextInt(300);
    startServer(launchAt, 60_000, true);
    server.line("INFO:     Started server process [" + pid + "]");
    server.line("INFO:     Waiting for application startup.");
    Tracebacks.lifespanFailure(server);
    server.line("ERROR:    Application startup failed. Exiting.");
    server.touch(failAt);
    incidents.add(new Incident("startup-failure", "lifespan-exception", failAt, failAt,
        client.lines() + 1, "orderly restart at " + iso(stopAt, ZoneOffset.UTC)
            + "; lifespan startup raised RuntimeError; client refused until the end"));
  }

  private void clientTraceback(long at) {
    client.py(at, CLIENT_ERROR, "Unexpected error in processing loop");
    Tracebacks.clientKeyError(client);
  }

  private long total() {
    return client.bytes() + server.bytes() + launcher.bytes() + (noise != null ? noise.metrics.bytes() : 0);
  }

  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

  static String iso(long naiveMs, ZoneId zone) {
    LocalDateTime local = LocalDateTime.ofEpochSecond(Math.floorDiv(naiveMs, 1000),
        (int) Math.floorMod(naiveMs, 1000) * 1_000_000, ZoneOffset.UTC);
    return local.atZone(zone).format(ISO);
  }

  private static void setModified(Path file, long naiveMs, ZoneId zone) throws IOException {
    if (naiveMs != Long.MIN_VALUE) {
      LocalDateTime local = LocalDateTime.ofEpochSecond(Math.floorDiv(naiveMs, 1000), 0,
          ZoneOffset.UTC);
      Files.setLastModifiedTime(file, FileTime.from(local.atZone(zone).toInstant()));
    }
  }

  private String answerKey(Path dir, long seed, ZoneId zone) {
    StringBuilder j = new StringBuilder();
    j.append("{\n  \"generator\": \"dev.coroner.bench.IncidentGenerator\",\n")
        .append("  \"folder\": \"").append(dir.getFileName()).append("\",\n")
        .append("  \"seed\": ").append(seed).append(",\n")
        .append("  \"timezone\": \"").append(zone.getId()).append("\",\n")
        .append("  \"bytes\": ").append(total()).append(",\n")
        .append("  \"files\": [\n");
    file(j, "autonomous_processing.log", client, false);
    file(j, "logs/uvicorn_server.log", server, false);
    file(j, "logs/awakening.log", launcher, noise == null);
    if (noise != null) {
      file(j, CardinalNoise.METRICS, noise.metrics, true);
    }
    Incident last = incidents.get(incidents.size() - 1);
    j.append("  ],\n  \"verdict\": {\"classification\": \"").append(last.classification())
        .append("\", \"cause\": \"").append(last.cause()).append("\"},\n  \"incidents\": [\n");
    for (int i = 0; i < incidents.size(); i++) {
      Incident in = incidents.get(i);
      j.append("    {\"classification\": \"").append(in.classification())
          .append("\", \"cause\": \"").append(in.cause())
          .append("\", \"start\": \"").append(iso(in.start(), zone))
          .append("\", \"end\": \"").append(iso(in.end(), zone))
          .append("\", \"clientLine\": ").append(in.clientLine())
          .append(", \"note\": \"").append(in.note()).append("\"}")
          .append(i + 1 < incidents.size() ? ",\n" : "\n");
    }
    return j.append("  ]\n}\n").toString();
  }

  private static void file(StringBuilder j, String path, LogSink s, boolean last) {
    j.append("    {\"path\": \"").append(path).append("\", \"bytes\": ").append(s.bytes())
        .append(", \"lines\": ").append(s.lines()).append(last ? "}\n" : "},\n");
  }
}
