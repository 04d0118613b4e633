package dev.coroner.ingest;

import java.nio.file.Path;
import java.util.List;

/**
 * One logical log: a file and its rotations, oldest part first.
 *
 * @param name the display name: the current file's path relative to the folder, with '/'
 * @param parts the physical files, oldest first (e.g. {@code x.log.2.gz, x.log.1, x.log})
 */
public record LogFile(String name, List<Part> parts) {
  public LogFile {
    parts = List.copyOf(parts);
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("a log file has at least one part");
    }
  }

  /** The newest part: the file that was being written. */
  public Part current() {
    return parts.get(parts.size() - 1);
  }

  /**
   * One physical file.
   *
   * @param path where it is
   * @param name its path relative to the incident folder, with '/', as evidence cites it
   * @param gzip whether it is gzip-compressed
   * @param size its size in bytes
   * @param modified its modification time, epoch milliseconds
   */
  public record Part(Path path, String name, boolean gzip, long size, long modified) {}
}
