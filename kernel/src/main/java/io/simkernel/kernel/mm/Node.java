package io.simkernel.kernel.mm;

/**
 * A page-table page: a {@link Dir} (levels 3, 2, 1: PML4, PDPT, PD) or a {@link Leaf} (level 0:
 * the PTE table). A node is referenced by {@link #shares} parents (address-space roots or
 * directory slots); more than one only under the {@code ondemand} fork policy, where fork shares
 * tables copy-on-write. {@link #wpPending} says the subtree was shared at a fork and its private
 * writable entries are logically write-protected, which is made physical lazily (pushed down a
 * level at a time) the first time a path through it is made exclusive.
 *
 * <p>The counters are the present entries of the subtree by kind, so an address space's RSS is
 * its root's counters, whatever is shared.
 */
abstract class Node {
  int shares = 1;
  boolean wpPending;
  long anon;
  long file;
  long shmem;
  long present;
  /** Epoch of the last invariant walk that visited this node (a visited mark, not a hash). */
  int mark;
  /** References found by the last invariant walk. */
  int seenRefs;

  final void copyCounts(Node from) {
    anon = from.anon;
    file = from.file;
    shmem = from.shmem;
    present = from.present;
  }

  final void addCounts(Node from, int sign) {
    anon += sign * from.anon;
    file += sign * from.file;
    shmem += sign * from.shmem;
    present += sign * from.present;
  }

  /** Adds one entry of a kind ({@link Pte#ANON}...) with a sign. */
  final void count(int kind, int sign) {
    present += sign;
    switch (kind) {
      case Pte.ANON -> anon += sign;
      case Pte.FILE -> file += sign;
      case Pte.SHMEM -> shmem += sign;
      default -> { } // the zero page is in no RSS counter (as in Linux)
    }
  }

  /** As new: one share, nothing pending, no entries counted (NodePool). */
  final void reset() {
    shares = 1;
    wpPending = false;
    anon = 0;
    file = 0;
    shmem = 0;
    present = 0;
    mark = 0;
    seenRefs = 0;
  }

  final long rss() {
    return anon + file + shmem;
  }
}
