package dev.coroner.signal;

import java.util.List;
import java.util.Map;

/**
 * One signal as written in a {@code rules/signals/*.yaml} file.
 *
 * @param name the signal's name, {@code side.what} (e.g. {@code client.connection-refused})
 * @param title one line for humans
 * @param role how it segments incidents: {@code trouble} opens or extends one, {@code good}
 *     closes one, {@code info} only describes
 * @param match when an event carries it
 * @param capture patterns (java.util.regex, Python's (?P<name>) too) whose named groups become fields of the event
 * @param samples lines that must carry it (with fields) or must not
 * @param derived for signals the diagnosis engine derives from the whole timeline rather than
 *     from one line: {@code run-unfinished} (a server run whose log ends without a shutdown),
 *     {@code no-log:SIDE}, {@code empty-log:SIDE}, {@code untimed-log:SIDE}; no {@code match} then
 * @param strict whether only records of its match's side are tested (default false: a record of
 *     unknown side is tested by every signal, and then takes the side most of its signals speak
 *     of); true for a signal whose words say nothing of a side by themselves and only mean
 *     something in a record of that side (a refused address in a server's record is its app's
 *     outbound call; "starting" in a client's record is the client's start)
 * @param votes whether a record of unknown side that carries it counts it when it takes the side
 *     most of its signals speak of (default true); false for a signal that reads what a record
 *     of its side would mean without being evidence of that side (a refused address is the
 *     server's outbound call if the record is the server's; a client's pasted traceback with the
 *     same words stays the client's or nobody's)
 */
public record SignalSpec(String name, String title, String role, Condition match, List<String> capture,
    List<Sample> samples, String derived, Boolean strict, Boolean votes) {
  public SignalSpec {
    strict = strict == null ? Boolean.FALSE : strict;
    votes = votes == null ? Boolean.TRUE : votes;
    role = role == null ? "info" : role;
    capture = capture == null ? List.of() : capture;
    samples = samples == null ? List.of() : samples;
  }

  /**
   * A test of one event; every key given must hold, and {@code any} holds when one of its
   * conditions does.
   *
   * @param source client, server, launcher
   * @param level level names (case-insensitive)
   * @param fields field name to allowed values (a value written {@code ~REGEX} allows every value
   *     that pattern matches whole)
   * @param contains literals, one of which the text contains
   * @param icontains literals, one of which the text contains in any case (where platforms
   *     differ: Windows writes {@code Only one usage}, Linux {@code address already in use})
   * @param regex a pattern found in the text
   * @param not a pattern that must not be found in the text
   * @param any alternatives
   * @param unlessSurely a side whose records fail the test when their side is certain, not
   *     guessed ({@code Formats.sureSide}): a refusal in uvicorn's own traceback is the server's
   *     outbound call to its database, not a client's; one in a compose service named "web" may
   *     still be a client's
   */
  public record Condition(String source, List<String> level, Map<String, List<String>> fields,
      List<String> contains, List<String> icontains, String regex, String not, List<Condition> any,
      String unlessSurely) {}

  /**
   * A sample: a line read by the format that reads it best.
   *
   * @param line the line (several lines with \n for a traceback)
   * @param matches whether the signal must be carried (default true)
   * @param source the side to read it as (default: the format's)
   * @param expect fields the signal must give
   */
  public record Sample(String line, Boolean matches, String source, Map<String, String> expect) {
    public Sample {
      matches = matches == null ? Boolean.TRUE : matches;
      expect = expect == null ? Map.of() : expect;
    }
  }

  /** A signals file: a list of signals. */
  public record File(String id, String title, List<SignalSpec> signals) {
    public File {
      signals = signals == null ? List.of() : signals;
    }
  }
}
