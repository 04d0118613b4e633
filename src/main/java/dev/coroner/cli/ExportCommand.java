package dev.coroner.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.coroner.fleet.Cluster;
import dev.coroner.fleet.Ecs;
import dev.coroner.fleet.EcsStream;
import dev.coroner.fleet.Exporter;
import dev.coroner.format.Event;
import dev.coroner.ingest.Warnings;
import dev.coroner.report.Times;
import dev.coroner.timeline.Timeline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coroner export DIR --to URL}: the folder's merged timeline into OpenSearch, one ECS document per event. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Write the merged timeline of an incident folder to OpenSearch through the bulk API, one ECS document per event (docs/ecs.md), so that 'coroner diagnose --from URL' and a team's dashboards read it. Exporting again replaces the documents (ids come from host, file, line and text): no duplicates.",
        "Credentials come from the environment or --credentials FILE, never from the command line."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every event was written",
      "2:usage error",
      "3:DIR unreadable or invalid rules",
      "7:the cluster cannot be reached (refused, timeout, TLS)",
      "8:the cluster refused the credentials (401/403)",
      "9:the cluster refused documents, or kept answering 429/5xx after the retries; the message says how many were written"})
final class ExportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "The incident's log folder.")
  Path folder;

  @Option(names = "--to", required = true, paramLabel = "URL", description = "The cluster, e.g. http://127.0.0.1:9200 or https://search.example:9200.")
  String to;

  @Option(names = "--index", defaultValue = "coroner-events", paramLabel = "NAME", description = "The index to write to (default: ${DEFAULT-VALUE}); coroner's index template is installed for it when it does not exist yet.")
  String index;

  @Option(names = "--host", paramLabel = "NAME", description = "The host.name of the documents: the host the logs come from (default: this machine's name).")
  String host;

  @Option(names = "--retries", defaultValue = "6", paramLabel = "N", description = "How often a batch answered 429 or 5xx is sent again, with a backoff from 250 ms doubling to 8 s (default: ${DEFAULT-VALUE}).")
  int retries;

  @Mixin FleetOptions fleet;

  @Mixin CommonOptions common;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    common.color();
    if (retries < 0 || retries > 20) {
      throw dev.coroner.CoronerException.usage("--retries must be between 0 and 20, not " + retries);
    }
    Exporter.checkIndexName(index);
    Cluster cluster = fleet.cluster(to);
    Inputs inputs = Inputs.load(common.rulesDir(), common.zone());
    Times times = new Times(inputs.zone());
    Warnings warnings = new Warnings();
    PrintWriter err = spec.commandLine().getErr();
    ProgressLine line = ProgressLine.onTerminal(err);
    long events = 0;
    long empties = 0;
    long written;
    long retried;
    String hostName = host == null ? Ecs.localHost() : host;
    try (Timeline t = inputs.open(folder, false, warnings)) {
      long total = t.totalLines();
      long[] read = {0};
      t.onProgress(lines -> read[0] = lines);
      try (Exporter exporter = new Exporter(cluster, index, retries, done -> line.show(String.format(Locale.ROOT,
          "coroner: exporting %s: %d%% (%,d documents written, %,d of %,d lines read)", folder,
          total == 0 ? 0 : Math.min(100, read[0] * 100 / total), done, read[0], total)))) {
        exporter.prepare();
        JsonFactory json = new JsonFactory();
        ByteArrayOutputStream buf = new ByteArrayOutputStream(4096);
        try (EcsStream ecs = new EcsStream(times, hostName, t.inputs())) {
          while (t.hasNext()) {
            Event e = t.next();
            exporter.add(ecs.id(e), document(json, buf, g -> ecs.write(g, e)));
            events++;
          }
          for (String f : ecs.emptyFiles()) {
            exporter.add(ecs.emptyFileId(f), document(json, buf, g -> ecs.writeEmptyFile(g, f)));
            empties++;
          }
        }
        written = exporter.finish();
        retried = exporter.retried();
      }
      cluster.send("POST", "/" + index + "/_refresh", null);
    } finally {
      line.clear();
    }
    warnings.list().forEach(w -> err.println("coroner: warning: " + w));
    err.println("coroner: exported " + (written - empties) + " of " + events + " events"
        + (empties == 0 ? "" : " (and " + empties + (empties == 1 ? " empty file" : " empty files") + ")") + " of " + folder.toString().replace('\\', '/')
        + " to " + cluster.shown() + " index " + index + " (host.name " + hostName + ")"
        + (retried == 0 ? "" : "; " + retried + (retried == 1 ? " request was" : " requests were") + " sent again after HTTP 429 or 5xx"));
    err.flush();
    return 0;
  }

  /** What writes one document with a generator. */
  private interface DocumentWriter {
    void write(JsonGenerator g) throws IOException;
  }

  /** One document's bytes, written through {@code buf} (reset first, reused between documents). */
  private static byte[] document(JsonFactory json, ByteArrayOutputStream buf, DocumentWriter writer) {
    buf.reset();
    try (JsonGenerator g = json.createGenerator(buf)) {
      writer.write(g);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return buf.toByteArray();
  }
}
