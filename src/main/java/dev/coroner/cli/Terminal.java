package dev.coroner.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the process's stderr is a terminal, for defaults that suit a person watching. */
final class Terminal {
  private Terminal() {}

  /**
   * True when file descriptor 2 is a terminal. Java 17 has no isatty: on Linux the answer is where
   * {@code /proc/self/fd/2} points (a pseudo-terminal {@code /dev/pts/N} or a console
   * {@code /dev/ttyN}); elsewhere {@link System#console()}, which asks about stdin and stdout, is
   * the best guess.
   */
  static boolean stderrIsTerminal() {
    Path fd = Path.of("/proc/self/fd/2");
    if (Files.exists(Path.of("/proc/self/fd"))) {
      try {
        String target = Files.readSymbolicLink(fd).toString();
        return target.startsWith("/dev/pts/") || target.matches("/dev/tty\\w*") || target.equals("/dev/console");
      } catch (IOException | UnsupportedOperationException | SecurityException e) {
        return false;
      }
    }
    return System.console() != null;
  }
}
