package dev.coroner.diagnose;

/**
 * A stretch of time for the picture.
 *
 * @param lane server, launcher or client
 * @param label what it was (e.g. "process 1234", "ready", "refused x12")
 * @param state up, ready, failed, ok, failing
 * @param start epoch ms
 * @param end epoch ms
 * @param inferred whether its bounds rest on inferred times
 */
public record Span(String lane, String label, String state, long start, long end, boolean inferred) {}
