package dev.coroner.format;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a pass wants of records, as a necessary condition read from the signals it annotates with
 * (their gates, see {@code dev.coroner.signal.Signals#wanted}): a record may carry one of them
 * only when, among the signals that test a record of its side and level, one's gate opens: the
 * record has a field it asks for, or its body holds one of its literals. A record that opens
 * none carries none of them, so that pass needs neither its fields nor its signals
 * ({@link EventReader#wanting}).
 *
 * @param fields every field a gate asks for (a format that may extract one gives its records whole)
 * @param tests makes a {@link Test} for one thread
 */
public record Wanted(Set<String> fields, Supplier<Test> tests) {
  public Wanted {
    fields = Set.copyOf(fields);
  }

  /** One thread's test of a record before its body's fields are read. */
  public interface Test {
    /**
     * False only when no signal that tests a record of side {@code side} and level {@code level}
     * could open its gate on it: {@code fields} (all it has) lacks every field they ask for and
     * {@code body} holds none of their literals.
     */
    boolean mayCarry(Source side, String level, Map<String, String> fields, String body);
  }
}
