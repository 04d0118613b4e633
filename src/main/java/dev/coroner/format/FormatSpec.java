package dev.coroner.format;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A line format as written in {@code rules/formats/ID.yaml}; unknown keys are errors.
 *
 * @param id the format's id, equal to the file's name without extension
 * @param title one line for humans
 * @param source which side writes it: client, server, launcher, other
 * @param priority breaks ties when several formats read a file equally well (higher wins)
 * @param prefixes literal prefixes, one of which a record's first line must start with (a cheap
 *     check before the regex); empty for none
 * @param start the regex (java.util.regex; Python's (?P<name>) groups too) a record's first line matches; named groups {@code time},
 *     {@code level}, {@code logger}, {@code message} have their meaning, others become fields
 * @param timestamp how to read the {@code time} group: {@code python} ({@code 2025-06-13
 *     22:55:01,234}), {@code iso8601}, {@code auto}, {@code syslog}, {@code tai64n}, {@code epoch}
 *     (seconds since 1970 with a fraction), or a java DateTimeFormatter pattern
 * @param inner the ids of formats that read the {@code message} group (a wrapper format), tried in order
 * @param keyValues whether {@code key=value} pairs in the message become fields
 * @param sourceByLogger logger regex to source, for records of another side in the same format
 * @param sourceByFileName file name regex to source, for files whose role the name tells
 * @param fields extractors run on the message to add fields
 * @param samples lines with the fields they must give (replayed by tests and {@code rules test})
 * @param weak when true, a line of this format that is not the file's main format continues the
 *     open record instead of starting one (a raw traceback after "Exception in ASGI application")
 * @param envelope when true, this is not a program's format but another tool's prefix around the
 *     program's line (docker compose {@code svc-1  | }, journald, Heroku, kubectl): it is peeled
 *     off first, giving time, host and service (its {@code logger} group; {@code sourceByLogger}
 *     maps a service's name to a side), and the rest of the line is read by the ordinary formats
 * @param fallback when true, the format of a line no other format reads (never chosen by
 *     detection): such a line is still a record, so content signals see it
 * @param sourceByShape when true, a record in this format comes from {@code source} whatever file
 *     holds it (uvicorn's own shape is server output in a shared console too)
 * @param json when set, a line is one JSON object and this map names, per role ({@code message},
 *     {@code time}, {@code level}, {@code logger}, {@code detail}), the keys that hold it, the first
 *     present winning ({@code log.level} reads a nested object); {@code start} then only gates
 *     the line (it begins with a brace). {@code detail} (a traceback, a stack) is added to the
 *     message as its following lines
 * @param signalMask fields whose values never decide a signal (a client's ephemeral port): signals
 *     read a record of this format with the value's first whole-token occurrence in its body
 *     replaced by {@code 0}, so records that differ only there share one answer (and one memo
 *     entry); a signal that tests such a field turns its mask off (see {@code Signals.masking})
 * @param sideCertain when true, the side this format gives a record (its {@code source}, or the
 *     one {@code sourceByFileName} gives the file) is certain, not a guess: the file was written by
 *     coroner launch, which knows whose output it captured (see {@link Formats#sureSide})
 * @param lines when more than 1, a record of this format is a block of that many lines, its first
 *     line and the lines after it whatever their shape (a platform's event table copied as text:
 *     a time, a reason, a message, each on its own line); blank lines are not counted. 0 or 1:
 *     a record's lines are decided by their shape, as for any format
 * @param sourceByFrame regex to source, tried on the lines after the first of a record of several
 *     lines (a traceback folded into it) whose side neither its shape nor its logger makes sure:
 *     the first that finds one of them gives the record its side (a traceback through a server
 *     framework's own startup or serving code is the server process's, whatever logger wrote
 *     the line it follows)
 * @param everyLine when true (an envelope only), it is chosen for a file only when it peels every
 *     line of the sample that is not blank: a prefix whose shape other tools also write on some
 *     lines (a Markdown quote's {@code > }, npm's {@code > app@1.0.0 start}) wraps a log only
 *     when it wraps all of it
 * @param signature when set, a regex (found, not matched whole) that a line this format reads must
 *     also hold for that line to count as a sign of the format when a file's formats are detected
 *     ({@link Formats#detect}): the format is chosen for a file only when at least one sample line
 *     it reads holds it. For a format whose {@code start} is looser than its program's layout (so
 *     that it reads its program's older or altered lines once chosen), the signature is the
 *     layout itself or the program's own words: another tool's line that {@code start} also reads
 *     then no longer makes the format the file's. Empty: every line it reads counts
 */
public record FormatSpec(
    String id,
    String title,
    String source,
    int priority,
    List<String> prefixes,
    String start,
    String timestamp,
    List<String> inner,
    boolean keyValues,
    Map<String, String> sourceByLogger,
    Map<String, String> sourceByFileName,
    List<Extractor> fields,
    List<Sample> samples,
    boolean weak,
    boolean envelope,
    boolean fallback,
    boolean sourceByShape,
    Map<String, List<String>> json,
    List<String> signalMask,
    boolean sideCertain,
    int lines,
    Map<String, String> sourceByFrame,
    boolean everyLine,
    String signature) {

  public FormatSpec {
    signalMask = signalMask == null ? List.of() : signalMask;
    prefixes = prefixes == null ? List.of() : prefixes;
    inner = inner == null ? List.of() : inner;
    sourceByLogger = sourceByLogger == null ? Map.of() : sourceByLogger;
    sourceByFileName = sourceByFileName == null ? Map.of() : sourceByFileName;
    sourceByFrame = sourceByFrame == null ? Map.of() : sourceByFrame;
    fields = fields == null ? List.of() : fields;
    samples = samples == null ? List.of() : samples;
  }

  /**
   * Adds fields from a message: the named groups of {@code pattern} when it matches.
   *
   * @param contains literals one of which the message must contain before the regex is tried (speed)
   * @param pattern the regex with named groups
   * @param multiline when true, only tried on records of several lines (tracebacks)
   */
  public record Extractor(List<String> contains, String pattern, boolean multiline) {}

  /**
   * A sample line and what the format must make of it.
   *
   * @param line the line
   * @param starts whether it starts a record (false: a continuation line)
   * @param expect fields it must give (level, logger, message, time as epoch ms in UTC are
   *     included for the asking)
   */
  public record Sample(String line, @JsonProperty(defaultValue = "true") Boolean starts, Map<String, String> expect) {
    public Sample {
      starts = starts == null ? Boolean.TRUE : starts;
      expect = expect == null ? Map.of() : expect;
    }
  }
}
