package dev.coroner.shell;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: the command in the first word; then the command's options, the values an
 * option takes ({@code --signal}, {@code --source}, {@code --level}, ...), and in a query, field
 * names (offered as {@code field:}) and, after {@code signal:}, {@code source:}, {@code level:} or
 * {@code timeKind:}, their values.
 */
public final class ShellCompleter implements Completer {
  private final Supplier<List<String>> commands;
  private final Map<String, List<String>> options;
  private final Map<String, List<String>> optionValues;
  private final Supplier<? extends Collection<String>> fields;
  private final Map<String, List<String>> fieldValues;

  /**
   * @param commands the command names
   * @param options each command's option names
   * @param optionValues the values each option takes (e.g. --signal: the signal names)
   * @param fields the field names a query can use
   * @param fieldValues the values offered after {@code field:} (signal, source, level, timeKind)
   */
  public ShellCompleter(Supplier<List<String>> commands, Map<String, List<String>> options,
      Map<String, List<String>> optionValues, Supplier<? extends Collection<String>> fields,
      Map<String, List<String>> fieldValues) {
    this.commands = commands;
    this.options = Map.copyOf(options);
    this.optionValues = Map.copyOf(optionValues);
    this.fields = fields;
    this.fieldValues = Map.copyOf(fieldValues);
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    candidates.addAll(candidates(line.words(), line.wordIndex(), line.word().substring(0, Math.min(line.word().length(), line.wordCursor()))));
  }

  /** The candidates for the word at {@code index} of {@code words}, of which {@code typed} is typed. */
  public List<Candidate> candidates(List<String> words, int index, String typed) {
    if (index == 0) {
      return commands.get().stream().map(c -> new Candidate(c)).toList();
    }
    String command = words.get(0);
    String previous = index >= 1 && index - 1 < words.size() ? words.get(index - 1) : "";
    if (optionValues.containsKey(previous) && options.getOrDefault(command, List.of()).contains(previous)) {
      return optionValues.get(previous).stream().map(Candidate::new).toList();
    }
    if (typed.startsWith("-")) {
      return options.getOrDefault(command, List.of()).stream().map(Candidate::new).toList();
    }
    if (!command.equals("search")) {
      return List.of();
    }
    int colon = typed.indexOf(':');
    if (colon > 0) {
      String field = typed.substring(0, colon);
      return fieldValues.getOrDefault(field, List.of()).stream()
          .map(v -> new Candidate(field + ":" + v, v, null, null, null, null, true)).toList();
    }
    return fields.get().stream().map(f -> new Candidate(f + ":", f + ":", null, null, null, null, false)).toList();
  }
}
