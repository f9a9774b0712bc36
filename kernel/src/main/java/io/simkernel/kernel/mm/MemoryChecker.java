package io.simkernel.kernel.mm;

import java.util.ArrayList;
import java.util.List;

/**
 * The memory invariants of a machine (posix-semantics I-9, DESIGN.md "Invariants"), walked over
 * every live address space and page cache:
 * <ul>
 *   <li>frame-counts: every frame's count equals the entries mapping it in distinct tables plus
 *       the page caches holding it; a frame with count 0 is mapped by nothing and free;</li>
 *   <li>frames-in-use: the in-use total equals the frames with a non-zero count;</li>
 *   <li>table-shares: every table is referenced by exactly {@code shares} parents;</li>
 *   <li>table-counters: a table's resident counters equal its entries (or its children's sums);</li>
 *   <li>entries-in-mappings: every present entry lies in a mapping of a space that reaches it, and
 *       is writable only if the mapping is;</li>
 *   <li>exclusive-writable: a writable anonymous entry maps a frame of count 1 (I-9).</li>
 * </ul>
 */
final class MemoryChecker {
  private final PhysicalMemory mem;
  private final int epoch;
  private final int[] seen;
  private final List<Node> nodes = new ArrayList<>();
  private String bad;

  MemoryChecker(PhysicalMemory mem) {
    this.mem = mem;
    this.epoch = mem.nextEpoch();
    this.seen = new int[mem.frameLimit()];
  }

  String check() {
    for (RadixAddressSpace as : mem.spaces()) {
      visit(as, as.table.root, 3, 0);
      if (bad != null) {
        return bad;
      }
    }
    for (Node n : nodes) {
      if (n.shares != n.seenRefs) {
        return "table-shares: a level table is shared " + n.shares + " times but "
            + n.seenRefs + " tables or spaces reference it";
      }
    }
    for (MemoryObject o : mem.objects()) {
      o.forEachFrame(f -> seen[f]++);
    }
    long inUse = 0;
    for (int f = 1; f < seen.length; f++) {
      if (mem.refs(f) != seen[f]) {
        return "frame-counts: frame " + f + " has count " + mem.refs(f) + " but " + seen[f]
            + " entries and caches map it";
      }
      inUse += seen[f] > 0 ? 1 : 0;
    }
    if (inUse != mem.framesInUse()) {
      return "frames-in-use: " + mem.framesInUse() + " frames counted in use, " + inUse
          + " have references";
    }
    return null;
  }

  private void visit(RadixAddressSpace as, Node n, int level, long base) {
    if (n.mark == epoch) {
      n.seenRefs++;
      return;
    }
    n.mark = epoch;
    n.seenRefs = 1;
    nodes.add(n);
    if (n instanceof Dir d) {
      long anon = 0;
      long file = 0;
      long shmem = 0;
      long present = 0;
      long child = PageTable.span(level - 1);
      int used = 0;
      for (int i = d.first(); i >= 0 && bad == null; i = d.next(i)) {
        Node s = d.get(i);
        if (s == null) {
          bad = "table-counters: the level-" + level + " table at page 0x"
              + Long.toHexString(base) + " marks slot " + i + " used but holds no table";
          return;
        }
        used++;
        visit(as, s, level - 1, base + i * child);
        anon += s.anon;
        file += s.file;
        shmem += s.shmem;
        present += s.present;
      }
      if (bad == null && used != d.size()) {
        bad = "table-counters: the level-" + level + " table at page 0x" + Long.toHexString(base)
            + " has " + used + " tables but counts " + d.size();
      }
      if (bad == null && (anon != d.anon || file != d.file || shmem != d.shmem
          || present != d.present)) {
        bad = "table-counters: the level-" + level + " table at page 0x" + Long.toHexString(base)
            + " counts " + d.present + " entries, its tables hold " + present;
      }
      return;
    }
    leaf(as, (Leaf) n, base);
  }

  private void leaf(RadixAddressSpace as, Leaf l, long base) {
    long[] counts = new long[4];
    long present = 0;
    for (int i = l.first(); i >= 0 && bad == null; i = l.next(i)) {
      long e = l.get(i);
      if (e == 0) {
        bad = "table-counters: the page table at 0x" + Long.toHexString(base << 12)
            + " marks entry " + i + " present but holds 0";
        return;
      }
      present++;
      int kind = Pte.kind(e);
      counts[kind]++;
      int f = Pte.frame(e);
      long addr = (base + i) << 12;
      if (kind == Pte.ZERO ? f != PhysicalMemory.ZERO_FRAME : f <= 0 || f >= seen.length) {
        bad = "frame-counts: the entry for 0x" + Long.toHexString(addr) + " maps frame " + f;
        return;
      }
      if (kind != Pte.ZERO) {
        seen[f]++;
      }
      int vi = as.vmas.find(addr);
      if (vi < 0) {
        bad = "entries-in-mappings: 0x" + Long.toHexString(addr) + " is mapped outside every"
            + " mapping";
      } else if ((e & Pte.WRITABLE) != 0 && !as.vmas.get(vi).writable()) {
        bad = "entries-in-mappings: 0x" + Long.toHexString(addr) + " is writable in a mapping"
            + " that is not (" + as.vmas.get(vi) + ")";
      } else if ((e & Pte.WRITABLE) != 0 && kind == Pte.ANON && mem.refs(f) != 1) {
        bad = "exclusive-writable: 0x" + Long.toHexString(addr) + " is writable but frame " + f
            + " has count " + mem.refs(f) + " (I-9)";
      } else if (mem.isFree(f)) {
        bad = "frame-counts: 0x" + Long.toHexString(addr) + " maps frame " + f + ", which is free";
      }
    }
    if (bad == null && (counts[Pte.ANON] != l.anon || counts[Pte.FILE] != l.file
        || counts[Pte.SHMEM] != l.shmem || present != l.present || present != l.size())) {
      bad = "table-counters: the page table at 0x" + Long.toHexString(base << 12) + " counts "
          + l.present + " entries but holds " + present;
    }
  }
}
