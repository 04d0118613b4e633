package dev.coroner.diagnose;

import java.util.List;

/**
 * One episode of trouble and what it was.
 *
 * @param number from 1, in time order
 * @param classification from the contract vocabulary
 * @param cause the refinement
 * @param rule the id of the rule that decided it ("" when none did)
 * @param confidence 0..1
 * @param start epoch ms of the first trouble
 * @param end epoch ms of the last trouble
 * @param title the rule's title
 * @param summary one sentence
 * @param explanation a paragraph
 * @param evidence quoted lines, in time order
 * @param recommendations what to do
 * @param considered every rule's outcome, fired first
 * @param references links
 */
public record Incident(int number, String classification, String cause, String rule, double confidence, long start,
    long end, String title, String summary, String explanation, List<Evidence> evidence, List<String> recommendations,
    List<RuleOutcome> considered, List<String> references) {}
