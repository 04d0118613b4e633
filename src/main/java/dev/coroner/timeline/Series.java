package dev.coroner.timeline;

import java.util.Arrays;

/**
 * A bounded record of (index, value) pairs for a sequence of unknown length: keeps every
 * {@code stride}-th element, doubling the stride when full, so a billion-line file costs the same
 * memory as a small one. Two series of equal length can be paired index by index.
 */
final class Series {
  private static final int CAPACITY = 1 << 15;
  private long[] index = new long[CAPACITY];
  private long[] value = new long[CAPACITY];
  private int size;
  private long stride = 1;
  private long count;

  /** Adds the next element of the sequence (its index is the number added before it). */
  void add(long v) {
    long k = count++;
    if (k % stride != 0) {
      return;
    }
    if (size == CAPACITY) {
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
