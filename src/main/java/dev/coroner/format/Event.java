package dev.coroner.format;

import java.util.List;
import java.util.Map;

/**
 * One log record: a line, or several when a traceback continues it.
 *
 * @param source client, server, launcher or other
 * @param file the physical file, relative to the incident folder (as evidence cites it)
 * @param line the first line number in {@code file}, from 1
 * @param lastLine the last line number in {@code file}
 * @param ordinal the record's position in its logical log (rotations joined), from 0
 * @param when when it happened: exact, inferred (an estimate and its interval) or unknown
 * @param level the level name as written (INFO, ERROR, ...), or "" when the format has none
 * @param logger the logger name, or ""
 * @param message the message of the first line
 * @param body the messages of all lines (for a wrapper format, the wrapped text), joined with '\n':
 *     what signals match
 * @param text every line of the record as written, joined with '\n': what evidence quotes
 * @param fields named values taken from the record (pid, port, errno, status, path, ...) and from its signals
 * @param format the id of the format that read it
 * @param signals the names of the signals the record carries, in rule order
 */
public record Event(
    Source source,
    String file,
    long line,
    long lastLine,
    long ordinal,
    When when,
    String level,
    String logger,
    String message,
    String body,
    String text,
    Map<String, String> fields,
    String format,
    List<String> signals) {

  /** The time of an event whose time is not known ({@link When#NO_TIME}). */
  public static final long NO_TIME = When.NO_TIME;

  public Event {
    fields = FieldMap.copyOf(fields);
    signals = List.copyOf(signals);
  }


  /** Epoch milliseconds: exact, or the best estimate when inferred; {@link #NO_TIME} when unknown. */
  public long time() {
    return when.time();
  }

  /** The earliest the event can have happened (= {@link #time()} when exact). */
  public long earliest() {
    return when.earliest();
  }

  /** The latest the event can have happened (= {@link #time()} when exact). */
  public long latest() {
    return when.latest();
  }

  /** How the time was obtained. */
  public TimeKind timeKind() {
    return when.kind();
  }

  /**
   * Whether the reader left this record's fields unread, and so its signals too: a first pass
   * that needs neither for a record that cannot carry the signals it wants ({@link EventReader#wanting}).
   */
  public boolean fieldsUnread() {
    return fields == FieldMap.UNREAD;
  }

  public boolean hasTime() {
    return when.known();
  }

  public Event withTime(When w) {
    return new Event(source, file, line, lastLine, ordinal, w, level, logger,
        message, body, text, fields, format, signals);
  }

  public Event withSignals(List<String> names, Map<String, String> allFields) {
    return new Event(source, file, line, lastLine, ordinal, when,
        level, logger, message, body, text, allFields, format, names);
  }

  /** The same record at another place in its log (a stretch read on its own numbers its records from 0). */
  public Event withOrdinal(long n) {
    return new Event(source, file, line, lastLine, n, when, level, logger, message, body, text, fields, format, signals);
  }

  public Event withSource(Source s) {
    return new Event(s, file, line, lastLine, ordinal, when, level,
        logger, message, body, text, fields, format, signals);
  }

  public boolean has(String signal) {
    return signals.contains(signal);
  }

  /** A field's value, or "" when absent. */
  public String field(String name) {
    return fields.getOrDefault(name, "");
  }

  /** Evidence reference: {@code file:line}. */
  public String ref() {
    return file + ":" + line;
  }
}
