package dev.coroner.cli;

import dev.coroner.CoronerException;
import dev.coroner.ExitStatus;
import dev.coroner.diagnose.Diagnoses;
import dev.coroner.diagnose.Diagnosis;
import dev.coroner.fleet.Cluster;
import dev.coroner.fleet.FleetQuery;
import dev.coroner.fleet.FleetReader;
import dev.coroner.fleet.Spool;
import dev.coroner.ingest.Warnings;
import dev.coroner.report.Times;
import dev.coroner.search.IndexStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** {@code diagnose --from URL [--by host.name]}: the logs read back from a cluster, through the same pipeline as a folder. */
final class FleetDiagnose {
  /** How many hosts {@code --by} diagnoses at most. */
  static final int MAX_HOSTS = 1000;

  private FleetDiagnose() {}

  static Path cacheHome() {
    return IndexStore.cacheHome(System.getenv(), System.getProperty("user.home"));
  }

  /** A report's base name for an index pattern and a host: letters, digits, '.', '_', '-'. */
  static String reportName(String index, String host) {
    String n = index + (host == null ? "" : "-" + host);
    return n.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[.-]+", "");
  }

  static int run(DiagnoseCommand c) {
    DiagnoseCommand.FromCluster f = c.cluster;
    Cluster cluster = c.fleet.cluster(f.url);
    Inputs inputs = Inputs.load(c.common.rulesDir(), c.common.zone());
    Diagnoses diagnoses = DiagnoseCommand.diagnoses(inputs);
    Times times = new Times(inputs.zone());
    FleetQuery q = f.query(times);
    FleetReader reader = new FleetReader(cluster);
    if (f.by != null) {
      return byHost(c, f, cluster, reader, q, inputs, diagnoses, times);
    }
    Warnings warnings = new Warnings();
    boolean hostFolders = f.host == null && reader.hosts(q, 2, s -> { }).size() > 1;
    try (Spool spool = Spool.create(cacheHome())) {
      FleetReader.Spooled got = read(reader, q, spool.dir(), hostFolders, warnings::add, f.spoolLimit(),
          c.spec.commandLine().getErr(), shown(cluster, f.index, f.host));
      if (got.documents() == 0) {
        throw CoronerException.badInput("no document in " + f.index + " at " + cluster.shown() + " matches"
            + (f.host == null ? "" : " host.name " + f.host) + (f.since == null && f.until == null ? "" : " in the --since/--until window"));
      }
      String shown = shown(cluster, f.index, f.host);
      Diagnosis d = c.diagnose(spool.dir(), shown, inputs, diagnoses, warnings);
      return c.report(d, spool.dir(), shown, reportName(f.index, f.host), times);
    }
  }

  /** Reads the documents {@code q} selects into {@code dir}, with a progress line on a terminal (as export's). */
  static FleetReader.Spooled read(FleetReader reader, FleetQuery q, Path dir, boolean hostFolders, Consumer<String> warn,
      long spoolLimit, PrintWriter err, String shown) {
    ProgressLine line = ProgressLine.onTerminal(err);
    try {
      return reader.spool(q, dir, hostFolders, warn, spoolLimit, (docs, total) -> line.show(progress(shown, docs, total)));
    } finally {
      line.clear();
    }
  }

  /** The progress line of a read: a percentage of the documents the query selects, when the cluster counted them. */
  static String progress(String shown, long docs, long total) {
    return total > 0
        ? String.format(Locale.ROOT, "coroner: reading %s: %d%% (%,d of %,d documents)", shown, Math.min(100, docs * 100 / total), docs, total)
        : String.format(Locale.ROOT, "coroner: reading %s: %,d documents", shown, docs);
  }

  static String shown(Cluster cluster, String index, String host) {
    return cluster.shown() + " index " + index + (host == null ? "" : " host " + host);
  }

  private record HostResult(String host, Diagnosis diagnosis, Spool spool) {}

  private static int byHost(DiagnoseCommand c, DiagnoseCommand.FromCluster f, Cluster cluster, FleetReader reader,
      FleetQuery q, Inputs inputs, Diagnoses diagnoses, Times times) {
    if (!f.by.equals("host.name")) {
      throw CoronerException.usage("--by " + f.by + ": only host.name is supported");
    }
    if (f.host != null) {
      throw CoronerException.usage("--by host.name and --host together make one host: drop one of them");
    }
    if ("-".equals(c.output) || (c.format == ReportFormat.JSON && c.output == null)) {
      throw CoronerException.usage("--by writes one report per host: give -o DIR (or leave -o out for markdown reports in ./reports), not stdout");
    }
    if (f.parallel < 1 || f.parallel > 32) {
      throw CoronerException.usage("--parallel must be between 1 and 32, not " + f.parallel);
    }
    PrintWriter err = c.spec.commandLine().getErr();
    long limit = f.spoolLimit();
    List<String> shared = new ArrayList<>();
    List<String> hosts = reader.hosts(q, MAX_HOSTS, shared::add);
    if (hosts.isEmpty()) {
      throw CoronerException.badInput("no document with a host.name in " + f.index + " at " + cluster.shown() + " matches");
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(f.parallel, hosts.size()), r -> {
      Thread t = new Thread(r, "coroner-host");
      t.setDaemon(true);
      return t;
    });
    List<Future<HostResult>> futures = new ArrayList<>();
    List<HostResult> results = new ArrayList<>();
    try {
      for (String h : hosts) {
        futures.add(pool.submit(() -> {
          Spool spool = Spool.create(cacheHome());
          try {
            Warnings w = new Warnings();
            shared.forEach(w::add);
            reader.spool(q.withHost(h), spool.dir(), false, w::add, limit, (d, t) -> { });
            Diagnosis d = c.diagnoseQuietly(spool.dir(), inputs, diagnoses, w);
            return new HostResult(h, d, spool);
          } catch (RuntimeException e) {
            spool.close();
            throw e;
          }
        }));
      }
      for (Future<HostResult> fu : futures) {
        try {
          results.add(fu.get());
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException re) {
            throw re;
          }
          throw CoronerException.internal("a host's diagnosis failed", e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CoronerException(130, "interrupted");
        }
      }
      List<String[]> rows = new ArrayList<>();
      boolean any = false;
      for (HostResult r : results) {
        int code = c.report(r.diagnosis(), r.spool().dir(), shown(cluster, f.index, r.host()), reportName(f.index, r.host()), times);
        any |= code != ExitStatus.NO_LOG.code();
        var v = r.diagnosis().verdict();
        rows.add(new String[] {r.host(), v.classification(), v.cause(), String.format(Locale.ROOT, "%.2f", v.confidence()),
            c.lastWritten == null ? "-" : DiagnoseCommand.shownPath(c.lastWritten)});
      }
      PrintWriter out = c.spec.commandLine().getOut();
      out.print(table(rows));
      out.flush();
      err.flush();
      return any ? 0 : ExitStatus.NO_LOG.code();
    } finally {
      pool.shutdownNow();
      results.forEach(r -> r.spool().close());
      for (Future<HostResult> fu : futures) {
        if (fu.isDone() && !fu.isCancelled()) {
          try {
            fu.get().spool().close();
          } catch (ExecutionException | InterruptedException | RuntimeException e) {
            // closed above, or never made
          }
        }
      }
    }
  }

  /** A markdown table: host, verdict, cause, confidence, report. */
  static String table(List<String[]> rows) {
    String[] head = {"host", "verdict", "cause", "confidence", "report"};
    int[] w = new int[head.length];
    for (int i = 0; i < head.length; i++) {
      w[i] = head[i].length();
      for (String[] r : rows) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, head, w);
    String[] dashes = new String[head.length];
    for (int i = 0; i < head.length; i++) {
      dashes[i] = "-".repeat(w[i]);
    }
    line(sb, dashes, w);
    rows.forEach(r -> line(sb, r, w));
    return sb.toString();
  }

  private static void line(StringBuilder sb, String[] cells, int[] w) {
    sb.append('|');
    for (int i = 0; i < cells.length; i++) {
      sb.append(' ').append(cells[i]).append(" ".repeat(w[i] - cells[i].length())).append(" |");
    }
    sb.append('\n');
  }
}
