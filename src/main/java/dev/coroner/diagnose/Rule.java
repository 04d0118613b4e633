package dev.coroner.diagnose;

/**
 * A compiled diagnosis rule.
 *
 * @param spec the rule as written
 * @param when its compiled condition
 * @param origin its file, as messages cite it
 */
public record Rule(DiagnosisSpec spec, Condition when, String origin) {
  public String id() {
    return spec.id();
  }

  public double confidence() {
    return spec.confidence();
  }

  public int priority() {
    return spec.priority();
  }
}
