package dev.coroner.timeline;

import dev.coroner.format.Event;
import dev.coroner.format.Source;
import dev.coroner.format.TimeKind;
import dev.coroner.format.When;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An event of the second pass, with the index of the log it came from, as bytes of a spill run
 * ({@link Spill}) and back, losslessly: the event read back {@code equals} the one written
 * (every string char by char, lone surrogates included, fields in their order). Strings are
 * written as their char count and each char in 1 to 3 bytes (Java's modified UTF-8, without
 * its 64 KB limit).
 */
final class SpillCodec {
  private static final Source[] SOURCES = Source.values();
  private static final TimeKind[] KINDS = TimeKind.values();
  /** How {@code body} relates to the other strings, so that the common cases are not written twice. */
  private static final int BODY_OWN = 0;
  private static final int BODY_IS_TEXT = 1;
  private static final int BODY_IS_MESSAGE = 2;
  /** Short strings that recur (names, levels, keys) are shared on reading, up to this many. */
  private static final int SHARED_MAX = 4_096;
  private static final int SHARED_LEN = 64;

  private byte[] bytes = new byte[1024];
  private char[] chars = new char[256];
  private final Map<String, String> shared = new HashMap<>();

  /** Writes {@code e}, read from the log of index {@code file}. */
  void write(DataOutputStream out, Event e, int file) throws IOException {
    out.writeInt(file);
    out.writeByte(e.source() == null ? -1 : e.source().ordinal());
    writeString(out, e.file());
    out.writeLong(e.line());
    out.writeLong(e.lastLine());
    out.writeLong(e.ordinal());
    out.writeLong(e.time());
    out.writeLong(e.earliest());
    out.writeLong(e.latest());
    out.writeByte(e.timeKind() == null ? -1 : e.timeKind().ordinal());
    writeString(out, e.level());
    writeString(out, e.logger());
    writeString(out, e.message());
    writeString(out, e.text());
    String body = e.body();
    if (body != null && body.equals(e.text())) {
      out.writeByte(BODY_IS_TEXT);
    } else if (body != null && body.equals(e.message())) {
      out.writeByte(BODY_IS_MESSAGE);
    } else {
      out.writeByte(BODY_OWN);
      writeString(out, body);
    }
    out.writeInt(e.fields().size());
    for (Map.Entry<String, String> f : e.fields().entrySet()) {
      writeString(out, f.getKey());
      writeString(out, f.getValue());
    }
    writeString(out, e.format());
    out.writeInt(e.signals().size());
    for (String s : e.signals()) {
      writeString(out, s);
    }
  }

  /** An event and the index of its log. */
  record Entry(Event event, int file) {}

  /** The next entry, or null at the end of the run. */
  Entry read(DataInputStream in) throws IOException {
    int file;
    try {
      file = in.readInt();
    } catch (EOFException end) {
      return null;
    }
    int src = in.readByte();
    String name = readString(in);
    long line = in.readLong();
    long lastLine = in.readLong();
    long ordinal = in.readLong();
    long time = in.readLong();
    long earliest = in.readLong();
    long latest = in.readLong();
    int kind = in.readByte();
    String level = readString(in);
    String logger = readString(in);
    String message = readString(in);
    String text = readString(in);
    int bodyKind = in.readByte();
    String body = bodyKind == BODY_IS_TEXT ? text : bodyKind == BODY_IS_MESSAGE ? message : readString(in);
    int nf = in.readInt();
    Map<String, String> fields = new LinkedHashMap<>(Math.max(4, nf * 2));
    for (int i = 0; i < nf; i++) {
      String k = readString(in);
      fields.put(k, readString(in));
    }
    String format = readString(in);
    int ns = in.readInt();
    List<String> signals = new ArrayList<>(ns);
    for (int i = 0; i < ns; i++) {
      signals.add(readString(in));
    }
    Event e = new Event(src < 0 ? null : SOURCES[src], name, line, lastLine, ordinal,
        new When(time, earliest, latest, kind < 0 ? null : KINDS[kind]), level, logger, message, body, text, fields, format,
        signals);
    return new Entry(e, file);
  }

  private void writeString(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    int n = s.length();
    if (bytes.length < 3 * n) {
      bytes = new byte[Math.max(3 * n, bytes.length * 2)];
    }
    int at = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 1 && c <= 0x7F) {
        bytes[at++] = (byte) c;
      } else if (c <= 0x7FF) {
        bytes[at++] = (byte) (0xC0 | (c >> 6));
        bytes[at++] = (byte) (0x80 | (c & 0x3F));
      } else {
        bytes[at++] = (byte) (0xE0 | (c >> 12));
        bytes[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        bytes[at++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    out.writeInt(n);
    out.writeInt(at);
    out.write(bytes, 0, at);
  }

  private String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    int len = in.readInt();
    if (bytes.length < len) {
      bytes = new byte[Math.max(len, bytes.length * 2)];
    }
    if (chars.length < n) {
      chars = new char[Math.max(n, chars.length * 2)];
    }
    in.readFully(bytes, 0, len);
    int at = 0;
    for (int i = 0; i < n; i++) {
      int b = bytes[at++] & 0xFF;
      if (b < 0x80) {
        chars[i] = (char) b;
      } else if (b < 0xE0) {
        chars[i] = (char) (((b & 0x1F) << 6) | (bytes[at++] & 0x3F));
      } else {
        chars[i] = (char) (((b & 0x0F) << 12) | ((bytes[at++] & 0x3F) << 6) | (bytes[at++] & 0x3F));
      }
    }
    String s = new String(chars, 0, n);
    if (n > SHARED_LEN) {
      return s;
    }
    String known = shared.get(s);
    if (known != null) {
      return known;
    }
    if (shared.size() < SHARED_MAX) {
      shared.put(s, s);
    }
    return s;
  }
}
