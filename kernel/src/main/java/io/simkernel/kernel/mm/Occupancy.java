package io.simkernel.kernel.mm;

/**
 * A 512-bit occupancy map ({@code long[8]}) of a page-table page: which of its 512 indexes are
 * used. It lets walks visit only the used indexes and gives each used index its rank (how many
 * used indexes are below it), which is where a compact {@link Dir} or {@link Leaf} keeps it.
 */
final class Occupancy {
  private Occupancy() {}

  static boolean has(long[] used, int i) {
    return (used[i >>> 6] & (1L << i)) != 0;
  }

  /** Used indexes below {@code i} (0 <= i <= 512). */
  static int rank(long[] used, int i) {
    int w = i >>> 6;
    int r = w < 8 ? Long.bitCount(used[w] & ((1L << i) - 1)) : 0;
    for (int k = 0; k < w; k++) {
      r += Long.bitCount(used[k]);
    }
    return r;
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
