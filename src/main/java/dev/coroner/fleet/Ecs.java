package dev.coroner.fleet;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.coroner.format.Event;
import dev.coroner.format.TimeKind;
import dev.coroner.report.EventJson;
import dev.coroner.report.Times;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One event as an Elastic Common Schema document: what {@code coroner export} indexes and
 * {@code timeline --format ecs} prints (docs/ecs.md lists every field). The document holds the
 * record's text as written ({@code event.original}) and where it was ({@code log.file.path},
 * {@code log.file.line}, {@code file.mtime}), so that reading it back rebuilds the log line by
 * line and the same formats and signals run over it.
 */
public final class Ecs {
  /** The version of this mapping, in {@code coroner.ecs}: a reader can tell what it reads. */
  public static final int VERSION = 1;

  private Ecs() {}

  /**
   * Writes the document of {@code e}.
   *
   * @param host the {@code host.name} the logs are from
   * @param mtime the modification time of the event's file (epoch ms), or {@link Event#NO_TIME}
   */
  public static void write(JsonGenerator g, Event e, Times times, String host, long mtime) throws IOException {
    write(g, e, e.text(), -1, times, host, mtime);
  }

  /**
   * As {@link #write(JsonGenerator, Event, Times, String, long)}, with the record's lines exactly
   * as the file has them and the byte offset of its first line in the file ({@code log.offset};
   * left out when negative: not known).
   */
  public static void write(JsonGenerator g, Event e, String original, long offset, Times times, String host, long mtime) throws IOException {
    g.writeStartObject();
    if (e.hasTime()) {
      g.writeStringField("@timestamp", times.iso(e.time()));
    }
    g.writeStringField("message", e.message());
    g.writeObjectFieldStart("log");
    if (!e.level().isEmpty()) {
      g.writeStringField("level", e.level());
    }
    if (!e.logger().isEmpty()) {
      g.writeStringField("logger", e.logger());
    }
    writeFile(g, e.file(), e.line(), offset, mtime, times);
    g.writeObjectFieldStart("event");
    g.writeStringField("original", original);
    g.writeStringField("dataset", "coroner." + e.format());
    g.writeStringField("kind", "event");
    g.writeEndObject();
    g.writeObjectFieldStart("service");
    g.writeStringField("name", e.source().id());
    g.writeEndObject();
    g.writeObjectFieldStart("host");
    g.writeStringField("name", host);
    g.writeEndObject();
    String pid = e.field("pid");
    if (pid.matches("\\d{1,9}")) {
      g.writeObjectFieldStart("process");
      g.writeNumberField("pid", Long.parseLong(pid));
      g.writeEndObject();
    }
    String exception = e.field("exception");
    if (!exception.isEmpty()) {
      g.writeObjectFieldStart("error");
      g.writeStringField("type", exception);
      g.writeEndObject();
    }
    g.writeObjectFieldStart("coroner");
    g.writeNumberField("ecs", VERSION);
    g.writeStringField("source", e.source().id());
    g.writeStringField("format", e.format());
    g.writeNumberField("lastLine", e.lastLine());
    g.writeObjectFieldStart("time");
    g.writeStringField("kind", e.timeKind().id());
    if (e.timeKind() != TimeKind.EXACT) {
      String lo = times.iso(e.earliest());
      String hi = times.iso(e.latest());
      if (!lo.isEmpty()) {
        g.writeStringField("earliest", lo);
      }
      if (!hi.isEmpty()) {
        g.writeStringField("latest", hi);
      }
    }
    g.writeEndObject();
    EventJson.writeSignalsAndFields(g, e, "signal");
    g.writeEndObject();
    g.writeEndObject();
  }

  /**
   * The document's id: the first 20 bytes of SHA-256 over host, file, line and the record's
   * text, in hex. Exporting the same folder again gives the same ids, so the cluster replaces
   * documents rather than adding copies; two hosts' identical lines stay two documents.
   */
  public static String id(String host, Event e) {
    return id(host, e.file(), e.line(), e.text());
  }

  /** The id of a document: see {@link #id(String, Event)}. */
  public static String id(String host, String file, long line, String text) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
    md.update(host.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
    md.update(file.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
    md.update(Long.toString(line).getBytes(StandardCharsets.US_ASCII));
    md.update((byte) 0);
    md.update(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(md.digest(), 0, 20);
  }

  /**
   * The document of an input file that gave no record (empty, or blank lines only): line 0,
   * {@code coroner.emptyFile}. It carries a fact rules use (an empty launcher log), and reading
   * back makes the file again.
   */
  public static void writeEmptyFile(JsonGenerator g, String file, Times times, String host, long mtime) throws IOException {
    g.writeStartObject();
    g.writeStringField("message", "");
    g.writeObjectFieldStart("log");
    writeFile(g, file, 0, -1, mtime, times);
    g.writeObjectFieldStart("event");
    g.writeStringField("dataset", "coroner.file");
    g.writeStringField("kind", "state");
    g.writeEndObject();
    g.writeObjectFieldStart("host");
    g.writeStringField("name", host);
    g.writeEndObject();
    g.writeObjectFieldStart("coroner");
    g.writeNumberField("ecs", VERSION);
    g.writeBooleanField("emptyFile", true);
    g.writeEndObject();
    g.writeEndObject();
  }

  /**
   * {@code log.file.path} and {@code .line}, {@code log.offset} when it is known, closing the
   * {@code log} object, then {@code file.mtime} when it is known.
   */
  private static void writeFile(JsonGenerator g, String path, long line, long offset, long mtime, Times times) throws IOException {
    g.writeObjectFieldStart("file");
    g.writeStringField("path", path);
    g.writeNumberField("line", line);
    g.writeEndObject();
    if (offset >= 0) {
      g.writeNumberField("offset", offset);
    }
    g.writeEndObject();
    if (mtime != Event.NO_TIME) {
      g.writeObjectFieldStart("file");
      g.writeStringField("mtime", times.iso(mtime));
      g.writeEndObject();
    }
  }

  /** This machine's name, for {@code host.name} when {@code --host} does not give one. */
  public static String localHost() {
    String h = System.getenv("HOSTNAME");
    if (h != null && !h.isBlank()) {
      return h.strip();
    }
    try {
      java.nio.file.Path etc = java.nio.file.Path.of("/etc/hostname");
      if (java.nio.file.Files.isReadable(etc)) {
        String s = java.nio.file.Files.readString(etc).strip();
        if (!s.isEmpty()) {
          return s;
        }
      }
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException | RuntimeException ex) {
      return "localhost";
    }
  }
}
