/**
 * Benchmark data (test scope, never shipped): {@link dev.coroner.bench.IncidentGenerator}
 * writes realistic incident folders of any size with an answer key, for {@code bench/run}
 * (whole-process timings and the verdict check) and the JMH benchmarks in {@code jmh}. It
 * depends on nothing in the engine, so the benchmark can judge any build of it.
 */
package dev.coroner.bench;
