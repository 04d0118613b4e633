package dev.coroner.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * The mixed shape of the generated folder ({@code --shape mixed}): the default story told
 * through other tools' prefixes, with a log that is nine tenths noise and one that is nothing
 * but signals. On top of {@link CardinalNoise} (urllib3 DEBUG lines, {@code POST
 * /goals/ID/result} paths, 200,000 loggers, chained tracebacks, the key=value metrics log):
 *
 * <ul>
 *   <li>the server log as {@code docker compose logs api} prints it: {@code api-1  | } before
 *       every line, uvicorn's own lines without a time ({@link #COMPOSE});
 *   <li>the client log as {@code journalctl -u autonomous-client -o short-iso} prints it:
 *       {@code 2025-06-13T08:00:00+0000 kortana-01 autonomous-client[812]: } before every line,
 *       traceback lines included ({@link #journald});
 *   <li>the client's own work between two polls: {@link #WORK_LINES} lines from loggers,
 *       pids, client ports and ids that hardly repeat, with no word any signal reads, so that
 *       about nine client lines in ten are noise and signals are rare in it;
 *   <li>{@code logs/health_monitor.log}: a monitor that probes {@code /health} every second
 *       and logs every outcome, urllib3's {@code "GET /health HTTP/1.1" 200} line when the
 *       server answers (and uvicorn's access line in the server log) or the refusal when not:
 *       every line is a signal, the literal gate's worst case.
 * </ul>
 */
final class MixedNoise implements AutoCloseable {
  static final String MONITOR = "logs/health_monitor.log";
  static final String SERVER = "logs/api.log";
  static final String CLIENT = "logs/journal-autonomous-client.log";
  static final String COMPOSE = "api-1  | ";
  static final String HOST = "kortana-01";
  static final String UNIT = "autonomous-client";
  /** Noise lines the client writes between two polls. */
  static final int WORK_LINES = 18;
  static final long PROBE_MS = 1000;
  static final String PROBE_OK = " - urllib3.connectionpool - DEBUG - ";
  static final String PROBE_FAILED = " - health_monitor - ERROR - ";

  private static final DateTimeFormatter JOURNAL_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");
  private final SplittableRandom rnd;
  private final LogSink client;
  private final LogSink server;
  final LogSink monitor;
  private final char[] hex = new char[16];
  private long nextProbe;
  private long tick;

  MixedNoise(long seed, long start, LogSink client, LogSink server, Path monitorFile) throws IOException {
    this.rnd = new SplittableRandom(seed * 131 + 17);
    this.client = client;
    this.server = server;
    this.monitor = new LogSink(monitorFile);
    this.nextProbe = start + 700;
  }

  /** journalctl's short-iso prefix for unit {@link #UNIT} with process id {@code pid}, in {@code zone}. */
  static LogSink.Envelope journald(int pid, ZoneId zone) {
    String tail = " " + HOST + " " + UNIT + "[" + pid + "]: ";
    return new LogSink.Envelope() {
      private long second = Long.MIN_VALUE;
      private String prefix;

      @Override
      public String prefix(long lastTimeMs) {
        long s = Math.floorDiv(lastTimeMs, 1000);
        if (s != second || prefix == null) {
          second = s;
          LocalDateTime local = LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC);
          prefix = local.atZone(zone).format(JOURNAL_SECONDS) + tail;
        }
        return prefix;
      }
    };
  }

  /**
   * The monitor's probes up to {@code until} (naive local millis), answered when {@code up}:
   * written before the server lines of anything that happens at {@code until}.
   */
  void probesUntil(long until, boolean up) {
    while (nextProbe <= until) {
      long at = nextProbe;
      if (up) {
        server.line("INFO:     127.0.0.1:" + (1024 + rnd.nextInt(64_512))
            + " - \"GET /health HTTP/1.1\" 200 OK");
        server.touch(at);
        monitor.py(at + 1 + rnd.nextInt(4), PROBE_OK,
            "http://127.0.0.1:8000 \"GET /health HTTP/1.1\" 200 15");
      } else {
        monitor.py(at + 1 + rnd.nextInt(4), PROBE_FAILED, "probe failed: HTTPConnectionPool("
            + "host='127.0.0.1', port=8000): Max retries exceeded with url: /health (Caused by "
            + "NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f" + hex(10)
            + ">: Failed to establish a new connection: [Errno 111] Connection refused'))");
      }
      nextProbe += PROBE_MS + rnd.nextInt(3);
    }
  }

  /** The client's own work between its last line and the poll at {@code pollAt}. */
  void work(long pollAt) {
    long from = client.lastTime() + 30;
    long span = Math.max(WORK_LINES, pollAt - 5 - from);
    for (int i = 0; i < WORK_LINES; i++) {
      long at = from + span * i / WORK_LINES;
      int goal = rnd.nextInt(1_000_000);
      int pid = 1000 + rnd.nextInt(4_000_000);
      switch (rnd.nextInt(5)) {
        case 0 -> client.py(at, " - kortana.worker.w" + rnd.nextInt(200_000) + " - DEBUG - ",
            "goal " + goal + " scored 0." + rnd.nextInt(1000) + " by model m" + rnd.nextInt(500)
                + " pid=" + pid + " request_id=" + hex(16));
        case 1 -> client.py(at, " - kortana.scheduler.s" + rnd.nextInt(50_000) + " - INFO - ",
            "tick " + (++tick) + " queue=" + rnd.nextInt(5000) + " lag_ms=" + rnd.nextInt(900));
        case 2 -> client.py(at, " - kortana.cache.shard" + rnd.nextInt(4096) + " - DEBUG - ",
            "cache " + (rnd.nextBoolean() ? "hit" : "miss") + " key=goal:" + goal + ":" + hex(8)
                + " size=" + rnd.nextInt(65_536));
        case 3 -> client.py(at, " - kortana.db.pool" + rnd.nextInt(1000) + " - DEBUG - ",
            "checkout conn=0x7f" + hex(10) + " peer=10." + rnd.nextInt(256) + "." + rnd.nextInt(256)
                + "." + rnd.nextInt(256) + ":" + (1024 + rnd.nextInt(64_512)) + " in "
                + rnd.nextInt(2000) + " us pid=" + pid);
        default -> client.py(at, " - kortana.embed.e" + rnd.nextInt(100_000) + " - DEBUG - ",
            "batch " + rnd.nextInt(100_000) + " of " + (1 + rnd.nextInt(512)) + " vectors dim=768"
                + " norm=" + rnd.nextInt(100) + "." + rnd.nextInt(1000) + " request_id=" + hex(16));
      }
    }
  }

  private String hex(int n) {
    for (int i = 0; i < n; i++) {
      hex[i] = Character.forDigit(rnd.nextInt(16), 16);
    }
    return new String(hex, 0, n);
  }

  @Override
  public void close() throws IOException {
    monitor.close();
  }
}
