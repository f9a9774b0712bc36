package io.simkernel.kernel.mm;

/**
 * A 512-bit occupancy map of a page-table page — which of its 512 indexes are used — with the
 * running counts that give each used index its rank (how many used indexes are below it) in
 * constant time, which is where a compact {@link Dir} or {@link Leaf} keeps it. Layout: {@code
 * long[10]}, words 0..7 the bits, words 8..9 eight 16-bit lanes, lane w = used indexes in words
 * below w. Only {@link #add} and {@link #remove} change it (or a fill with zeros: empty).
 */
final class Occupancy {
  static final int WORDS = 10;

  /** What {@link #add} adds to words 8 and 9 for an index in word w: one in every lane above w. */
  private static final long[] LOW = new long[8];
  private static final long[] HIGH = new long[8];

  static {
    for (int w = 0; w < 8; w++) {
      for (int j = w + 1; j < 8; j++) {
        if (j < 4) {
          LOW[w] += 1L << (j << 4);
        } else {
          HIGH[w] += 1L << ((j & 3) << 4);
        }
      }
    }
  }

  private Occupancy() {}

  static boolean has(long[] used, int i) {
    return (used[i >>> 6] & (1L << i)) != 0;
  }

  private static int lane(long[] used, int w) {
    return (int) (used[8 + (w >>> 2)] >>> ((w & 3) << 4)) & 0xffff;
  }

  /** Used indexes below {@code i} (0 <= i <= 512). */
  static int rank(long[] used, int i) {
    if (i >= 512) {
      return lane(used, 7) + Long.bitCount(used[7]);
    }
    int w = i >>> 6;
    return lane(used, w) + Long.bitCount(used[w] & ((1L << i) - 1));
  }

  /** Marks an unused index used. */
  static void add(long[] used, int i) {
    int w = i >>> 6;
    used[w] |= 1L << i;
    used[8] += LOW[w];
    used[9] += HIGH[w];
  }

  /** Marks a used index unused. */
  static void remove(long[] used, int i) {
    int w = i >>> 6;
    used[w] &= ~(1L << i);
    used[8] -= LOW[w];
    used[9] -= HIGH[w];
  }

  /**
   * Marks used in {@code dst} the indexes in [from, hi) that are used in {@code src} and unused in
   * {@code dst} (a bulk {@link #add}: a dense fork copy).
   */
  static void addRange(long[] dst, long[] src, int from, int hi) {
    for (int w = from >>> 6; w < 8 && (w << 6) < hi; w++) {
      int lo = Math.max(from, w << 6) & 63;
      int top = Math.min(hi, (w << 6) + 64) - (w << 6);
      long mask = (-1L << lo) & (top == 64 ? -1L : (1L << top) - 1);
      dst[w] |= src[w] & mask;
    }
    long low = 0;
    long high = 0;
    int below = 0;
    for (int w = 0; w < 8; w++) {
      if (w < 4) {
        low |= (long) below << (w << 4);
      } else {
        high |= (long) below << ((w & 3) << 4);
      }
      below += Long.bitCount(dst[w]);
    }
    dst[8] = low;
    dst[9] = high;
  }

  /** The next used index after {@code i}, or -1. */
  static int next(long[] used, int i) {
    int j = i + 1;
    if (j >= 512) {
      return -1;
    }
    int w = j >>> 6;
    long bits = used[w] & (-1L << j);
    while (bits == 0) {
      if (++w == 8) {
        return -1;
      }
      bits = used[w];
    }
    return (w << 6) + Long.numberOfTrailingZeros(bits);
  }
}
