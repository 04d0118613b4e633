/**
 * JMH micro-benchmarks of inner loops (line splitting, and later prefix checks, timestamp
 * parsing, signal matching). Compiled only with the Maven profile {@code bench}; run with
 * {@code bench/jmh}. See docs/performance.md.
 */
package dev.coroner.bench.jmh;
