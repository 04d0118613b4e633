package dev.coroner.diagnose;

import java.util.List;
import java.util.Map;

/**
 * A classifier as written in {@code rules/diagnoses/ID.yaml}.
 *
 * @param id equal to the file name without extension
 * @param title one line
 * @param status stable, test or experimental
 * @param classification from the contract vocabulary
 * @param cause the refinement, e.g. lifespan-exception
 * @param confidence 0..1 when every condition holds for certain
 * @param priority higher is preferred when several fire on one incident
 * @param when the condition over the incident's signals
 * @param summary one sentence, with placeholders ({@code {signal.field}}, {@code {count:signal}},
 *     {@code {first:signal}}, {@code {last:signal}}); or several, of which the first whose
 *     placeholders all have a value (and whose counts are not 0) is used
 * @param explanation a paragraph for the report
 * @param recommendations what to do, most important first
 * @param evidence signals (names or side.*) whose occurrences are quoted, in this order of importance
 * @param references links for the reader
 * @param samples small folders that must or must not be given this diagnosis
 */
public record DiagnosisSpec(String id, String title, String status, String classification, String cause,
    Double confidence, Integer priority, ConditionSpec when, List<String> summary, String explanation,
    List<String> recommendations, List<String> evidence, List<String> references, List<Sample> samples) {
  public DiagnosisSpec {
    recommendations = recommendations == null ? List.of() : recommendations;
    evidence = evidence == null ? List.of() : evidence;
    references = references == null ? List.of() : references;
    samples = samples == null ? List.of() : samples;
    status = status == null ? "stable" : status;
    priority = priority == null ? 50 : priority;
  }

  /**
   * One node of a condition; exactly one of has, absent, sequence, all, any, not, differ.
   *
   * @param has signals (names or side.*), one of which must occur in the scope
   * @param absent signals none of which may occur in the scope
   * @param sequence signals that must occur in this order in the scope
   * @param all conditions that must all hold
   * @param any conditions one of which must hold
   * @param not a condition that must not hold
   * @param differ two {@code signal.field} references whose values must differ (both present)
   * @param unreachable two {@code signal.field} references to addresses: the first (where a
   *     client connected) is a literal address that none of the second (where the server bound)
   *     accepts; see {@link Condition.Unreachable}
   * @param in the scope: before, episode, after, window (the three), all (the whole timeline)
   * @param atLeast with has: how many occurrences at least
   * @param where with has: field values the first or last occurrence must show
   * @param within with sequence: the longest time from first to last step (e.g. 30s, 5m)
   * @param apart with sequence: the shortest time from each step to the next (e.g. 1s): the steps
   *     are then distinct occurrences spread in time, not one burst (a worker booted again and
   *     again to replace one that died, not several booted at once)
   * @param same with a sequence of two steps: fields the two occurrences must share (the same
   *     request: {@code [path, method]}); the first field must be on both, the others are compared
   *     where both carry them; a full URL counts by its path, without query string (see
   *     {@link Condition.Same})
   * @param separate with differ: only occurrences of two separate streams are compared (other
   *     files, or one file's lines under two different services' prefixes); a client and the
   *     server it missed are two processes, while one undivided stream may be one process that
   *     listens and also calls out (see {@link Condition.Differ})
   */
  public record ConditionSpec(List<String> has, List<String> absent, List<String> sequence,
      List<ConditionSpec> all, List<ConditionSpec> any, ConditionSpec not, List<String> differ,
      List<String> unreachable, String in, Integer atLeast, Map<String, List<String>> where, String within,
      List<String> same, String apart, Boolean separate) {}

  /**
   * A sample: a small folder (file name to content) and whether this diagnosis must be the verdict.
   *
   * @param name what the sample shows
   * @param files relative path to file content
   * @param verdict true when this rule must give the verdict; false when it must not fire at all
   */
  public record Sample(String name, Map<String, String> files, Boolean verdict) {
    public Sample {
      verdict = verdict == null ? Boolean.TRUE : verdict;
      files = files == null ? Map.of() : files;
    }
  }
}
