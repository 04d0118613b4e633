package dev.coroner.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coroner.Coroner;
import dev.coroner.cli.CoronerCommand;
import dev.coroner.cli.CoronerShell;
import dev.coroner.format.Event;
import dev.coroner.format.Source;
import dev.coroner.search.Folders;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The shell through a pipe and through JLine's dumb terminal, over a real folder. */
class ShellTest {
  @TempDir Path tmp;
  Path folder;
  Path history;
  List<Event> events;
  CoronerShell shell;
  Map<String, String> before;

  @BeforeEach
  void open() {
    folder = Folders.copy(Folders.resource("search/folders/race-condition"), tmp.resolve("evidence"));
    before = Folders.snapshot(folder);
    history = tmp.resolve("cache/shell-history");
    events = Folders.events(folder);
    shell = CoronerShell.open(folder, Optional.empty(), Optional.of("UTC"), Optional.of(tmp.resolve("cache/index")),
        Optional.of(history), new PrintWriter(new StringWriter()));
  }

  @AfterEach
  void close() {
    shell.close();
    assertThat(Folders.snapshot(folder)).as("the evidence folder is untouched").isEqualTo(before);
  }

  private String[] piped(String input) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = shell.shell().runPiped(new BufferedReader(new StringReader(input)), new PrintWriter(out), new PrintWriter(err));
    assertThat(status).isZero();
    return new String[] {out.toString(), err.toString()};
  }

  private Event first(String signal) {
    return events.stream().filter(e -> e.has(signal)).findFirst().orElseThrow();
  }

  @Test
  void helpListsTheCommands() {
    String out = piped("help\n")[0];
    for (String c : List.of("timeline", "search", "show", "context", "rules", "help", "quit")) {
      assertThat(out).contains("  " + c);
    }
    boolean diagnose = CoronerCommand.newCommandLine().getSubcommands().containsKey("diagnose");
    assertThat(out.contains("  diagnose")).isEqualTo(diagnose);
    assertThat(out.contains("  incident")).isEqualTo(diagnose);
  }

  @Test
  void timelineTakesTheFiltersOfTheCommand() {
    String out = piped("timeline --source server\n")[0];
    List<String> expected = events.stream().filter(e -> e.source() == Source.SERVER).map(Event::ref).toList();
    assertThat(out.lines().map(l -> l.substring(l.lastIndexOf("  ") + 2)).toList()).isEqualTo(expected);
  }

  @Test
  void searchCountsAndKeepsQuotedPhrases() {
    long refused = events.stream().filter(e -> e.field("errno").equals("111")).count();
    long complete = events.stream().filter(e -> e.message().contains("startup complete")).count();
    String[] r = piped("search errno:111 --count\nsearch message:\"startup complete\" --count\n"
        + "search --limit 1 source:client AND level:ERROR\n");
    assertThat(r[0].lines().toList()).element(0).isEqualTo(Long.toString(refused));
    assertThat(r[0].lines().toList()).element(1).isEqualTo(Long.toString(complete));
    assertThat(r[0].lines().toList()).element(2).asString().contains("client").contains("ERROR");
    assertThat(r[0].lines()).hasSize(3);
  }

  /**
   * Issue 16, item 3: the shell's search asks the index it holds open. The index root is deleted
   * once the shell is open; a search that opened the folder's index again would rebuild it there
   * (and before, it did, on every query). What each search prints on a JLine terminal is what
   * {@code coroner search} prints for the same words, from an index of its own.
   */
  @Test
  @Timeout(120)
  void searchQueriesTheOpenIndexAndPrintsWhatTheCommandPrints() throws IOException {
    Path root = tmp.resolve("cache/index");
    assertThat(root).isDirectory();
    dev.coroner.FileTrees.deleteQuietly(root);
    assertThat(root).doesNotExist();
    String cliIndex = tmp.resolve("cli-index").toString();
    List<List<String>> searches = List.of( // options, then the query
        List.of("--count", "errno:111"),
        List.of("--limit", "2", "source:client AND level:ERROR"),
        List.of("--context", "1", "--limit", "1", "signal:server.startup-complete"),
        List.of("--sort", "score", "--limit", "3", "refused OR started"),
        List.of("--format", "json", "--limit", "1", "errno:111"));
    StringBuilder input = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (List<String> words : searches) {
      input.append("search ").append(String.join(" ", words)).append('\n'); // the query's words as typed
      List<String> args = new ArrayList<>(List.of("search", folder.toString(), "--tz", "UTC", "--index-dir", cliIndex));
      args.addAll(words.subList(0, words.size() - 1));
      args.add("--");
      args.add(words.get(words.size() - 1));
      Coroner.Cli cli = Coroner.cli(args.toArray(String[]::new));
      assertThat(cli.status()).as("%s", args).isZero();
      assertThat(cli.out()).isNotBlank();
      expected.add(cli.out());
    }
    String out = terminal(input + "search nosuchwordanywhere --count\nquit\n");
    for (String e : expected) {
      assertThat(out).contains(e);
    }
    assertThat(out).contains("coroner> 0\n");
    assertThat(root).as("nothing opened or built the folder's index again").doesNotExist();
  }

  @Test
  void showPrintsTheWholeEvent() {
    Event e = first("server.startup-complete");
    String out = piped("show " + e.ref() + "\n")[0];
    assertThat(out).startsWith(e.ref()).contains("signals: server.startup-complete").contains("| " + e.text().lines().findFirst().get())
        .contains("inferred");
    Event refused = first("client.connection-refused");
    assertThat(piped("show " + refused.ref() + "\n")[0]).contains("errno=111").contains("(exact)");
  }

  @Test
  void diagnoseAndIncidentShowTheVerdictAndItsEvidence() {
    String report = piped("diagnose\n")[0];
    assertThat(report).startsWith("# coroner: race-condition (client-started-before-ready)");
    Event refused = first("client.connection-refused");
    Event ok = first("client.request-ok");
    String incident = piped("incident 1\n")[0];
    assertThat(incident).contains("race-condition / client-started-before-ready").contains(refused.ref()).contains(ok.ref());
    String[] wrong = piped("incident 2\nrules\n");
    assertThat(wrong[1].strip()).contains("incident 2").doesNotContain("\n");
    assertThat(wrong[0]).contains("client.connection-refused");
  }

  @Test
  void contextShowsTheNeighbours() {
    Event e = first("server.process-started");
    int at = events.indexOf(e);
    List<String> lines = piped("context " + e.ref() + " 2\n")[0].lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(2)).startsWith("> ").endsWith(e.ref());
    assertThat(lines.get(0)).endsWith(events.get(at - 2).ref());
    assertThat(lines.get(4)).endsWith(events.get(at + 2).ref());
  }

  @Test
  void rulesListsEverySignal() {
    String out = piped("rules\n")[0];
    assertThat(out).contains("client.connection-refused").contains("server.startup-failed").contains("launcher.ready");
  }

  @Test
  void anErrorNeverEndsTheLoopAndQuitDoes() {
    String[] r = piped("bogus\nsearch message:(\nshow nowhere\nshow logs/uvicorn_server.log:99999\ncontext x:1 many\n"
        + "timeline --level LOUD\nsearch errno:111 --count\nquit\nsearch errno:111 --count\n");
    List<String> errors = r[1].lines().toList();
    assertThat(errors).hasSize(6).allSatisfy(l -> assertThat(l).startsWith("coroner: ").doesNotContain("Exception"));
    assertThat(errors.get(0)).contains("unknown command 'bogus'");
    assertThat(errors.get(1)).contains("bad query");
    assertThat(r[1]).doesNotContain("\tat ");
    assertThat(r[0].lines()).hasSize(1); // the count before quit, not the one after
  }

  @Test
  void blankLinesAndCommentsAreSkippedAndEndOfInputEnds() {
    String[] r = piped("\n   \n# a comment\nsearch errno:111 --count");
    assertThat(r[0].lines()).hasSize(1);
    assertThat(r[1]).isEmpty();
  }

  private String terminal(String input) throws IOException {
    return terminal(input, 0);
  }

  private String terminal(String input, int height) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Terminal t = new DumbTerminal("test", Terminal.TYPE_DUMB,
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, StandardCharsets.UTF_8)) {
      // As on a real tty, Ctrl-C raises SIGINT rather than arriving as a character.
      Attributes a = t.getAttributes();
      a.setLocalFlag(Attributes.LocalFlag.ISIG, true);
      a.setControlChar(Attributes.ControlChar.VINTR, 3);
      t.setAttributes(a);
      if (height > 0) {
        t.setSize(new org.jline.terminal.Size(120, height));
      }
      assertThat(shell.shell().runTerminal(t)).isZero();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  @Timeout(60)
  void dumbTerminalRunsCommandsAndKeepsHistory() throws IOException {
    long refused = events.stream().filter(e -> e.field("errno").equals("111")).count();
    String out = terminal("search errno:111 --count\nrules\nquit\n");
    assertThat(out).contains("coroner shell on").contains("coroner> ").contains("coroner> " + refused + "\n")
        .contains("client.connection-refused");
    assertThat(Files.readString(history)).contains("search errno:111 --count").contains("rules");
    String again = terminal("show " + first("server.startup-complete").ref() + "\nexit\n");
    assertThat(again).contains("signals: server.startup-complete");
    assertThat(Files.readString(history)).contains("search errno:111 --count").contains("show ");
    assertThat(history.startsWith(folder)).isFalse();
  }

  /**
   * The shell calls the engine (no second command line, no JSON read back) and keeps its
   * diagnosis; what it prints on a JLine terminal is what {@code coroner diagnose} prints, and
   * {@code incident 1} says what the JSON contract says of incident 1 (read here from the
   * command's JSON, line by line as a person would read it off the contract).
   */
  @Test
  @Timeout(120)
  void diagnoseAndIncidentOnATerminalAnswerAsTheDiagnoseCommand() throws IOException {
    Coroner.Cli json = Coroner.cli("diagnose", folder.toString(), "--tz", "UTC", "--format", "json");
    Coroner.Cli markdown = Coroner.cli("diagnose", folder.toString(), "--tz", "UTC", "-o", "-");
    assertThat(json.status()).isZero();
    assertThat(markdown.status()).isZero();
    String out = terminal("diagnose --format json\ndiagnose\nincident 1\nquit\n");
    assertThat(out).contains(json.out()).contains(markdown.out());

    JsonNode incidents = new ObjectMapper().readTree(json.out()).path("incidents");
    assertThat(incidents.size()).isGreaterThanOrEqualTo(1);
    JsonNode i = incidents.get(0);
    List<String> expected = new ArrayList<>();
    expected.add("#1 " + i.path("classification").asText() + " / " + i.path("cause").asText() + " (confidence "
        + i.path("confidence").asText() + ", rule " + i.path("rule").asText() + ")");
    expected.add("   " + i.path("start").asText() + " .. " + i.path("end").asText());
    expected.add("   " + i.path("summary").asText());
    for (JsonNode e : i.path("evidence")) {
      expected.add("   " + (e.path("timeInferred").asBoolean() ? "~" : " ") + e.path("time").asText() + "  "
          + e.path("signal").asText() + "  " + e.path("file").asText() + ":" + e.path("line").asText() + "  "
          + e.path("text").asText().lines().findFirst().orElse(""));
    }
    i.path("recommendations").forEach(r -> expected.add("   -> " + r.asText()));
    assertThat(i.path("evidence").size()).isGreaterThan(1);
    assertThat(out).contains(String.join("\n", expected) + "\n");
    assertThat(out).contains("race-condition / client-started-before-ready");

    StringWriter err = new StringWriter();
    var d = shell.diagnosis(new PrintWriter(err));
    assertThat(shell.diagnosis(new PrintWriter(err))).as("the diagnosis is kept, not made again").isSameAs(d);
    assertThat(d.verdict().classification()).isEqualTo(i.path("classification").asText());
  }

  @Test
  void diagnoseInTheShellRefusesWhatItDoesNotTake() {
    String[] r = piped("diagnose --format xml\ndiagnose --tz UTC\ndiagnose -o\n");
    assertThat(r[1].lines().toList()).containsExactly(
        "coroner: --format must be markdown or json, not 'xml'",
        "coroner: diagnose takes --format, -o and --verbose, not '--tz' (--rules and --tz are the shell's: coroner shell DIR --rules ...)",
        "coroner: -o needs a value (diagnose [--format markdown|json] [-o FILE])");
    assertThat(r[0]).isEmpty();
  }

  @Test
  @Timeout(60)
  void longOutputIsPagedAndQSkipsTheRest() throws IOException {
    long client = events.stream().filter(e -> e.source() == Source.CLIENT).count();
    assertThat(client).isGreaterThan(12);
    long refused = events.stream().filter(e -> e.field("errno").equals("111")).count();
    String out = terminal("search source:client --limit 0\n qsearch errno:111 --count\nquit\n", 6);
    assertThat(out).contains("--More--");
    assertThat(out.lines().map(l -> l.replace("coroner> ", "").strip())).contains(Long.toString(refused)); // ran after q
    long shown = out.lines().filter(l -> l.endsWith(".log:" + l.substring(l.lastIndexOf(':') + 1))
        && l.contains(" client ")).count();
    assertThat(shown).isEqualTo(10); // two pages of five lines, then q
  }

  @Test
  @Timeout(60)
  void ctrlCIsIgnored() throws IOException {
    String out = terminal("\u0003rules\nquit\n");
    assertThat(out).contains("client.connection-refused");
  }

  private List<String> complete(String line) {
    var parsed = new DefaultParser().parse(line, line.length());
    List<Candidate> cs = new ArrayList<>();
    shell.shell().completer().complete(null, parsed, cs);
    return cs.stream().map(Candidate::value).toList();
  }

  @Test
  void completionOffersCommandsOptionsFieldsAndSignals() {
    assertThat(complete("")).contains("timeline", "search", "show", "context", "rules", "help", "quit");
    assertThat(complete("se")).contains("search");
    assertThat(complete("timeline --")).contains("--source", "--level", "--since", "--until", "--grep", "--signal");
    assertThat(complete("search --")).contains("--count", "--context", "--limit", "--sort", "--format");
    assertThat(complete("timeline --signal ")).contains("client.connection-refused", "server.startup-complete", "server.*");
    assertThat(complete("timeline --source ")).containsExactly("client", "server", "launcher", "other");
    assertThat(complete("search sig")).contains("signal:", "source:", "time:", "message:", "text:", "errno:", "port:", "path:");
    assertThat(complete("search errno:111 AND signal:cl")).contains("signal:client.connection-refused", "signal:client.*");
    assertThat(complete("search timeKind:")).containsExactly("timeKind:exact", "timeKind:inferred", "timeKind:unknown");
    assertThat(complete("show ")).isEmpty();
  }
}
