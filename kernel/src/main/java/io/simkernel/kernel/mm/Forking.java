package io.simkernel.kernel.mm;

import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;

/**
 * fork's memory half, kernel/fork.c {@code dup_mmap}: the child gets a copy of every mapping but
 * those marked {@code MADV_DONTFORK}; a {@code MADV_WIPEONFORK} mapping comes empty (its mark is
 * inherited); a shared object gains a user. Then the tables ({@link TableFork}): under {@code
 * classic} the entries of every private mapping holding anonymous pages are copied ({@code
 * vma_needs_copy}: the others are refilled by faults, with identical results, MM-3); under
 * {@code ondemand} whole tables are shared.
 */
final class Forking {
  private Forking() {}

  /** Fills the child's mappings and tables; returns the fork's work for the cost model. */
  static long fork(RadixAddressSpace parent, RadixAddressSpace child) {
    VmaList pv = parent.vmas;
    LongArrayList keepOut = new LongArrayList();
    LongArrayList copy = new LongArrayList();
    for (int i = 0; i < pv.size(); i++) {
      Vma v = pv.get(i);
      long s = v.start() >>> 12;
      long e = v.end() >>> 12;
      if (v.has(Vma.DONTFORK)) {
        keepOut.add(s);
        keepOut.add(e);
        continue;
      }
      Vma c = v;
      if (v.has(Vma.WIPEONFORK)) {
        keepOut.add(s);
        keepOut.add(e);
        c = v.withFlags(v.flags() & ~Vma.ANON);
      } else if (!v.shared() && v.has(Vma.ANON)) {
        copy.add(s);
        copy.add(e);
      }
      child.vmas.append(c);
      if (v.object() != null && v.object().type == MemoryObject.SHMEM) {
        v.object().users++;
      }
    }
    if (parent.mem.policy() == ForkPolicy.ONDEMAND) {
      return TableFork.share(parent.table, child.table, keepOut.toArray(), pv);
    }
    long entries = 0;
    for (int i = 0; i < copy.size(); i += 2) {
      entries += TableFork.copyRange(parent.table, child.table, copy.get(i), copy.get(i + 1));
    }
    return entries;
  }
}
