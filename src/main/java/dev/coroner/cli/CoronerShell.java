package dev.coroner.cli;

import dev.coroner.CoronerException;
import dev.coroner.diagnose.Diagnosis;
import dev.coroner.diagnose.Evidence;
import dev.coroner.diagnose.Incident;
import dev.coroner.format.Event;
import dev.coroner.format.TimeKind;
import dev.coroner.ingest.Warnings;
import dev.coroner.report.Times;
import dev.coroner.search.EventIndex;
import dev.coroner.search.IndexSchema;
import dev.coroner.search.SearchOrder;
import dev.coroner.shell.Explorer;
import dev.coroner.shell.Shell;
import dev.coroner.shell.ShellVerb;
import dev.coroner.shell.ShellCompleter;
import dev.coroner.shell.Words;
import dev.coroner.signal.Signal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The shell's verbs over one folder. {@code diagnose} and {@code incident} call the engine once
 * and keep its {@link Diagnosis}: both read that object, written out as {@code coroner diagnose}
 * writes it ({@link Diagnostician}). {@code timeline} and {@code search} run the real subcommands
 * with the shell's folder and options put in, so they parse and behave exactly as on the command
 * line; completion offers their options. {@code search} queries the index the shell holds open
 * (never opened again per query), as do {@code show} and {@code context}.
 */
public final class CoronerShell implements AutoCloseable {
  /** Options of search that take a value: the rest of a search line is the query. */
  private static final Set<String> SEARCH_VALUED = Set.of("--sort", "--context", "-C", "--limit", "--format", "--color");
  private final Path folder;
  private final List<String> common;
  private final List<String> searchCommon;
  private final EventIndex index;
  private final Inputs inputs;
  private final Times times;
  private final Shell shell;
  /** The folder's diagnosis, made by the first diagnose or incident and kept. */
  private Diagnosis diagnosis;

  private CoronerShell(Path folder, List<String> common, List<String> searchCommon, Inputs inputs, EventIndex index,
      Optional<Path> history) {
    this.folder = folder;
    this.common = List.copyOf(common);
    this.searchCommon = List.copyOf(searchCommon);
    this.inputs = inputs;
    this.index = index;
    this.times = new Times(inputs.zone());
    Explorer explorer = new Explorer(index, times);
    CommandLine tree = CoronerCommand.newCommandLine();
    List<ShellVerb> cmds = new ArrayList<>();
    cmds.add(new ShellVerb("timeline", "[--source S] [--level L] [--since T] [--until T] [--grep RE] [--signal N]",
        "the merged timeline, filtered as 'coroner timeline' filters it", options(tree, "timeline"),
        (args, out, err) -> run(List.of("timeline", folder.toString()), Words.unquote(args), common, out, err)));
    cmds.add(new ShellVerb("search", "QUERY [--count] [--context N] [--limit N] [--sort time|score]",
        "Lucene query over the timeline (see 'coroner search --help')", options(tree, "search"),
        (args, out, err) -> search(args, out, err)));
    cmds.add(new ShellVerb("diagnose", "[--format markdown|json] [-o FILE]", "the diagnosis of the folder",
        List.of("--format", "--output", "--verbose"), (args, out, err) -> diagnose(Words.unquote(args), out, err)));
    cmds.add(new ShellVerb("incident", "N", "incident N of the diagnosis, with its evidence", List.of(),
        (args, out, err) -> incident(args, out, err)));
    cmds.add(new ShellVerb("show", "FILE:LINE", "the whole event written there, with its fields", List.of(),
        (args, out, err) -> explorer.show(args, out)));
    cmds.add(new ShellVerb("context", "FILE:LINE [N]", "N events before and after it in the timeline", List.of(),
        (args, out, err) -> explorer.context(args, out)));
    cmds.add(new ShellVerb("rules", "", "the signals in effect", List.of(), (args, out, err) -> rules(out)));
    List<String> names = new ArrayList<>();
    cmds.forEach(c -> names.add(c.name()));
    names.addAll(List.of("help", "quit", "exit"));
    List<String> signals = new ArrayList<>();
    inputs.signals().all().forEach(s -> signals.add(s.name()));
    List<String> signalPatterns = new ArrayList<>(signals);
    new TreeSet<>(signals.stream().map(s -> s.substring(0, s.indexOf('.')) + ".*").toList()).forEach(signalPatterns::add);
    List<String> sources = List.of("client", "server", "launcher", "other");
    List<String> levels = List.of("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL");
    Map<String, List<String>> optionValues = new LinkedHashMap<>();
    optionValues.put("--signal", signalPatterns);
    optionValues.put("--source", sources);
    optionValues.put("--level", levels);
    optionValues.put("--sort", Choice.spellings(SearchOrder.class));
    Map<String, List<String>> fieldValues = Map.of(IndexSchema.SIGNAL, signalPatterns, IndexSchema.SOURCE, sources,
        IndexSchema.LEVEL, levels, IndexSchema.TIME_KIND, List.of("exact", "inferred", "unknown"));
    Map<String, List<String>> options = new LinkedHashMap<>();
    cmds.forEach(c -> options.put(c.name(), c.options()));
    ShellCompleter completer = new ShellCompleter(() -> names, options, optionValues,
        () -> List.copyOf(index.fieldNames()), fieldValues);
    this.shell = new Shell(cmds, completer, history, "coroner shell on " + folder + " (" + index.events()
        + " events); help lists the commands, Ctrl-D leaves");
  }

  /**
   * A shell over {@code folder}; opens (or builds) its index first.
   *
   * @param common the --rules/--tz options to pass on to every command, as words
   */
  public static CoronerShell open(Path folder, Optional<Path> rules, Optional<String> tz, Optional<Path> indexDir,
      Optional<Path> history, PrintWriter err) {
    CommonOptions opts = new CommonOptions();
    opts.rules = rules.orElse(null);
    opts.tz = tz.orElse(null);
    Inputs inputs = Inputs.load(opts.rulesDir(), opts.zone());
    Warnings warnings = new Warnings();
    EventIndex index = Indexes.open(opts.rulesDir(), opts.zone(), folder, indexDir, warnings, err);
    warnings.list().forEach(w -> err.println("coroner: warning: " + w));
    err.flush();
    List<String> common = new ArrayList<>();
    rules.ifPresent(r -> common.addAll(List.of("--rules", r.toString())));
    tz.ifPresent(z -> common.addAll(List.of("--tz", z)));
    List<String> searchCommon = new ArrayList<>(common);
    indexDir.ifPresent(d -> searchCommon.addAll(List.of("--index-dir", d.toString())));
    return new CoronerShell(folder, common, searchCommon, inputs, index, history);
  }

  public Shell shell() {
    return shell;
  }

  private static List<String> options(CommandLine tree, String name) {
    CommandLine sub = tree.getSubcommands().get(name);
    List<String> out = new ArrayList<>();
    if (sub != null) {
      for (OptionSpec o : sub.getCommandSpec().options()) {
        if (!o.hidden() && !o.longestName().equals("--index-dir")) {
          out.add(o.longestName());
        }
      }
    }
    return out;
  }

  private void search(List<String> args, PrintWriter out, PrintWriter err) {
    List<String> options = new ArrayList<>();
    List<String> query = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (SEARCH_VALUED.contains(a) && i + 1 < args.size()) {
        options.add(a);
        options.add(Words.unquote(args.get(++i)));
      } else if (a.startsWith("--") && !a.contains(":")) {
        options.add(a);
      } else {
        query.add(a);
      }
    }
    if (query.isEmpty()) {
      throw CoronerException.usage("usage: search QUERY (e.g. search errno:111 AND source:client)");
    }
    options.add("--");
    options.add(String.join(" ", query));
    // the command's own parsing and output, over the index this shell holds open
    SearchCommand command = new SearchCommand();
    command.openIndex = index;
    execute(CoronerCommand.newCommandLine("search", command), words(List.of("search", folder.toString()), options,
        searchCommon), out, err);
  }

  /** Runs a subcommand of the real tree; its errors are its own one-line messages. */
  private static int run(List<String> head, List<String> args, List<String> common, PrintWriter out, PrintWriter err) {
    String[] all = words(head, args, common);
    return execute(CoronerCommand.newCommandLine(all), all, out, err);
  }

  /** {@code head}, the options of {@code args}, {@code common}, then what follows {@code --} in {@code args}. */
  private static String[] words(List<String> head, List<String> args, List<String> common) {
    List<String> all = new ArrayList<>(head);
    int dashes = args.indexOf("--");
    all.addAll(dashes < 0 ? args : args.subList(0, dashes));
    all.addAll(common);
    if (dashes >= 0) {
      all.addAll(args.subList(dashes, args.size()));
    }
    return all.toArray(String[]::new);
  }

  private static int execute(CommandLine cl, String[] words, PrintWriter out, PrintWriter err) {
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(words);
  }

  /** The folder's diagnosis, made by the engine on first use and kept (progress goes to {@code err}). */
  public Diagnosis diagnosis(PrintWriter err) {
    if (diagnosis == null) {
      diagnosis = Diagnostician.diagnose(inputs, folder, err);
    }
    return diagnosis;
  }

  /**
   * {@code diagnose [--format markdown|json] [-o FILE] [--verbose]}: the report as
   * {@code coroner diagnose} writes it; in the shell it is read, not filed, so it goes to the
   * screen unless -o says where.
   */
  private void diagnose(List<String> args, PrintWriter out, PrintWriter err) {
    ReportFormat format = ReportFormat.MARKDOWN;
    String output = "-";
    boolean verbose = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : null;
      String name = value == null ? a : a.substring(0, a.indexOf('='));
      switch (name) {
        case "--format", "-o", "--output" -> {
          if (value == null) {
            if (i + 1 >= args.size()) {
              throw CoronerException.usage(name + " needs a value (diagnose [--format markdown|json] [-o FILE])");
            }
            value = args.get(++i);
          }
          if (name.equals("--format")) {
            format = Choice.parse(ReportFormat.class, "--format", value);
          } else {
            output = value;
          }
        }
        case "-v", "--verbose" -> verbose = true;
        default -> throw CoronerException.usage("diagnose takes --format, -o and --verbose, not '" + a
            + "' (--rules and --tz are the shell's: coroner shell DIR --rules ...)");
      }
    }
    Diagnosis d = diagnosis(err);
    String text = Diagnostician.render(d, format, times, folder);
    boolean toStdout = output.equals("-");
    Path written = null;
    if (toStdout) {
      out.print(text);
      out.flush();
    } else {
      String ext = format == ReportFormat.JSON ? ".json" : ".md";
      written = OutputFile.write(Path.of(output), DiagnoseCommand.reportName(folder) + ext, text, folder);
    }
    if (!(format == ReportFormat.JSON && toStdout)) {
      Diagnostician.summariseWarnings(d.warnings(), verbose, err);
    }
    if (!Diagnostician.recognised(d)) {
      err.println(Diagnostician.notRecognised(d, folder));
    }
    if (written != null) {
      err.println("coroner: report written to " + DiagnoseCommand.shownPath(written));
      err.println("coroner: " + d.verdict().classification() + " (" + d.verdict().cause() + "): " + d.verdict().summary());
    }
  }

  /** {@code incident N}: the N-th incident of the kept diagnosis, its evidence and what to do. */
  private void incident(List<String> args, PrintWriter out, PrintWriter err) {
    int n;
    try {
      n = Integer.parseInt(args.isEmpty() ? "" : args.get(0));
    } catch (NumberFormatException e) {
      throw CoronerException.usage("usage: incident N (1 is the first incident of the diagnosis)");
    }
    List<Incident> incidents = diagnosis(err).incidents();
    if (n < 1 || n > incidents.size()) {
      throw CoronerException.usage("incident " + n + ": the diagnosis has " + incidents.size() + " incident(s)");
    }
    Incident i = incidents.get(n - 1);
    out.println("#" + n + " " + i.classification() + " / " + i.cause() + " (confidence " + i.confidence() + ", rule " + i.rule() + ")");
    out.println("   " + times.iso(i.start()) + " .. " + times.iso(i.end()));
    out.println("   " + i.summary());
    for (Evidence ev : i.evidence()) {
      Event e = ev.event();
      out.println("   " + (e.timeKind() != TimeKind.EXACT ? "~" : " ") + times.iso(e.time()) + "  " + ev.signal() + "  "
          + e.file() + ":" + e.line() + "  " + e.text().lines().findFirst().orElse(""));
    }
    for (String r : i.recommendations()) {
      out.println("   -> " + r);
    }
  }

  private void rules(PrintWriter out) {
    for (Signal s : inputs.signals().all()) {
      out.printf("  %-36s %-8s %s%n", s.name(), s.role().name().toLowerCase(Locale.ROOT), s.title());
    }
  }

  @Override
  public void close() {
    index.close();
  }
}
