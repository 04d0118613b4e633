package dev.coroner.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.coroner.CoronerException;
import dev.coroner.format.Event;
import dev.coroner.format.Source;
import dev.coroner.ingest.Warnings;
import dev.coroner.report.EventJson;
import dev.coroner.report.EventNdjson;
import dev.coroner.report.EventText;
import dev.coroner.report.InputsJson;
import dev.coroner.report.Times;
import dev.coroner.signal.GrepGate;
import dev.coroner.timeline.EventFilter;
import dev.coroner.timeline.Timeline;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coroner timeline DIR}: every log of the folder merged into one time-ordered stream. */
@Command(name = "timeline", mixinStandardHelpOptions = true,
    description = {"Print the merged, time-ordered events of every log in an incident folder. Times marked ~ are inferred (the log had no timestamp); JSON gives their interval."})
final class TimelineCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The incident's log folder, or one log file (or --from URL).")
  Path folder;

  @Option(names = "--from", paramLabel = "URL", description = "Read the logs from this OpenSearch cluster instead of DIR; --host, --since and --until select the documents.")
  String from;

  @Option(names = "--index", defaultValue = "coroner-events", paramLabel = "PATTERN", description = "With --from: the indexes to read (default: ${DEFAULT-VALUE}).")
  String index;

  @Option(names = "--spool-limit", defaultValue = "8g", paramLabel = "SIZE",
      description = "With --from: the most disk the logs read back may take in coroner's cache while they are read (default: ${DEFAULT-VALUE}; k, m, g suffixes).")
  String spoolLimit;

  @Mixin FleetOptions fleet;

  @Option(names = "--format", defaultValue = "text", description = "text, json, ndjson or ecs (one Elastic Common Schema document a line, as 'coroner export' indexes them; docs/ecs.md) (default: ${DEFAULT-VALUE}).")
  TimelineFormat format;

  @Option(names = "--source", split = ",", paramLabel = "SIDE", description = "Only these sides: client, server, launcher, other.")
  List<String> sources = List.of();

  @Option(names = "--level", paramLabel = "LEVEL", description = "Only events at this level or above (DEBUG, INFO, WARNING, ERROR).")
  String level;

  @Option(names = "--since", paramLabel = "TIME", description = "Only events at or after TIME (e.g. 2025-06-13T22:55).")
  String since;

  @Option(names = "--until", paramLabel = "TIME", description = "Only events at or before TIME.")
  String until;

  @Option(names = "--grep", paramLabel = "REGEX", description = "Only events whose text matches (Java regex syntax, case-insensitive).")
  String grep;

  @Option(names = "--signal", split = ",", paramLabel = "NAME", description = "Only events carrying one of these signals (a name or side.*).")
  List<String> signals = List.of();

  @Mixin CommonOptions common;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (from == null) {
      if (folder == null) {
        throw CoronerException.usage("give the incident's log folder DIR, or --from URL (see 'coroner timeline --help')");
      }
      return timeline(null);
    }
    if (folder != null) {
      throw CoronerException.usage("give DIR or --from URL, not both");
    }
    dev.coroner.fleet.Cluster cluster = fleet.cluster(from);
    Times times = new Times(common.zone());
    EventFilter f = filter(times);
    dev.coroner.fleet.FleetQuery q = new dev.coroner.fleet.FleetQuery(index, host, f.since(), f.until());
    dev.coroner.fleet.FleetReader reader = new dev.coroner.fleet.FleetReader(cluster);
    Warnings read = new Warnings();
    boolean hostFolders = host == null && reader.hosts(q, 2, s -> { }).size() > 1;
    try (dev.coroner.fleet.Spool spool = dev.coroner.fleet.Spool.create(FleetDiagnose.cacheHome())) {
      FleetDiagnose.read(reader, q, spool.dir(), hostFolders, read::add, dev.coroner.fleet.Spool.parseSize("--spool-limit", spoolLimit),
          spec.commandLine().getErr(), FleetDiagnose.shown(cluster, index, host));
      folder = spool.dir();
      return timeline(read);
    }
  }

  private Integer timeline(Warnings read) {
    Inputs inputs = Inputs.load(common.rulesDir(), common.zone());
    Times times = new Times(inputs.zone());
    Warnings warnings = new Warnings();
    if (read != null) {
      read.list().forEach(warnings::add);
    }
    PrintWriter out = spec.commandLine().getOut();
    warnUnknownSignals(inputs, spec.commandLine().getErr());
    Gated gated = Gated.of(inputs.signals(), filter(times), grep, signals);
    Predicate<Event> filter = gated.shown();
    try (Timeline t = inputs.open(folder, format == TimelineFormat.JSON, warnings, gated.annotated())) {
      dev.coroner.Faults.check("write");
      switch (format) {
        case TEXT -> {
          EventText text = new EventText(times, Timeline.timeless(t.inputs()));
          while (t.hasNext() && !StdOut.closed()) {
            Event e = t.next();
            if (filter.test(e)) {
              out.println(text.line(e));
            }
          }
          t.notes().forEach(n -> out.println("# note: " + n));
        }
        case JSON, NDJSON -> writeJson(t, filter, times, warnings);
        case ECS -> writeEcs(t, filter, times);
      }
    }
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    if (format != TimelineFormat.JSON) {
      warnings.list().forEach(w -> err.println("coroner: warning: " + w));
    }
    err.flush();
    return 0;
  }

  @Option(names = "--host", paramLabel = "NAME", description = "With --from: only the documents of this host.name. With --format ecs from DIR: the host.name of the documents (default: this machine's name).")
  String host;

  private void writeEcs(Timeline t, Predicate<Event> filter, Times times) {
    PrintWriter out = spec.commandLine().getOut();
    try (dev.coroner.fleet.EcsStream ecs = new dev.coroner.fleet.EcsStream(times,
            host == null ? dev.coroner.fleet.Ecs.localHost() : host, t.inputs());
        JsonGenerator g = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).createGenerator(out)) {
      g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
      while (t.hasNext() && !StdOut.closed()) {
        Event e = t.next();
        if (filter.test(e)) {
          ecs.write(g, e);
        }
      }
      boolean everything = sources.isEmpty() && level == null && since == null && until == null && grep == null && signals.isEmpty();
      if (everything) {
        for (String f : ecs.emptyFiles()) {
          ecs.writeEmptyFile(g, f);
        }
      }
      g.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeJson(Timeline t, Predicate<Event> filter, Times times, Warnings warnings) {
    PrintWriter out = spec.commandLine().getOut();
    if (format == TimelineFormat.NDJSON) {
      EventNdjson nd = new EventNdjson(out, times);
      try {
        while (t.hasNext() && !StdOut.closed()) {
          Event e = t.next();
          if (filter.test(e)) {
            nd.write(e);
          }
        }
        nd.finish();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    try (JsonGenerator g = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("schemaVersion", 1);
      g.writeStringField("folder", from != null ? fleet.cluster(from).shown() + " index " + index : folder.toString().replace('\\', '/'));
      g.writeStringField("timezone", times.zoneName());
      g.writeArrayFieldStart("events");
      while (t.hasNext() && !StdOut.closed()) {
        Event e = t.next();
        if (filter.test(e)) {
          EventJson.write(g, e, times);
        }
      }
      g.writeEndArray();
      g.writeFieldName("inputs");
      InputsJson.write(g, t.inputs(), times);
      g.writeFieldName("notes");
      g.writeArray(t.notes().toArray(new String[0]), 0, t.notes().size());
      g.writeFieldName("warnings");
      String[] all = warnings.list().toArray(new String[0]);
      g.writeArray(all, 0, all.length);
      g.writeEndObject();
      g.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The literal gate (issue 14): {@code annotated}, which records of the second pass are worth
   * annotating (null: all), and {@code shown}, the filter with the --grep gate first. A record
   * that cannot carry a --signal asked for, or whose text lacks every literal the --grep pattern
   * requires, cannot be shown: it is not annotated, and the pattern is not run on it, so the
   * output is the same as without the gate.
   */
  record Gated(Predicate<Event> annotated, Predicate<Event> shown) {
    static Gated of(dev.coroner.signal.Signals all, Predicate<Event> filter, String grep, List<String> signalNames) {
      GrepGate grepGate = grep == null ? null : GrepGate.of(grep);
      Predicate<Event> gate = signalNames.isEmpty() ? null : all.mayCarry(signalNames);
      if (grepGate == null) {
        return new Gated(gate, filter);
      }
      Predicate<Event> text = e -> grepGate.mayMatch(e.text());
      return new Gated(gate == null ? text : text.and(gate), text.and(filter));
    }
  }

  /** A --signal name that no rule defines matches nothing: say so rather than print an empty timeline. */
  private void warnUnknownSignals(Inputs inputs, PrintWriter err) {
    List<String> names = inputs.signals().all().stream().map(dev.coroner.signal.Signal::name).toList();
    for (String s : signals) {
      boolean known = s.endsWith(".*") ? names.stream().anyMatch(n -> n.startsWith(s.substring(0, s.length() - 1)))
          : names.contains(s);
      if (!known) {
        err.println("coroner: warning: --signal " + s + ": no such signal (see 'coroner rules list')");
      }
    }
    err.flush();
  }

  private EventFilter filter(Times times) {
    Set<Source> srcs = EnumSet.noneOf(Source.class);
    try {
      for (String s : sources) {
        srcs.add(Source.of(s));
      }
      return new EventFilter(srcs, Optional.ofNullable(level),
          since == null ? Long.MIN_VALUE : times.parse(since),
          until == null ? Long.MAX_VALUE : times.parse(until),
          Optional.ofNullable(grep).map(EventFilter::compileGrep), signals);
    } catch (IllegalArgumentException e) {
      throw CoronerException.usage(e.getMessage());
    }
  }
}
