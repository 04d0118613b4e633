package dev.coroner.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * An incident folder of many files: the three logs of {@link IncidentGenerator} (its answer key
 * is the folder's story) and beside them, under {@code workers/}, as many small logs of worker
 * processes as asked, each a stretch of timestamped INFO lines somewhere in the incident's hours
 * that say nothing about the server ({@code job J of batch K finished in N ms}). The workers'
 * lines interleave in time with the incident's, so a merge of the folder has to interleave all
 * the files, and the verdict must be the answer key's.
 *
 * <pre>java -cp target/test-classes dev.coroner.bench.ManyFilesGenerator OUT_DIR FILES LINES [--seed N]</pre>
 *
 * FILES counts every file of the folder, the incident's three included; the answer key is
 * written beside the folder as {@code OUT_DIR.expected.json}. Deterministic from the seed.
 */
public final class ManyFilesGenerator {
  /** Where the incident of a 1 MB {@link IncidentGenerator} folder lies: 08:00 to about 12:48. */
  private static final long FROM = IncidentGenerator.START;
  private static final long SPAN_MS = 4L * 3600 * 1000 + 45 * 60 * 1000;
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

  private ManyFilesGenerator() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: ManyFilesGenerator OUT_DIR FILES LINES [--seed N]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]).toAbsolutePath().normalize();
    int files = Integer.parseInt(args[1]);
    int lines = Integer.parseInt(args[2]);
    long seed = args.length >= 5 && args[3].equals("--seed") ? Long.parseLong(args[4]) : 1;
    long t0 = System.nanoTime();
    long bytes = generate(dir, files, lines, seed, dir.resolveSibling(dir.getFileName() + ".expected.json"));
    System.out.printf("wrote %,d files, %,d bytes, to %s in %.1f s%n", files, bytes, dir, (System.nanoTime() - t0) / 1e9);
  }

  /**
   * Writes the folder: the incident (1 MB, UTC) and {@code files - 3} worker logs of
   * {@code lines} lines each; returns the bytes written.
   */
  public static long generate(Path dir, int files, int lines, long seed, Path expected) throws IOException {
    if (files < 3) {
      throw new IllegalArgumentException("FILES counts the incident's three logs: at least 3");
    }
    long bytes = IncidentGenerator.generate(dir, 1_000_000, seed, ZoneId.of("UTC"), expected);
    SplittableRandom rnd = new SplittableRandom(seed);
    Path workers = dir.resolve("workers");
    Files.createDirectories(workers);
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < files - 3; k++) {
      sb.setLength(0);
      // a stretch of the incident's hours: starts anywhere, a line every 0.1 to 10 s
      long t = FROM + rnd.nextLong(SPAN_MS);
      for (int j = 0; j < lines; j++) {
        t += 100 + rnd.nextInt(9_900);
        sb.append(LocalDateTime.ofEpochSecond(t / 1000, (int) (t % 1000) * 1_000_000, ZoneOffset.UTC).format(TS))
            .append(" - worker.").append(k).append(" - INFO - job ").append(j).append(" of batch ").append(k)
            .append(" finished in ").append(1 + rnd.nextInt(500)).append(" ms\n");
      }
      Path f = workers.resolve(String.format("w%05d.log", k));
      try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
        w.append(sb);
      }
      bytes += sb.length();
    }
    return bytes;
  }
}
