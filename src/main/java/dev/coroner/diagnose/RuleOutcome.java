package dev.coroner.diagnose;

/**
 * What one rule made of one incident.
 *
 * @param rule the rule id
 * @param classification its classification
 * @param cause its cause
 * @param outcome fired, possible (only by inferred time) or not-fired
 * @param confidence the confidence it would give (0 when not fired)
 * @param reason why, in words
 */
public record RuleOutcome(String rule, String classification, String cause, String outcome, double confidence, String reason) {}
