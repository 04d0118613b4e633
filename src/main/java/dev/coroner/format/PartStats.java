package dev.coroner.format;

import dev.coroner.ingest.LogFile;

/**
 * What reading one physical file gave: the inputs table of a report.
 *
 * @param part the file
 * @param source the side it was read as
 * @param format the id of its main format, or "none"
 * @param encoding the encoding label
 * @param lines how many lines it has
 * @param events how many records start in it
 * @param unparsed lines that belong to no record
 * @param first the earliest exact time in it, or {@link Event#NO_TIME}
 * @param last the latest exact time in it, or {@link Event#NO_TIME}
 * @param sha256 hex digest of its bytes as stored (compressed for .gz), or "" when not computed
 */
public record PartStats(LogFile.Part part, Source source, String format, String encoding, long lines,
    long events, long unparsed, long first, long last, String sha256) {}
