/**
 * Formats: turns lines into {@link dev.coroner.format.Event events}. Line formats are data
 * ({@code rules/formats/*.yaml}: a start pattern with named groups, a timestamp, field
 * extractors, samples); a file's format is decided by its content. Lines that do not start a
 * record continue the one above (tracebacks), so a multi-line record is one event.
 */
package dev.coroner.format;
