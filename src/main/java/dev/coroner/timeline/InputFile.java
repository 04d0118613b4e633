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
 * @param timeNote how its times were obtained, for the report
 */
public record InputFile(String name, Source source, List<String> formats, List<PartStats> parts, String timeNote) {}
