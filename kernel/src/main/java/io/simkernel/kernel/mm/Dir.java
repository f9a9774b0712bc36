package io.simkernel.kernel.mm;

/**
 * A directory page-table page: 512 slots of the next level down (see {@link Node}), with a
 * 512-bit occupancy map so that walks over a sparse directory (a process uses a handful of its
 * 512 slots) visit only the used ones: {@code for (int i = d.first(); i >= 0; i = d.next(i))}.
 */
final class Dir extends Node {
  final Node[] slots = new Node[512];
  private final long[] used = new long[8];

  /** Sets a slot (null clears it). */
  void set(int i, Node n) {
    slots[i] = n;
    if (n == null) {
      used[i >>> 6] &= ~(1L << i);
    } else {
      used[i >>> 6] |= 1L << i;
    }
  }

  /** Empties every slot (visiting only the used ones). */
  void clear() {
    for (int i = first(); i >= 0; i = next(i)) {
      slots[i] = null;
    }
    java.util.Arrays.fill(used, 0);
  }

  /** The first used slot, or -1. */
  int first() {
    return next(-1);
  }

  /** The next used slot after {@code i}, or -1. */
  int next(int i) {
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
