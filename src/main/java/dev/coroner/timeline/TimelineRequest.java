package dev.coroner.timeline;

import java.nio.file.Path;
import java.time.ZoneId;

/**
 * What to read.
 *
 * @param folder the incident folder (never written to)
 * @param zone the zone of timestamps written without one
 * @param hash whether to fingerprint every input with sha256
 */
public record TimelineRequest(Path folder, ZoneId zone, boolean hash) {}
