package dev.coroner.cli;

import dev.coroner.CoronerException;
import dev.coroner.ExitStatus;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a report to a path the user named, without ever destroying what is there:
 * <ul>
 *   <li>a regular file, or nothing yet: the text goes into a temporary file in the same folder,
 *       which then replaces the target in one rename (a reader sees the old or the new report,
 *       never half of one); the temporary file is removed on any failure and at exit;</li>
 *   <li>anything else (a device such as /dev/null, a FIFO, a process substitution /dev/fd/N, a
 *       symbolic link): the text is written through it, as {@code cat > FILE} would, so the
 *       device, pipe or link stays what it was;</li>
 *   <li>a folder: the report goes into it as {@code NAME.md} (or {@code .json}).</li>
 * </ul>
 * Nothing is written when the target, links resolved, lies inside the evidence folder.
 */
final class OutputFile {
  /** Temporary files not yet renamed: removed by a shutdown hook if the JVM ends first (Ctrl-C). */
  private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> PENDING.forEach(p -> {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // best effort at exit
      }
    }), "coroner-temp-cleanup"));
  }

  private OutputFile() {}

  /**
   * Writes {@code text} to {@code target} (a folder gets {@code defaultName}) and returns the path
   * written. {@code evidence}: the folder that must not be written into.
   */
  static Path write(Path target, String defaultName, String text, Path evidence) {
    Path to = Files.isDirectory(target) ? target.resolve(defaultName) : target;
    Guard.refuseInside(to, evidence);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try {
      BasicFileAttributes a = attributes(to);
      if (a == null || a.isRegularFile()) {
        atomically(to.toAbsolutePath(), bytes, a != null);
      } else if (a.isDirectory()) {
        throw new IOException("is a folder");
      } else {
        // a device, FIFO or symbolic link (to a file, a device or a pipe): open, truncate and
        // write through it, as the shell's > does
        try (OutputStream out = new FileOutputStream(to.toFile())) {
          out.write(bytes);
        }
      }
    } catch (IOException e) {
      throw new CoronerException(ExitStatus.BAD_INPUT.code(), "cannot write the report to " + to + ": " + reason(e)
          + " (choose another -o)");
    }
    return to;
  }

  /** The target's own attributes (a link is a link here), or null when nothing is there. */
  private static BasicFileAttributes attributes(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  static void atomically(Path to, byte[] bytes, boolean exists) throws IOException {
    Path dir = to.getParent();
    Files.createDirectories(dir);
    Path tmp = null;
    try {
      OutputStream out = null;
      for (int i = 0; out == null; i++) {
        // created without explicit permissions, so the umask applies, as for any new file
        tmp = dir.resolve("." + to.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
          PENDING.add(tmp);
          out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
          PENDING.remove(tmp);
          if (i > 10) {
            throw e;
          }
        }
      }
      try (OutputStream o = out) {
        o.write(bytes);
      }
      if (exists) {
        keepPermissions(to, tmp);
      }
      Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      PENDING.remove(tmp);
      tmp = null;
    } finally {
      if (tmp != null) {
        Files.deleteIfExists(tmp);
        PENDING.remove(tmp);
      }
    }
  }

  /** A rewritten report keeps the permissions the old one had (as {@code cat >} would). */
  private static void keepPermissions(Path from, Path to) {
    PosixFileAttributeView src = Files.getFileAttributeView(from, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    PosixFileAttributeView dst = Files.getFileAttributeView(to, PosixFileAttributeView.class);
    if (src == null || dst == null) {
      return;
    }
    try {
      dst.setPermissions(src.readAttributes().permissions());
    } catch (IOException | UnsupportedOperationException e) {
      // the new file keeps the umask's permissions
    }
  }

  /** The reason in words: "Permission denied", "No space left on device", "File too large" ... */
  static String reason(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName().replaceAll("Exception$", "") : m;
  }
}
