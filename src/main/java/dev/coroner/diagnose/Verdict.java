package dev.coroner.diagnose;

/**
 * The state the system ended in: the last incident's diagnosis, or healthy / not-started /
 * inconclusive when there was no incident.
 */
public record Verdict(String classification, String cause, double confidence, String rule, String summary) {}
