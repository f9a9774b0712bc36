package io.simkernel.kernel.mm;

/**
 * Proportional set size, as fs/proc/task_mmu.c's {@code smaps_account}: each resident page counts
 * {@code PAGE_SIZE / mapcount}, in fixed point with {@code PSS_SHIFT} = 12 bits. The number of
 * address spaces mapping a frame is its count without page-cache holds when no table is shared
 * (exact under {@code classic}); a page seen through shared tables counts the extra sharers of
 * the tables on its path (exact unless shared tables are nested in other shared tables).
 */
final class Pss {
  private Pss() {}

  private static final int PSS_SHIFT = 12;

  static long of(PhysicalMemory mem, PageTable t) {
    return walk(mem, t.root, 0) >>> PSS_SHIFT;
  }

  private static long walk(PhysicalMemory mem, Node n, int extra) {
    int more = extra + n.shares - 1;
    long sum = 0;
    if (n instanceof Dir d) {
      for (int i = d.first(); i >= 0; i = d.next(i)) {
        sum += walk(mem, d.get(i), more);
      }
      return sum;
    }
    Leaf l = (Leaf) n;
    for (int i = l.first(), k = 0; i >= 0; i = l.next(i), k++) {
      long e = l.vals[l.slot(i, k)];
      if (Pte.kind(e) == Pte.ZERO) {
        continue;
      }
      int kind = Pte.kind(e);
      int holds = kind == Pte.FILE || kind == Pte.SHMEM ? 1 : 0;
      long mapcount = Math.max(1, mem.refs(Pte.frame(e)) - holds + more);
      sum += (4096L << PSS_SHIFT) / mapcount;
    }
    return sum;
  }
}
