package dev.coroner.cli;

import dev.coroner.CoronerException;
import dev.coroner.ExitStatus;
import dev.coroner.ingest.Warnings;
import dev.coroner.report.Times;
import dev.coroner.search.EventIndex;
import dev.coroner.search.IncidentIndex;
import dev.coroner.search.SearchOrder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.lucene.search.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code coroner search DIR QUERY}: Lucene queries over the folder's timeline. */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = {"Search the merged timeline of an incident folder (Lucene query syntax).",
        "",
        "Fields: text (every line; the default), message (first line), source, file, line, lastLine, level, logger, format, signal, timeKind, seq (position in the timeline), and each captured field by name: port, pid, errno, status, path, exception, method, host ...",
        "",
        "Keyword fields match whole values, ignoring case. Text is split at anything but letters and digits: errno:10061, text:\"Errno 111\", NewConnectionError and 127.0.0.1 all work.",
        "",
        "Times: time:[2025-06-13T22:55 TO 2025-06-13T23:10], bounds in --tz, * for an open end, {} for exclusive bounds. 'time' is exact for timeKind:exact and the estimate for inferred events; earliest/latest hold an inferred event's interval, so 'may have happened between A and B' is latest:[A TO *] AND earliest:[* TO B]. Unknown times match no time range.",
        "",
        "The index is kept in the cache directory (never in the folder) and is rebuilt when a file changes.",
        ""},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:at least one hit", "1:no hit (as grep; --count prints 0)", "2:usage error or malformed query", "3:unreadable folder or index"},
    footerHeading = "%nExamples:%n",
    footer = {"  coroner search DIR 'source:client AND signal:client.connection-reset'",
        "  coroner search DIR 'message:\"startup failed\"'",
        "  coroner search DIR 'signal:server.*'",
        "  coroner search DIR 'errno:111 AND NOT port:80'"})
final class SearchCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The incident's log folder (with --from: the query's first word).")
  Path folder;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "QUERY", description = "The query; several words are joined with spaces.")
  List<String> query = new ArrayList<>();

  @picocli.CommandLine.ArgGroup(exclusive = false, heading = "%nFrom an OpenSearch cluster instead of DIR (then every word is the query):%n")
  ClusterSelection cluster;

  @Mixin FleetOptions fleet;

  @Option(names = "--sort", defaultValue = "time", paramLabel = "ORDER", description = "time (timeline order) or score (relevance). Default: ${DEFAULT-VALUE}.")
  SearchOrder sort;

  @Option(names = {"-C", "--context"}, defaultValue = "0", paramLabel = "N", description = "Show N timeline events before and after each hit.")
  int context;

  @Option(names = "--count", description = "Print only the number of hits.")
  boolean count;

  @Option(names = "--limit", defaultValue = "100", paramLabel = "N", description = "At most N hits (0: all). Default: ${DEFAULT-VALUE}.")
  long limit;

  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text or json. Default: ${DEFAULT-VALUE}.")
  HitFormat format;

  @Option(names = "--incidents", description = "DIR is a folder of reports (diagnose --format json): search their incidents (classification, cause, rule, signal, folder, report, time, text).")
  boolean incidents;

  @Option(names = "--index-dir", paramLabel = "DIR", description = "Where indexes are kept (default: $XDG_CACHE_HOME/coroner/index or ~/.cache/coroner/index).")
  Path indexDir;

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  /** Where output and errors go when picocli did not build this command ({@link PlainSearch}); else the command line's. */
  PrintWriter out;
  PrintWriter err;

  /**
   * The shell's open index of {@code folder}: searched instead of opening the folder's index
   * again, and left open. Null on the command line.
   */
  EventIndex openIndex;

  @Override
  public Integer call() {
    SearchOrder order = sort;
    if (context < 0 || limit < 0) {
      throw CoronerException.usage("--context and --limit take a number of 0 or more");
    }
    Times times = new Times(common.zone());
    Warnings warnings = new Warnings();
    PrintWriter out = spec == null ? this.out : spec.commandLine().getOut();
    PrintWriter err = spec == null ? this.err : spec.commandLine().getErr();
    if (cluster != null) {
      if (incidents) {
        throw CoronerException.usage("--incidents reads a folder of reports, not a cluster: drop --from");
      }
      List<String> words = new ArrayList<>();
      if (folder != null) {
        words.add(folder.toString()); // with --from, the first word is the query's, not a folder
      }
      words.addAll(query);
      if (words.isEmpty()) {
        throw CoronerException.usage("missing QUERY (see 'coroner search --help')");
      }
      query = words;
      dev.coroner.fleet.Cluster c = fleet.cluster(cluster.url);
      dev.coroner.fleet.FleetQuery fq = cluster.query(times);
      dev.coroner.fleet.FleetReader reader = new dev.coroner.fleet.FleetReader(c);
      boolean hostFolders = cluster.host == null && reader.hosts(fq, 2, w -> { }).size() > 1;
      try (dev.coroner.fleet.Spool spool = dev.coroner.fleet.Spool.create(FleetDiagnose.cacheHome())) {
        shown = FleetDiagnose.shown(c, cluster.index, cluster.host);
        FleetDiagnose.read(reader, fq, spool.dir(), hostFolders, warnings::add, cluster.spoolLimit(), err, shown);
        folder = spool.dir();
        if (indexDir == null) {
          indexDir = spool.indexRoot(); // removed with the spool, not left in the index cache
        }
        return search(String.join(" ", query), order, times, warnings, out, err);
      }
    }
    if (folder == null || query.isEmpty()) {
      throw CoronerException.usage((folder == null ? "missing DIR and QUERY" : "missing QUERY") + " (see 'coroner search --help')");
    }
    String q = String.join(" ", query);
    if (incidents) {
      return searchIncidents(q, times, out, err);
    }
    return search(q, order, times, warnings, out, err);
  }

  private int search(String q, SearchOrder order, Times times, Warnings warnings, PrintWriter out, PrintWriter err) {
    boolean own = openIndex == null || cluster != null; // a cluster's spool is another folder
    EventIndex idx = own ? Indexes.open(common.rulesDir(), common.zone(), folder, shown,
        Optional.ofNullable(indexDir), warnings, err) : openIndex;
    try {
      Query parsed = idx.parse(q);
      QueryFields.warnUnknown(parsed, idx.fieldNames(), idx::hasKey, err, shown == null ? "in this folder" : "read from " + shown);
      long total = idx.count(parsed);
      hits = total;
      if (count) {
        out.println(total);
      } else {
        SearchOutput o = new SearchOutput(idx, times, context, order, out, bold());
        if (format == HitFormat.JSON) {
          o.json(shown == null ? folder.toString() : shown, q, parsed, limit, total, warnings.list());
        } else {
          o.text(parsed, limit);
          if (limit > 0 && total > limit) {
            err.printf(Locale.ROOT, "coroner: %,d of %,d hits shown (--limit 0 shows all)%n", limit, total);
          }
        }
      }
    } finally {
      if (own) {
        idx.close();
      }
    }
    out.flush();
    if (format != HitFormat.JSON || count) {
      warnings.list().forEach(w -> err.println("coroner: warning: " + w));
    }
    err.flush();
    return hits == 0 ? ExitStatus.NO_MATCH.code() : 0;
  }

  private long hits;
  /** With --from: the cluster and index the documents were read from (the folder is a temporary spool); else null. */
  private String shown;

  private int searchIncidents(String q, Times times, PrintWriter out, PrintWriter err) {
    try (IncidentIndex idx = IncidentIndex.open(folder, times)) {
      if (count) {
        out.println(idx.count(q)); // all of them: --limit caps what is shown, not what is counted
        out.flush();
        idx.warnings().forEach(w -> err.println("coroner: warning: " + w));
        err.flush();
        return 0;
      }
      List<IncidentIndex.Found> found = idx.search(q, limit == 0 ? 10_000 : (int) Math.min(limit, 10_000));
      if (format == HitFormat.JSON) {
        try {
          new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
              .writeValue(new com.fasterxml.jackson.core.JsonFactory().createGenerator(out)
                  .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET), Map.of("incidents", found));
          out.println();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      } else {
        for (IncidentIndex.Found f : found) {
          out.printf(Locale.ROOT, "%s  %s/%s  (%.2f)  %s#%d  %s%n", f.start(), f.classification(), f.cause(),
              f.confidence(), f.report(), f.number(), f.summary());
        }
      }
      out.flush();
      idx.warnings().forEach(w -> err.println("coroner: warning: " + w));
      if (idx.reportsRead() == 0) {
        err.println("coroner: warning: " + folder + " holds no diagnosis report (write them with 'coroner diagnose DIR --format json -o "
            + folder + "'); nothing to search");
      }
      err.flush();
      return found.isEmpty() ? ExitStatus.NO_MATCH.code() : 0;
    }
  }

  /** Matched words in bold (text output only). */
  private boolean bold() {
    return common.color() && format == HitFormat.TEXT;
  }
}
