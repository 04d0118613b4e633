package dev.coroner.launch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ready and pid files: written through a temp file and an atomic move, so a reader never sees
 * half of one. The temp file is created as any file the user creates ({@code 0666} less the umask,
 * like the logs), not {@code 0600} as {@link Files#createTempFile} would: these files are meant to be
 * read by other users' tools (a CI step, a monitoring agent).
 */
final class ReadyFile {
  /** Jackson is loaded when the first ready file is written, not with the pid file at the spawn (about a second on a slow machine). */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private ReadyFile() {}

  /** {@code {"pid":1234,"url":"http://…","time":"2026-…"}} */
  static void writeReady(Path file, long pid, String url, String time) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("pid", pid);
    doc.put("url", url);
    doc.put("time", time);
    writeAtomically(file, Json.MAPPER.writeValueAsString(doc) + "\n");
  }

  static void writeAtomically(Path file, String content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = null;
    for (int attempt = 0; tmp == null; attempt++) {
      Path candidate = dir.resolve("." + file.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
      try {
        Files.write(candidate, content.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
        tmp = candidate;
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      } catch (IOException e) {
        Files.deleteIfExists(candidate); // created, then the write failed (disk full): leave nothing
        throw e;
      }
    }
    try {
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The pid in a pid file, or -1 when it is missing or not a number. */
  static long readPid(Path file) {
    try {
      return Long.parseLong(Files.readString(file).trim());
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }
}
