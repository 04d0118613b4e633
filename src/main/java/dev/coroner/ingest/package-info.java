/**
 * Ingest: finds the log files of an incident folder, groups rotations ({@code x.log.2.gz},
 * {@code x.log.1}, {@code x.log}) in age order, detects each file's encoding, and streams its
 * lines with their numbers. Never writes into the folder; every problem becomes a one-line
 * {@link dev.coroner.ingest.Warnings warning}, never an exception.
 */
package dev.coroner.ingest;
