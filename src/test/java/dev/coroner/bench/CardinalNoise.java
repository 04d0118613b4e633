package dev.coroner.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * The high-cardinality shape of the generated folder ({@code --shape cardinal}): the same story
 * as the default shape, with noise around every answered poll whose values hardly ever repeat,
 * so that any structure keyed by a value of the input grows with the folder unless it is
 * bounded. Per answered poll:
 *
 * <ul>
 *   <li>urllib3 DEBUG lines in the client log ({@code Starting new HTTP connection (1)},
 *       {@code "POST /goals/52114/result HTTP/1.1" 200 2}) and the matching access line in the
 *       server log, from a random client port: goal ids are drawn from a million, so a 200 MB
 *       folder holds a few hundred thousand distinct paths;
 *   <li>a client line from one of 200,000 loggers ({@code kortana.worker.w123456}) with a unique
 *       {@code request_id} and one of millions of pids;
 *   <li>now and then a chained traceback (two exceptions, "During handling of the above
 *       exception, another exception occurred") whose exception classes are drawn from
 *       100,000 names, logged at WARNING;
 *   <li>a line in {@code logs/worker-metrics.log}, coroner launch's key=value format, with
 *       keys drawn from 1,000,000 ({@code k123_4=...}) and a pid.
 * </ul>
 *
 * <p>The metrics log carries explicit {@code +00:00} offsets, so the folder is meant to be
 * generated with {@code --tz UTC} (the other logs hold naive times).
 */
final class CardinalNoise implements AutoCloseable {
  static final String METRICS = "logs/worker-metrics.log";
  private static final String DEBUG = " - urllib3.connectionpool - DEBUG - ";
  private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
  private final SplittableRandom rnd;
  private final LogSink client;
  private final LogSink server;
  final LogSink metrics;
  private final char[] id = new char[16];

  CardinalNoise(long seed, LogSink client, LogSink server, Path metricsFile) throws IOException {
    this.rnd = new SplittableRandom(seed * 31 + 7);
    this.client = client;
    this.server = server;
    this.metrics = new LogSink(metricsFile);
  }

  /** The noise of one answered poll at {@code at} (naive local millis). */
  void answered(long at) {
    int goal = rnd.nextInt(1_000_000);
    String path = "/goals/" + goal + "/result";
    if (rnd.nextInt(4) == 0) {
      client.py(at, DEBUG, "Starting new HTTP connection (1): 127.0.0.1:8000");
    }
    server.line("INFO:     127.0.0.1:" + (1024 + rnd.nextInt(64_512)) + " - \"POST " + path + " HTTP/1.1\" 200 OK");
    client.py(at + 1, DEBUG, "http://127.0.0.1:8000 \"POST " + path + " HTTP/1.1\" 200 2");
    int worker = rnd.nextInt(200_000);
    int pid = 1000 + rnd.nextInt(4_000_000);
    client.py(at + 2, " - kortana.worker.w" + worker + " - INFO - ", "goal " + goal + " stored request_id="
        + requestId() + " pid=" + pid + " in " + (1 + rnd.nextInt(900)) + " ms");
    if (rnd.nextInt(40) == 0) {
      chainedTraceback(at + 3, worker, goal);
    }
    if (rnd.nextInt(2) == 0) {
      StringBuilder kv = new StringBuilder("goal-metrics goal=").append(goal).append(" pid=").append(pid);
      int keys = 1 + rnd.nextInt(4);
      for (int j = 0; j < keys; j++) {
        kv.append(" k").append(rnd.nextInt(100_000)).append('_').append(rnd.nextInt(10)).append('=').append(rnd.nextInt(1000));
      }
      kv.append(" request_id=").append(requestId());
      metrics.put(LocalDateTime.ofEpochSecond(Math.floorDiv(at + 4, 1000), 0, ZoneOffset.UTC).format(ISO_SECONDS));
      int ms = (int) Math.floorMod(at + 4, 1000);
      metrics.put(String.format(".%03d+00:00 INFO ", ms));
      metrics.put(kv.toString());
      metrics.end();
      metrics.touch(at + 4);
    }
  }

  private String requestId() {
    for (int i = 0; i < id.length; i++) {
      id[i] = Character.forDigit(rnd.nextInt(16), 16);
    }
    return new String(id);
  }

  private void chainedTraceback(long at, int worker, int goal) {
    String first = "Goal" + rnd.nextInt(100_000) + "Rejected";
    String second = "Retry" + rnd.nextInt(100_000) + "Exhausted";
    client.py(at, " - kortana.worker.w" + worker + " - WARNING - ", "goal " + goal + " will be retried later");
    client.line("Traceback (most recent call last):");
    client.line("  File \"/srv/kortana/src/kortana/worker.py\", line 41, in handle");
    client.line("    result = self.backend.submit(goal)");
    client.line("  File \"/srv/kortana/src/kortana/backend.py\", line 77, in submit");
    client.line("    raise errors." + first + "(goal.id)");
    client.line("kortana.errors." + first + ": " + goal);
    client.line("");
    client.line("During handling of the above exception, another exception occurred:");
    client.line("");
    client.line("Traceback (most recent call last):");
    client.line("  File \"/srv/kortana/src/kortana/worker.py\", line 44, in handle");
    client.line("    self.retry(goal)");
    client.line("  File \"/srv/kortana/src/kortana/worker.py\", line 90, in retry");
    client.line("    raise errors." + second + "(goal.id, attempts)");
    client.line("kortana.errors." + second + ": goal " + goal + " after 3 attempts");
  }

  @Override
  public void close() throws IOException {
    metrics.close();
  }
}
