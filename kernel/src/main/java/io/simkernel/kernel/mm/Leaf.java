package io.simkernel.kernel.mm;

/**
 * A last-level page table: 512 entries in {@link Pte}'s layout (see {@link Node}).
 *
 * <p>In the Java heap a leaf is compact while it holds few entries: a 512-bit occupancy map says
 * which entries are present and {@link #vals} holds them in index order (an entry's place is its
 * rank), growing by doubling; past {@link #COMPACT_MAX} entries the leaf becomes the direct
 * {@code long[512]}. A forked child's tables hold a handful of entries each, so they cost a few
 * hundred bytes instead of 4 KiB, and copying or releasing one visits only its present entries.
 * The simulated page table is the same 4 KiB page either way (the memory report is unchanged).
 *
 * <p>Loops over the present entries read and rewrite them in place through a cursor: {@code
 * for (int i = l.first(), k = 0; i >= 0; i = l.next(i), k++) { int s = l.slot(i, k); ... }}.
 */
final class Leaf extends Node {
  /** Entries a compact leaf holds at most before it goes direct. */
  static final int COMPACT_MAX = 64;
  private static final int INITIAL = 8;
  private final long[] used = new long[Occupancy.WORDS];
  /** Compact (rank-indexed, length < 512) or direct (length 512); zero where nothing is present. */
  long[] vals;
  private int size;

  /** An empty compact leaf. */
  Leaf() {
    vals = new long[INITIAL];
  }

  /** An empty leaf, direct from the start if it is to be filled with many entries (fork). */
  Leaf(boolean direct) {
    vals = new long[direct ? 512 : INITIAL];
  }

  boolean direct() {
    return vals.length == 512;
  }

  /** The entry at index {@code i} (0 if none). */
  long get(int i) {
    long[] v = vals;
    if (v.length == 512) {
      return v[i];
    }
    return Occupancy.has(used, i) ? v[Occupancy.rank(used, i)] : 0;
  }

  /**
   * Where in {@link #vals} the present entry at index {@code i} is, {@code k} being its rank (a
   * loop's count of the entries before it).
   */
  int slot(int i, int k) {
    return vals.length == 512 ? i : k;
  }

  /** Sets the entry at index {@code i} (0 removes it). */
  void set(int i, long e) {
    boolean had = Occupancy.has(used, i);
    if (vals.length == 512) {
      vals[i] = e;
      if (e == 0 && had) {
        size--;
        Occupancy.remove(used, i);
      } else if (e != 0 && !had) {
        size++;
        Occupancy.add(used, i);
      }
      return;
    }
    int r = Occupancy.rank(used, i);
    if (had) {
      if (e != 0) {
        vals[r] = e;
        return;
      }
      System.arraycopy(vals, r + 1, vals, r, size - r - 1);
      vals[--size] = 0;
      Occupancy.remove(used, i);
      return;
    }
    if (e == 0) {
      return;
    }
    if (size == vals.length) {
      if (size == COMPACT_MAX) {
        goDirect();
        set(i, e);
        return;
      }
      vals = java.util.Arrays.copyOf(vals, size * 2);
    }
    System.arraycopy(vals, r, vals, r + 1, size - r);
    vals[r] = e;
    size++;
    Occupancy.add(used, i);
  }

  private void goDirect() {
    long[] direct = new long[512];
    int k = 0;
    for (int i = first(); i >= 0; i = next(i)) {
      direct[i] = vals[k++];
    }
    vals = direct;
  }

  /** Removes every entry in [from, to) (the caller has accounted for them). */
  void clearRange(int from, int to) {
    if (from == 0 && to == 512) {
      clear();
      return;
    }
    if (vals.length == 512) {
      for (int i = Occupancy.next(used, from - 1); i >= 0 && i < to; i = next(i)) {
        vals[i] = 0;
        Occupancy.remove(used, i);
        size--;
      }
      return;
    }
    int r0 = Occupancy.rank(used, from);
    int r1 = Occupancy.rank(used, to);
    if (r0 == r1) {
      return;
    }
    System.arraycopy(vals, r1, vals, r0, size - r1);
    java.util.Arrays.fill(vals, size - (r1 - r0), size, 0);
    size -= r1 - r0;
    for (int i = Occupancy.next(used, from - 1); i >= 0 && i < to; i = next(i)) {
      Occupancy.remove(used, i);
    }
  }

  /**
   * After the present entries [from, to) of {@code src} were written into this direct leaf's
   * {@link #vals} directly ({@code n} of them, at indexes that were empty here), marks them.
   */
  void addedFrom(Leaf src, int from, int to, int n) {
    Occupancy.addRange(used, src.used, from, to);
    size += n;
  }

  /** Present entries. */
  int size() {
    return size;
  }

  /** Empties the leaf, keeping its representation (NodePool keeps direct and compact apart). */
  void clear() {
    if (vals.length == 512) {
      java.util.Arrays.fill(vals, 0);
    } else {
      java.util.Arrays.fill(vals, 0, size, 0);
    }
    java.util.Arrays.fill(used, 0);
    size = 0;
  }

  /** The first present index, or -1. */
  int first() {
    return Occupancy.next(used, -1);
  }

  /** The next present index after {@code i}, or -1. */
  int next(int i) {
    return Occupancy.next(used, i);
  }

  /** The first present index at or after {@code i} (0 <= i <= 512), or -1. */
  int from(int i) {
    return Occupancy.next(used, i - 1);
  }

  /** The rank of index {@code i}: present entries below it. */
  int rank(int i) {
    return Occupancy.rank(used, i);
  }
}
