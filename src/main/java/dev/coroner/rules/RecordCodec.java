package dev.coroner.rules;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small binary form of the rule records (strings, numbers, booleans, lists, maps and records of
 * these), read back through each record's canonical constructor. Java serialisation of the same
 * records took as long to read on a cold JVM as the YAML did; this takes a few milliseconds.
 * Only records of {@code dev.coroner} are made, so the input cannot name other classes.
 */
final class RecordCodec {
  private static final int NULL = 0;
  private static final int STRING = 1;
  private static final int INT = 2;
  private static final int DOUBLE = 3;
  private static final int BOOL = 4;
  private static final int LIST = 5;
  private static final int MAP = 6;
  private static final int RECORD = 7;
  private final Map<String, Class<?>> classes = new HashMap<>();

  private RecordCodec() {}

  static void write(DataOutputStream out, Object v) throws IOException {
    if (v == null) {
      out.writeByte(NULL);
    } else if (v instanceof String s) {
      out.writeByte(STRING);
      writeString(out, s);
    } else if (v instanceof Integer i) {
      out.writeByte(INT);
      out.writeInt(i);
    } else if (v instanceof Double d) {
      out.writeByte(DOUBLE);
      out.writeDouble(d);
    } else if (v instanceof Boolean b) {
      out.writeByte(BOOL);
      out.writeBoolean(b);
    } else if (v instanceof List<?> l) {
      out.writeByte(LIST);
      out.writeInt(l.size());
      for (Object o : l) {
        write(out, o);
      }
    } else if (v instanceof Map<?, ?> m) {
      out.writeByte(MAP);
      out.writeInt(m.size());
      for (Map.Entry<?, ?> e : m.entrySet()) {
        write(out, e.getKey());
        write(out, e.getValue());
      }
    } else if (v instanceof Record r) {
      out.writeByte(RECORD);
      writeString(out, r.getClass().getName());
      RecordComponent[] cs = r.getClass().getRecordComponents();
      out.writeInt(cs.length);
      for (RecordComponent c : cs) {
        try {
          write(out, c.getAccessor().invoke(r));
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new IOException("cannot read " + c, e);
        }
      }
    } else {
      throw new IOException("cannot write a " + v.getClass().getName());
    }
  }

  /** Strings longer than writeUTF allows are common in rule samples: length-prefixed UTF-8. */
  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  static Object read(DataInputStream in) throws IOException {
    return new RecordCodec().readValue(in);
  }

  private Object readValue(DataInputStream in) throws IOException {
    int tag = in.readUnsignedByte();
    switch (tag) {
      case NULL:
        return null;
      case STRING:
        return readString(in);
      case INT:
        return in.readInt();
      case DOUBLE:
        return in.readDouble();
      case BOOL:
        return in.readBoolean();
      case LIST: {
        int n = in.readInt();
        List<Object> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          l.add(readValue(in));
        }
        return l;
      }
      case MAP: {
        int n = in.readInt();
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          m.put(readValue(in), readValue(in));
        }
        return m;
      }
      case RECORD:
        return readRecord(in);
      default:
        throw new IOException("bad tag " + tag);
    }
  }

  private Object readRecord(DataInputStream in) throws IOException {
    String name = readString(in);
    if (!name.startsWith("dev.coroner.")) {
      throw new IOException("not a rule record: " + name);
    }
    Class<?> c = classes.get(name);
    if (c == null) {
      try {
        c = Class.forName(name, false, RecordCodec.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IOException(e);
      }
      if (!c.isRecord()) {
        throw new IOException("not a record: " + name);
      }
      classes.put(name, c);
    }
    RecordComponent[] cs = c.getRecordComponents();
    int n = in.readInt();
    if (n != cs.length) {
      throw new IOException(name + " has changed since the build");
    }
    Object[] args = new Object[n];
    Class<?>[] types = new Class<?>[n];
    for (int i = 0; i < n; i++) {
      args[i] = readValue(in);
      types[i] = cs[i].getType();
    }
    try {
      Constructor<?> k = c.getDeclaredConstructor(types);
      return k.newInstance(args);
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      throw new IOException("cannot make " + name + ": " + e, e);
    }
  }

  private static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    return new String(in.readNBytes(n), java.nio.charset.StandardCharsets.UTF_8);
  }
}
