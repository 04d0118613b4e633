package dev.coroner.timeline;

import dev.coroner.format.PartStats;
import dev.coroner.format.Source;
import java.util.List;

/**
 * One logical log as the timeline read it.
 *
 * @param name its display name (the current file, relative to the folder)
 * @param source the side it was read as
 * @param formats the formats that read it, main one first
 * @param parts per physical file statistics, oldest first
 * @param basis how its times were obtained
 * @param timeNote the same in words, for the report
 */
public record InputFile(String name, Source source, List<String> formats, List<PartStats> parts, TimeBasis basis,
    String timeNote) {
  /** How a log's times were obtained. */
  public enum TimeBasis {
    /** No records. */
    EMPTY,
    /** Every record has its own timestamp. */
    EXACT,
    /** Some records have timestamps; the others lie between them. */
    MIXED,
    /** No timestamps; access lines were paired with the client's answered requests. */
    PAIRED,
    /** No timestamps and nothing to pair: where it falls is a guess. */
    UNANCHORED
  }

  /** Lines in all parts. */
  public long lines() {
    return parts.stream().mapToLong(PartStats::lines).sum();
  }

  /** Records in all parts. */
  public long events() {
    return parts.stream().mapToLong(PartStats::events).sum();
  }
}
