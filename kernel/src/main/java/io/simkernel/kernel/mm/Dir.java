package io.simkernel.kernel.mm;

/**
 * A directory page-table page: 512 slots of the next level down (see {@link Node}), with a
 * 512-bit occupancy map so that walks over a sparse directory (a process uses a handful of its
 * 512 slots) visit only the used ones: {@code for (int i = d.first(); i >= 0; i = d.next(i))}.
 *
 * <p>In the Java heap a directory is compact while it has few used slots: {@link #kids} holds
 * the used slots in index order (a slot's place is its rank in the occupancy map), growing by
 * doubling; past {@link #COMPACT_MAX} used slots it becomes the direct {@code Node[512]}. Only
 * the representation changes: the simulated page-table page is the same 4 KiB page either way
 * (docs/benchmarks.md, "Issue 9, third round").
 */
final class Dir extends Node {
  /** Used slots a compact directory holds at most before it goes direct. */
  static final int COMPACT_MAX = 32;
  private static final int INITIAL = 4;
  private final long[] used = new long[Occupancy.WORDS];
  /** Compact (rank-indexed, length < 512) or direct (length 512). */
  private Node[] kids = new Node[INITIAL];
  private int size;

  /** The node in slot {@code i}, or null. */
  Node get(int i) {
    Node[] k = kids;
    if (k.length == 512) {
      return k[i];
    }
    return Occupancy.has(used, i) ? k[Occupancy.rank(used, i)] : null;
  }

  /** Sets a slot (null clears it). */
  void set(int i, Node n) {
    if (kids.length == 512) {
      kids[i] = n;
      if (n == null) {
        if (Occupancy.has(used, i)) {
          size--;
        }
        Occupancy.remove(used, i);
      } else if (!Occupancy.has(used, i)) {
        size++;
        Occupancy.add(used, i);
      }
      return;
    }
    int r = Occupancy.rank(used, i);
    if (Occupancy.has(used, i)) {
      if (n != null) {
        kids[r] = n;
        return;
      }
      System.arraycopy(kids, r + 1, kids, r, size - r - 1);
      kids[--size] = null;
      Occupancy.remove(used, i);
      return;
    }
    if (n == null) {
      return;
    }
    if (size == kids.length) {
      if (size == COMPACT_MAX) {
        goDirect();
        set(i, n);
        return;
      }
      kids = java.util.Arrays.copyOf(kids, size * 2);
    }
    System.arraycopy(kids, r, kids, r + 1, size - r);
    kids[r] = n;
    size++;
    Occupancy.add(used, i);
  }

  private void goDirect() {
    Node[] direct = new Node[512];
    int k = 0;
    for (int i = first(); i >= 0; i = next(i)) {
      direct[i] = kids[k++];
    }
    kids = direct;
  }

  /** Used slots. */
  int size() {
    return size;
  }

  /** Empties every slot (visiting only the used ones); a direct directory becomes compact. */
  void clear() {
    if (kids.length == 512) {
      kids = new Node[INITIAL];
    } else {
      java.util.Arrays.fill(kids, 0, size, null);
    }
    java.util.Arrays.fill(used, 0);
    size = 0;
  }

  /** The first used slot, or -1. */
  int first() {
    return Occupancy.next(used, -1);
  }

  /** The next used slot after {@code i}, or -1. */
  int next(int i) {
    return Occupancy.next(used, i);
  }
}
