package io.simkernel.kernel.mm;

/**
 * The page-table half of fork, for both policies. {@code classic} is Linux's {@code
 * copy_page_range} / {@code copy_present_pte}: every present entry of a mapping that needs copying
 * is copied into the child's tables, the frame's count goes up, and an anonymous page is
 * write-protected and marked copy-on-write in parent and child (posix-semantics MM-2).
 * {@code ondemand} shares the largest subtrees it may — every subtree that covers no {@code
 * MADV_DONTFORK} or {@code MADV_WIPEONFORK} range — by taking a reference on the table and
 * marking it write-protect-pending; under such a range it falls back to copying entries.
 */
final class TableFork {
  private TableFork() {}

  /** Copies the entries of pages [sv, ev) from parent to child; returns entries copied. */
  static long copyRange(PageTable parent, PageTable child, long sv, long ev) {
    long entries = 0;
    Counts delta = new Counts(); // the child leaf's counters before the copy, not a whole table
    long vpn = sv;
    while (vpn < ev) {
      long leafBase = vpn & ~511L;
      long leafEnd = Math.min(ev, leafBase + 512);
      Leaf l = parent.walk(vpn);
      if (l == null || l.present == 0) {
        vpn = l == null ? Math.min(ev, nextPossible(parent, vpn)) : leafEnd;
        continue;
      }
      int from = (int) (vpn - leafBase);
      int to = (int) (leafEnd - leafBase);
      Leaf c = child.ownPath(vpn, true, l.rank(to) - l.rank(from) > Leaf.COMPACT_MAX);
      delta.copyCounts(c);
      entries += copyEntries(parent.mem, l, c, from, to);
      child.addToPath(c, delta);
      vpn = leafEnd;
    }
    return entries;
  }

  /** Four counters, to remember a node's before a change (a Node without a table). */
  private static final class Counts extends Node {}

  /** The first page after {@code vpn} that may have a table (skips missing directories). */
  private static long nextPossible(PageTable t, long vpn) {
    Node n = t.root;
    for (int level = 3; level >= 1; level--) {
      Node c = ((Dir) n).get(PageTable.index(vpn, level));
      if (c == null) {
        long span = PageTable.span(level - 1);
        return (vpn & ~(span - 1)) + span;
      }
      n = c;
    }
    return (vpn & ~511L) + 512;
  }

  /**
   * Copies the present entries [from, to) of a parent leaf into a child leaf: one more reference
   * on each frame; anonymous pages become copy-on-write on both sides. Returns entries copied.
   * Visits only the present entries of the range (in index order, as before).
   */
  static long copyEntries(PhysicalMemory mem, Leaf src, Leaf dst, int from, int to) {
    if (src.direct() && dst.direct()) {
      return copyDense(mem, src, dst, from, to);
    }
    int[] refs = mem.counts(); // no frame is allocated while copying: the array stays
    long[] in = src.vals; // src's layout does not change here (only dst grows)
    int n = 0;
    int anon = 0;
    int file = 0;
    int shmem = 0;
    for (int i = src.from(from), k = src.rank(from); i >= 0 && i < to; i = src.next(i), k++) {
      long e = share(in, src.slot(i, k), refs);
      n++;
      switch (Pte.kind(e)) {
        case Pte.ANON -> anon++;
        case Pte.FILE -> file++;
        case Pte.SHMEM -> shmem++;
        default -> { }
      }
      dst.set(i, e);
    }
    dst.anon += anon;
    dst.file += file;
    dst.shmem += shmem;
    dst.present += n;
    return n;
  }

  /**
   * One present entry of a parent leaf (at {@code in[s]}) going to a child: one more reference on
   * its frame, the parent's entry made copy-on-write if anonymous ({@link Pte#copyOnWrite});
   * returns the child's entry, which starts old (copy_present_pte clears the accessed bit).
   */
  private static long share(long[] in, int s, int[] refs) {
    long e = in[s];
    int f = Pte.frame(e);
    if (f != PhysicalMemory.ZERO_FRAME) {
      refs[f]++;
    }
    e = Pte.copyOnWrite(e);
    in[s] = e;
    return e & ~Pte.ACCESSED;
  }

  /** {@link #copyEntries} between two direct leaves: a plain scan, then the bits in bulk. */
  private static long copyDense(PhysicalMemory mem, Leaf src, Leaf dst, int from, int to) {
    int[] refs = mem.counts();
    long[] in = src.vals;
    long[] out = dst.vals;
    int n = 0;
    int anon = 0;
    int file = 0;
    int shmem = 0;
    for (int i = from; i < to; i++) {
      if (in[i] == 0) {
        continue;
      }
      long e = share(in, i, refs);
      n++;
      switch (Pte.kind(e)) {
        case Pte.ANON -> anon++;
        case Pte.FILE -> file++;
        case Pte.SHMEM -> shmem++;
        default -> { }
      }
      out[i] = e;
    }
    dst.addedFrom(src, from, to, n);
    dst.anon += anon;
    dst.file += file;
    dst.shmem += shmem;
    dst.present += n;
    return n;
  }

  /**
   * The ondemand fork: the child's tree shares every subtree of the parent's that covers none of
   * the {@code keepOut} page ranges (sorted pairs start, end) and copies entries outside them
   * below. Returns the tables shared plus entries and slots copied.
   */
  static long share(PageTable parent, PageTable child, long[] keepOut, VmaList vmas) {
    long[] work = {0};
    child.replaceEmptyRoot((Dir) shareNode(parent, parent.root, 3, 0, keepOut, vmas, work));
    return work[0];
  }

  private static Node shareNode(PageTable parent, Node n, int level, long base, long[] keepOut,
      VmaList vmas, long[] work) {
    long span = PageTable.span(level);
    if (!overlaps(keepOut, base, base + span)) {
      n.shares++;
      n.wpPending = true;
      work[0]++;
      return n;
    }
    if (n instanceof Leaf l) {
      Leaf c = parent.newLeaf();
      for (int i = vmas.firstEndingAfter(base << 12); i < vmas.size(); i++) {
        Vma v = vmas.get(i);
        long vs = v.start() >>> 12;
        if (vs >= base + 512) {
          break;
        }
        if (!v.has(Vma.DONTFORK) && !v.has(Vma.WIPEONFORK)) {
          int from = (int) (Math.max(vs, base) - base);
          int to = (int) (Math.min(v.end() >>> 12, base + 512) - base);
          work[0] += copyEntries(parent.mem, l, c, from, to);
        }
      }
      return c;
    }
    Dir d = (Dir) n;
    Dir c = parent.newDir();
    long child = span >>> 9;
    for (int i = d.first(); i >= 0; i = d.next(i)) {
      Node k = shareNode(parent, d.get(i), level - 1, base + i * child, keepOut, vmas, work);
      c.set(i, k);
      c.addCounts(k, 1);
      work[0]++;
    }
    return c;
  }

  private static boolean overlaps(long[] ranges, long s, long e) {
    for (int i = 0; i < ranges.length; i += 2) {
      if (ranges[i] < e && s < ranges[i + 1]) {
        return true;
      }
    }
    return false;
  }
}
