package io.simkernel.kernel.mm;

import static io.simkernel.kernel.mm.AddressSpace.COW_COPY;
import static io.simkernel.kernel.mm.AddressSpace.COW_REUSE;
import static io.simkernel.kernel.mm.AddressSpace.MINOR_FILE;
import static io.simkernel.kernel.mm.AddressSpace.MINOR_ZERO;
import static io.simkernel.kernel.mm.AddressSpace.OOM;

/**
 * Page-fault resolution, as mm/memory.c does it once the tables down to the entry are the
 * faulting process's own ({@link PageTable#ownPath}): {@code do_anonymous_page}, {@code
 * do_read_fault}/{@code do_cow_fault}/{@code do_shared_fault} for a missing entry, and {@code
 * do_wp_page} ({@code wp_page_reuse} or {@code wp_page_copy}) for a write to a write-protected
 * one (posix-semantics MM-4). Every path allocates before it changes anything, so running out of
 * frames ({@link AddressSpace#OOM}) leaves the space as it was.
 */
final class Faults {
  private Faults() {}

  private static final long NEW_PRIVATE =
      Pte.USER | Pte.WRITABLE | Pte.ACCESSED | Pte.DIRTY;

  /** A missing entry: map the page (zero page, page cache, a fresh or copied frame). */
  static int missing(RadixAddressSpace as, int vi, Vma v, Leaf l, int i, long addr,
      boolean write, boolean atomic) {
    PhysicalMemory mem = as.mem;
    PageTable t = as.table;
    MemoryObject o = v.object();
    boolean[] filled = as.filledFlag();
    if (v.shared()) {
      // do_shared_fault: the object's page, writable if the mapping is
      int f = o.frame(mem, v.objectPage(addr), atomic, filled);
      if (f < 0) {
        return OOM;
      }
      mem.get(f);
      t.set(l, i, Pte.make(f, Pte.SHMEM, Pte.USER | Pte.ACCESSED
          | (v.writable() ? Pte.WRITABLE : 0) | (write ? Pte.DIRTY : 0)));
      return filled[0] ? MINOR_ZERO : MINOR_FILE;
    }
    if (o != null && v.objectPage(addr) < o.contentPages()) {
      int pc = o.frame(mem, v.objectPage(addr), atomic, filled);
      if (pc < 0) {
        return OOM;
      }
      if (!write) {
        // do_read_fault: the page-cache page itself, read-only
        mem.get(pc);
        t.set(l, i, Pte.make(pc, Pte.FILE, Pte.USER | Pte.ACCESSED | Pte.COW));
        return MINOR_FILE;
      }
      // do_cow_fault: a private copy of the page-cache page
      int f = mem.alloc(atomic);
      if (f < 0) {
        return OOM;
      }
      mem.copy(pc, f);
      t.set(l, i, Pte.make(f, Pte.ANON, NEW_PRIVATE));
      as.markAnon(vi, v);
      return MINOR_FILE;
    }
    if (!write) {
      // do_anonymous_page, read: the shared zero page
      t.set(l, i, Pte.make(PhysicalMemory.ZERO_FRAME, Pte.ZERO,
          Pte.USER | Pte.ACCESSED | Pte.COW));
      return MINOR_ZERO;
    }
    int f = mem.alloc(atomic);
    if (f < 0) {
      return OOM;
    }
    t.set(l, i, Pte.make(f, Pte.ANON, NEW_PRIVATE));
    as.markAnon(vi, v);
    return MINOR_ZERO;
  }

  /** A write to a present, write-protected entry of a writable mapping: do_wp_page. */
  static int writeProtected(RadixAddressSpace as, int vi, Vma v, Leaf l, int i, long e,
      boolean atomic) {
    PhysicalMemory mem = as.mem;
    PageTable t = as.table;
    if (v.shared()) {
      t.set(l, i, e | Pte.WRITABLE | Pte.DIRTY | Pte.ACCESSED); // wp_page_shared
      return MINOR_FILE;
    }
    int old = Pte.frame(e);
    int kind = Pte.kind(e);
    if (kind == Pte.ANON && mem.refs(old) == 1) {
      // wp_page_reuse: no other table maps the frame any more (MM-4, MM-9)
      t.set(l, i, (e & ~Pte.COW) | Pte.WRITABLE | Pte.DIRTY | Pte.ACCESSED);
      return COW_REUSE;
    }
    int f = mem.alloc(atomic);
    if (f < 0) {
      return OOM;
    }
    if (kind != Pte.ZERO) {
      mem.copy(old, f); // wp_page_copy; a write to the zero page gets a zeroed frame
    }
    t.set(l, i, Pte.make(f, Pte.ANON, NEW_PRIVATE));
    mem.put(old);
    as.markAnon(vi, v);
    return kind == Pte.ZERO ? MINOR_ZERO : COW_COPY;
  }
}
