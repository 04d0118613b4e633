package dev.coroner.timeline;

import java.util.Arrays;

/**
 * A bounded record of (index, value) pairs for a sequence of unknown length: keeps every
 * {@code stride}-th element, doubling the stride when full, so a billion-line file costs the same
 * memory as a small one. Two series of equal length can be paired index by index. Its arrays
 * grow with use up to the capacity (a series of one element costs a few dozen bytes, not the
 * capacity: a folder of 100,000 distinct paths has 100,000 of them).
 */
final class Series {
  /** The default capacity: 2^15 pairs, 512 KiB when full. */
  static final int CAPACITY = 1 << 15;
  private static final int INITIAL = 4;
  private final int capacity;
  private long[] index = new long[INITIAL];
  private long[] value = new long[INITIAL];
  private int size;
  private long stride = 1;
  private long count;

  Series() {
    this(CAPACITY);
  }

  /** @param capacity how many pairs it keeps at most (a power of two, at least 4) */
  Series(int capacity) {
    if (capacity < INITIAL || Integer.bitCount(capacity) != 1) {
      throw new IllegalArgumentException("capacity " + capacity);
    }
    this.capacity = capacity;
  }

  /** Adds the next element of the sequence (its index is the number added before it). */
  void add(long v) {
    long k = count++;
    if (k % stride != 0) {
      return;
    }
    if (size == index.length && size < capacity) {
      index = Arrays.copyOf(index, Math.min(capacity, size * 2));
      value = Arrays.copyOf(value, index.length);
    }
    if (size == capacity) {
      int j = 0;
      for (int i = 0; i < size; i++) {
        if (index[i] % (stride * 2) == 0) {
          index[j] = index[i];
          value[j] = value[i];
          j++;
        }
      }
      size = j;
      stride *= 2;
      if (k % stride != 0) {
        return;
      }
    }
    index[size] = k;
    value[size] = v;
    size++;
  }

  long count() {
    return count;
  }

  long stride() {
    return stride;
  }

  int size() {
    return size;
  }

  /** Heap bytes of its arrays: grows with use, at most 16 bytes per pair of the capacity. */
  long arrayBytes() {
    return 16L * index.length;
  }

  long indexAt(int i) {
    return index[i];
  }

  long valueAt(int i) {
    return value[i];
  }

  /** The value kept for sequence index {@code k}, or -1 when it was not kept. */
  long valueOf(long k) {
    int i = Arrays.binarySearch(index, 0, size, k);
    return i >= 0 ? value[i] : -1;
  }
}
