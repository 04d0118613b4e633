package dev.coroner.diagnose;

import java.util.Locale;

/**
 * What one rule made of one incident.
 *
 * @param rule the rule id
 * @param classification its classification
 * @param cause its cause
 * @param outcome whether it fired
 * @param confidence the confidence it would give (0 when not fired)
 * @param reason why, in words
 */
public record RuleOutcome(String rule, String classification, String cause, Firing outcome, double confidence, String reason) {
  /** Whether a rule fired: {@code fired}, {@code possible} (only by inferred times) or {@code not-fired}, as the contract writes it. */
  public enum Firing {
    FIRED, POSSIBLE, NOT_FIRED;

    /** The contract's word (docs/contract.md). */
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}
