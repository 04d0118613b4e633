package dev.coroner.search;

import java.nio.charset.StandardCharsets;

/**
 * A 128-bit non-cryptographic hash for {@link IndexKey}: two independent 64-bit lanes over the
 * same bytes (FNV-1a, and a multiply-xorshift lane), each finished with SplitMix64's mixer. An
 * index key only has to change when its inputs change, against accidents, not adversaries; this
 * keeps {@code java.security} (its providers, and SHA-256's rounds) out of a warm search.
 */
final class KeyHash {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final long GOLDEN = 0x9e3779b97f4a7c15L;
  private long a = FNV_OFFSET;
  private long b = GOLDEN;
  private long length;

  /** Adds {@code s} as one field: its UTF-8 length, a colon, then its bytes, so fields cannot run into each other. */
  KeyHash field(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    String len = Integer.toString(bytes.length);
    for (int i = 0; i < len.length(); i++) {
      add((byte) len.charAt(i));
    }
    add((byte) ':');
    for (byte x : bytes) {
      add(x);
    }
    return this;
  }

  private void add(byte x) {
    a = (a ^ (x & 0xff)) * FNV_PRIME;
    b = (b ^ (x & 0xff)) * GOLDEN;
    b ^= b >>> 29;
    length++;
  }

  /** The hash as 32 lower-case hex digits. */
  String hex128() {
    return hex(mix(a ^ length)) + hex(mix(b + length));
  }

  /** The first lane alone, 16 hex digits. */
  String hex64() {
    return hex(mix(a ^ length));
  }

  /** SplitMix64's finaliser: every input bit reaches every output bit. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static String hex(long v) {
    String s = Long.toHexString(v);
    return "0".repeat(16 - s.length()) + s;
  }
}
