package dev.coroner.search;

import dev.coroner.format.Event;
import dev.coroner.format.Source;
import dev.coroner.format.TimeKind;
import dev.coroner.format.When;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.util.BytesRef;

/**
 * An event and its timeline position as one stored value. One binary field per document costs
 * the stored-fields writer a fraction of what twenty named fields cost, and a hit needs all of
 * them anyway. A change of layout bumps {@link IndexSchema#VERSION}. Not thread-safe: one instance per indexing thread.
 */
final class EventCodec {
  private static final Source[] SOURCES = Source.values();
  private static final TimeKind[] KINDS = TimeKind.values();
  private final Buffer out = new Buffer();

  /** The bytes of {@code e} at position {@code seq}; valid until the next call. */
  BytesRef encode(Event e, long seq) {
    out.length = 0;
    try {
      out.writeVLong(seq);
      out.writeByte((byte) e.source().ordinal());
      out.writeByte((byte) e.timeKind().ordinal());
      out.writeString(e.file());
      out.writeVLong(e.line());
      out.writeVLong(e.lastLine() - e.line());
      out.writeVLong(e.ordinal());
      out.writeZLong(e.time());
      out.writeZLong(e.earliest());
      out.writeZLong(e.latest());
      out.writeString(e.level());
      out.writeString(e.logger());
      out.writeString(e.format());
      out.writeString(e.message());
      boolean same = e.text().equals(e.message());
      out.writeByte((byte) (same ? 0 : 1));
      if (!same) {
        out.writeString(e.text());
      }
      out.writeVInt(e.signals().size());
      for (String s : e.signals()) {
        out.writeString(s);
      }
      out.writeVInt(e.fields().size());
      for (Map.Entry<String, String> f : e.fields().entrySet()) {
        out.writeString(f.getKey());
        out.writeString(f.getValue());
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex); // in memory: does not happen
    }
    return new BytesRef(out.bytes, 0, out.length);
  }

  /** The position stored in {@code b}. */
  static long seq(BytesRef b) {
    return new ByteArrayDataInput(b.bytes, b.offset, b.length).readVLong();
  }

  /** The event stored in {@code b}; its body is its text (the index does not keep it apart). */
  static Event decode(BytesRef b) {
    try {
      return read(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: does not happen
    }
  }

  private static Event read(BytesRef b) throws IOException {
    ByteArrayDataInput in = new ByteArrayDataInput(b.bytes, b.offset, b.length);
    in.readVLong();
    Source source = SOURCES[in.readByte()];
    TimeKind kind = KINDS[in.readByte()];
    String file = in.readString();
    long line = in.readVLong();
    long lastLine = line + in.readVLong();
    long ordinal = in.readVLong();
    long time = in.readZLong();
    long earliest = in.readZLong();
    long latest = in.readZLong();
    String level = in.readString();
    String logger = in.readString();
    String format = in.readString();
    String message = in.readString();
    String text = in.readByte() == 0 ? message : in.readString();
    int ns = in.readVInt();
    List<String> signals = new ArrayList<>(ns);
    for (int i = 0; i < ns; i++) {
      signals.add(in.readString());
    }
    int nf = in.readVInt();
    Map<String, String> fields = new HashMap<>(nf * 2);
    for (int i = 0; i < nf; i++) {
      fields.put(in.readString(), in.readString());
    }
    return new Event(source, file, line, lastLine, ordinal, new When(time, earliest, latest, kind), level, logger, message,
        text, text, fields, format, signals);
  }

  /** A growable array to write into. */
  private static final class Buffer extends DataOutput {
    private byte[] bytes = new byte[512];
    private int length;

    @Override
    public void writeByte(byte b) {
      if (length == bytes.length) {
        bytes = Arrays.copyOf(bytes, bytes.length * 2);
      }
      bytes[length++] = b;
    }

    @Override
    public void writeBytes(byte[] b, int offset, int n) {
      if (length + n > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(length + n, bytes.length * 2));
      }
      System.arraycopy(b, offset, bytes, length, n);
      length += n;
    }
  }
}
