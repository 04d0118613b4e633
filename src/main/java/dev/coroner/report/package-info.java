/**
 * Report: renders what the other stages found: the markdown diagnosis, the JSON contract of
 * {@code diagnose --format json}, and events as text, JSON or NDJSON. Output is deterministic:
 * sorted maps, times in the run's zone, no wall-clock time.
 */
package dev.coroner.report;
