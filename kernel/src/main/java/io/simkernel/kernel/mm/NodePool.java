package io.simkernel.kernel.mm;

/**
 * Free page-table pages of one machine, reused instead of allocated: a fork + exit + wait cycle
 * builds and tears down a handful of tables (a {@link Leaf} is a 4 KiB {@code long[512]}, a
 * {@link Dir} a 512-slot array), and allocating and zeroing them was the largest cost of the
 * simulated fork (docs/benchmarks.md). Linux keeps freed page-table pages in per-CPU page lists
 * for the same reason.
 *
 * <p>A pooled node is handed out exactly as a new one would be — every entry and slot empty,
 * counters zero, one share, no pending write-protect — so reuse is invisible to the simulation
 * (the determinism tests compare event hashes). Bounded, so a machine that once had many tables
 * does not keep them all.
 */
final class NodePool {
  /** Nodes kept of each kind: 2 MiB of direct leaves at most. */
  static final int MAX = 512;
  private final Leaf[] leaves = new Leaf[MAX];
  /** Direct leaves ({@code long[512]}), kept apart: handed out only for a dense fork copy. */
  private final Leaf[] dense = new Leaf[MAX];
  private int nDense;
  private final Dir[] dirs = new Dir[MAX];
  private int nLeaves;
  private int nDirs;

  Leaf leaf() {
    if (nLeaves == 0) {
      return new Leaf();
    }
    Leaf l = leaves[--nLeaves];
    leaves[nLeaves] = null;
    return l;
  }

  /** A leaf to be filled with more entries than a compact one holds (a fork's copy). */
  Leaf denseLeaf() {
    if (nDense == 0) {
      return new Leaf(true);
    }
    Leaf l = dense[--nDense];
    dense[nDense] = null;
    return l;
  }

  Dir dir() {
    if (nDirs == 0) {
      return new Dir();
    }
    Dir d = dirs[--nDirs];
    dirs[nDirs] = null;
    return d;
  }

  /**
   * Takes back a leaf no tree references any more, its frames put already by {@link
   * PhysicalMemory#putEntries}; emptying it visits only its present entries.
   */
  void free(Leaf l) {
    if (l.direct()) {
      if (nDense < MAX) {
        l.clear();
        l.reset();
        dense[nDense++] = l;
      }
    } else if (nLeaves < MAX) {
      l.clear();
      l.reset();
      leaves[nLeaves++] = l;
    }
  }

  /** Takes back a directory no tree references any more (its children were released). */
  void free(Dir d) {
    if (nDirs < MAX) {
      d.clear();
      d.reset();
      dirs[nDirs++] = d;
    }
  }
}
