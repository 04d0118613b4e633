package dev.coroner.format;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An event's fields: a handful of names and values in two arrays, in the order they were found,
 * immutable. Every record gets one; a hash map per record, filled and then copied into an
 * immutable one, was a fifth of reading an access log. Lookups compare the few names in turn.
 */
public final class FieldMap extends AbstractMap<String, String> {
  private static final FieldMap EMPTY = new FieldMap(new String[0], new String[0]);
  /**
   * No fields, because none were read: the fields of a record that a pass did not need
   * ({@link EventReader#wanting}), told apart from a record without fields by identity
   * ({@link Event#fieldsUnread}).
   */
  static final FieldMap UNREAD = new FieldMap(new String[0], new String[0]);
  private final String[] keys;
  private final String[] values;
  /** What the body these fields were read from is known to be, or null ({@link #shape}). */
  private final BodyShape shape;

  private FieldMap(String[] keys, String[] values) {
    this(keys, values, null);
  }

  private FieldMap(String[] keys, String[] values, BodyShape shape) {
    this.keys = keys;
    this.values = values;
    this.shape = shape;
  }

  /** The fields of {@code m}, in its iteration order (nulls refused, as Map.copyOf does). */
  public static FieldMap copyOf(Map<String, String> m) {
    if (m instanceof FieldMap f) {
      return f;
    }
    if (m.isEmpty()) {
      return EMPTY;
    }
    String[] k = new String[m.size()];
    String[] v = new String[m.size()];
    int i = 0;
    for (Map.Entry<String, String> e : m.entrySet()) {
      k[i] = Objects.requireNonNull(e.getKey());
      v[i++] = Objects.requireNonNull(e.getValue());
    }
    return new FieldMap(k, v);
  }

  /** Where the field {@code key} is, or -1. */
  int indexOf(String key) {
    return indexOf(keys, keys.length, key);
  }

  /** The value of the field at {@code i}. */
  public String valueAt(int i) {
    return values[i];
  }

  /** The name of the field at {@code i}. */
  public String keyAt(int i) {
    return keys[i];
  }

  /**
   * These fields read from a body of {@code shape} whose gap holds {@code value}: the value at the
   * shape's index replaced (the names shared: never changed). Two such maps of one shape differ
   * there alone.
   */
  FieldMap shaped(BodyShape shape, String value) {
    String[] v = values.clone();
    v[shape.index()] = Objects.requireNonNull(value);
    return new FieldMap(keys, v, shape);
  }

  /**
   * What the body these fields were read from is known to be: the text of a {@link BodyShape}
   * with the value of the field at its index in place of its gap; null when nothing is known
   * (most fields). Equality of maps ignores it.
   */
  public BodyShape shape() {
    return shape;
  }

  /** {@link #shape}, when the field its gap holds is none of {@code names}; else null. */
  public BodyShape shapeApartFrom(java.util.Collection<String> names) {
    return shape != null && !names.contains(keys[shape.index()]) ? shape : null;
  }

  /**
   * Where {@code key} is among the first {@code size} names, or -1: by identity first (names
   * are mostly the same constant strings), then by value.
   */
  private static int indexOf(String[] keys, int size, Object key) {
    for (int i = 0; i < size; i++) {
      if (keys[i] == key) {
        return i;
      }
    }
    for (int i = 0; i < size; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether {@code other} holds the same fields as this, leaving aside those named in
   * {@code skip} (whatever their values, and whether or not either holds them).
   */
  public boolean sameExcept(Map<String, String> other, String[] skip) {
    int mine = 0;
    for (int i = 0; i < keys.length; i++) {
      if (skipped(keys[i], skip)) {
        continue;
      }
      mine++;
      if (!values[i].equals(other.get(keys[i]))) {
        return false;
      }
    }
    int theirs = other.size();
    for (String k : skip) {
      if (other.containsKey(k)) {
        theirs--;
      }
    }
    return mine == theirs;
  }

  private static boolean skipped(String key, String[] skip) {
    for (String k : skip) {
      if (k.equals(key)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String get(Object key) {
    int i = indexOf(keys, keys.length, key);
    return i < 0 ? null : values[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(keys, keys.length, key) >= 0;
  }

  @Override
  public int size() {
    return keys.length;
  }

  @Override
  public Set<Map.Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
          private int i;

          @Override
          public boolean hasNext() {
            return i < keys.length;
          }

          @Override
          public Map.Entry<String, String> next() {
            if (i >= keys.length) {
              throw new NoSuchElementException();
            }
            Map.Entry<String, String> e = new SimpleImmutableEntry<>(keys[i], values[i]);
            i++;
            return e;
          }
        };
      }

      @Override
      public int size() {
        return keys.length;
      }
    };
  }

  /**
   * Collects fields for one record after another (cleared in between), where the first value
   * of a name wins as with {@code putIfAbsent}; {@link #build} makes the immutable map. One per
   * reading thread.
   */
  public static final class Builder extends AbstractMap<String, String> {
    private String[] keys = new String[8];
    private String[] values = new String[8];
    private int size;

    @Override
    public void clear() {
      Arrays.fill(keys, 0, size, null);
      Arrays.fill(values, 0, size, null);
      size = 0;
    }

    @Override
    public String get(Object key) {
      int i = indexOf(keys, size, key);
      return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
      return indexOf(keys, size, key) >= 0;
    }

    @Override
    public String put(String key, String value) {
      Objects.requireNonNull(key);
      Objects.requireNonNull(value);
      int i = indexOf(keys, size, key);
      if (i >= 0) {
        String old = values[i];
        values[i] = value;
        return old;
      }
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      keys[size] = key;
      values[size++] = value;
      return null;
    }

    /** Adds a name the caller has just found absent ({@link #containsKey} false): no second look. */
    void addAbsent(String key, String value) {
      Objects.requireNonNull(key);
      Objects.requireNonNull(value);
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      keys[size] = key;
      values[size++] = value;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
      return build().entrySet();
    }

    /** The fields collected so far, as an immutable map. */
    public FieldMap build() {
      return size == 0 ? EMPTY : new FieldMap(Arrays.copyOf(keys, size), Arrays.copyOf(values, size));
    }
  }
}
