package io.simkernel.kernel.mm;

import io.simkernel.api.Constants;
import io.simkernel.api.Errno;
import io.simkernel.api.program.Layout;
import java.util.List;

/**
 * The mmap family on an address space, with Linux's checks in Linux's order (mm/mmap.c {@code
 * do_mmap}, {@code do_vmi_munmap}, {@code sys_brk}; mm/mprotect.c {@code do_mprotect_pkey};
 * mm/madvise.c {@code do_madvise}). Results are Linux's raw ones: an address or 0, or a negative
 * errno. The scenario's mmap has no address argument, so mappings go top-down below {@link
 * #MMAP_BASE} as Linux's {@code vm_unmapped_area} places them without ASLR.
 */
final class Mappings {
  private Mappings() {}

  /** One past the highest user address (x86-64's TASK_SIZE with 4-level tables). */
  static final long TASK_SIZE = 0x7ffffffff000L;
  /** Top of the mmap area: below the stack's 128 MiB gap, under the trampoline page. */
  static final long MMAP_BASE = Layout.TRAMPOLINE_BASE;
  /** vm.mmap_min_addr. */
  static final long MMAP_MIN = 0x10000;
  private static final long PROT_SEM = 8;

  /** A kernel-made mapping (the loader's sections and stack). */
  static void map(RadixAddressSpace as, long start, long length, int prot, boolean shared,
      String name, byte[] source, long sourceOffset) {
    if ((start & 4095) != 0 || length <= 0 || (sourceOffset & 4095) != 0) {
      throw new IllegalArgumentException("mapping must be page-aligned and non-empty: 0x"
          + Long.toHexString(start) + "+" + length);
    }
    long end = start + Layout.pageAlign(length);
    if (as.vmas.overlaps(start, end)) {
      throw new IllegalArgumentException("mapping " + name + " overlaps another at 0x"
          + Long.toHexString(start));
    }
    MemoryObject o = null;
    if (shared) {
      o = as.mem.shmem(name, (end - start) >>> 12, source == null ? null : source.clone());
      o.users++;
    } else if (source != null) {
      o = as.mem.file(name, source);
    }
    as.vmas.insert(new Vma(start, end, prot, shared ? Vma.SHARED : 0, name, o,
        sourceOffset >>> 12));
    as.invalidate();
  }

  /** mmap(NULL, len, prot, flags, -1, 0) of anonymous memory. */
  static long mmap(RadixAddressSpace as, long len, long prot, long flags) {
    long type = flags & 3; // MAP_SHARED, MAP_PRIVATE, MAP_SHARED_VALIDATE
    if (len == 0 || type == 0) {
      return Errno.EINVAL.negated();
    }
    long plen = Layout.pageAlign(len);
    if (len < 0 || plen <= 0 || plen > TASK_SIZE) {
      return Errno.ENOMEM.negated();
    }
    if ((flags & Constants.MAP_FIXED) != 0) {
      return Errno.EPERM.negated(); // a fixed mapping at address 0: below mmap_min_addr
    }
    long addr = as.vmas.gapBelow(MMAP_BASE, MMAP_MIN, plen);
    if (addr < 0) {
      return Errno.ENOMEM.negated();
    }
    boolean shared = type != Constants.MAP_PRIVATE;
    MemoryObject o = null;
    if (shared) {
      o = as.mem.shmem("/dev/zero (deleted)", plen >>> 12, null);
      o.users++;
    }
    as.vmas.insert(new Vma(addr, addr + plen, (int) (prot & 7), shared ? Vma.SHARED : 0,
        shared ? "/dev/zero (deleted)" : "[anon]", o, 0));
    as.vmas.merge(as.mem);
    as.invalidate();
    return addr;
  }

  /** munmap(addr, len). */
  static long munmap(RadixAddressSpace as, long addr, long len) {
    long plen = Layout.pageAlign(len);
    if ((addr & 4095) != 0 || len <= 0 || plen <= 0 || addr < 0 || addr + plen > TASK_SIZE
        || addr + plen < addr) {
      return Errno.EINVAL.negated();
    }
    unmap(as, addr, addr + plen);
    return 0;
  }

  private static void unmap(RadixAddressSpace as, long start, long end) {
    List<Vma> gone = as.vmas.remove(start, end);
    as.table.zap(start >>> 12, end >>> 12);
    for (Vma v : gone) {
      if (v.object() != null) {
        as.mem.unuse(v.object());
      }
    }
    as.invalidate();
  }

  /** mprotect(addr, len, prot): mappings before a hole keep their change (as Linux). */
  static long mprotect(RadixAddressSpace as, long addr, long len, long prot) {
    if ((addr & 4095) != 0 || (prot & ~(7 | PROT_SEM)) != 0) {
      return Errno.EINVAL.negated();
    }
    if (len == 0) {
      return 0;
    }
    long end = addr + Layout.pageAlign(len);
    if (len < 0 || end <= addr) {
      return Errno.ENOMEM.negated();
    }
    VmaList vmas = as.vmas;
    int i = vmas.firstEndingAfter(addr);
    if (i >= vmas.size() || vmas.get(i).start() > addr) {
      return Errno.ENOMEM.negated();
    }
    vmas.splitAt(addr);
    vmas.splitAt(end);
    long error = 0;
    long tmp = addr;
    for (i = vmas.firstEndingAfter(addr); i < vmas.size() && vmas.get(i).start() < end; i++) {
      Vma v = vmas.get(i);
      if (v.start() != tmp) {
        error = Errno.ENOMEM.negated();
        break;
      }
      vmas.set(i, v.withProt((int) (prot & 7)));
      as.table.protect(v.start() >>> 12, v.end() >>> 12, (int) (prot & 7), v.shared());
      tmp = v.end();
    }
    if (error == 0 && tmp < end) {
      error = Errno.ENOMEM.negated();
    }
    vmas.merge(as.mem);
    as.invalidate();
    return error;
  }

  /** madvise(addr, len, advice) for the advice the simulator models. */
  static long madvise(RadixAddressSpace as, long addr, long len, long advice) {
    if (!valid(advice) || (addr & 4095) != 0) {
      return Errno.EINVAL.negated();
    }
    long plen = Layout.pageAlign(len);
    if (len < 0 || (len != 0 && plen == 0) || addr + plen < addr) {
      return Errno.EINVAL.negated();
    }
    long end = addr + plen;
    if (end == addr) {
      return 0; // MM-7: zero length succeeds with no effect
    }
    VmaList vmas = as.vmas;
    long unmapped = 0;
    long start = addr;
    while (true) {
      int i = vmas.firstEndingAfter(start);
      if (i >= vmas.size()) {
        return Errno.ENOMEM.negated();
      }
      Vma v = vmas.get(i);
      if (start < v.start()) {
        unmapped = Errno.ENOMEM.negated();
        start = v.start();
        if (start >= end) {
          break;
        }
      }
      long tmp = Math.min(v.end(), end);
      long err = advise(as, v, start, tmp, advice);
      if (err != 0) {
        as.vmas.merge(as.mem);
        return err;
      }
      start = tmp;
      if (start >= end) {
        break;
      }
    }
    vmas.merge(as.mem);
    as.invalidate();
    return unmapped;
  }

  private static boolean valid(long advice) {
    return advice >= Constants.MADV_NORMAL && advice <= 4 // NORMAL RANDOM SEQUENTIAL WILLNEED DONTNEED
        || advice == Constants.MADV_DONTFORK || advice == Constants.MADV_DOFORK
        || advice == Constants.MADV_WIPEONFORK || advice == Constants.MADV_KEEPONFORK;
  }

  private static long advise(RadixAddressSpace as, Vma v, long start, long end, long advice) {
    int set = 0;
    int clear = 0;
    if (advice == Constants.MADV_DONTFORK) {
      set = Vma.DONTFORK;
    } else if (advice == Constants.MADV_DOFORK) {
      clear = Vma.DONTFORK;
    } else if (advice == Constants.MADV_WIPEONFORK) {
      if (v.object() != null || v.shared()) {
        return Errno.EINVAL.negated(); // anonymous private memory only (MM-7)
      }
      set = Vma.WIPEONFORK;
    } else if (advice == Constants.MADV_KEEPONFORK) {
      clear = Vma.WIPEONFORK;
    } else if (advice == 4) {
      as.table.zap(start >>> 12, end >>> 12); // MADV_DONTNEED: refaulted as zeros or from cache
      return 0;
    }
    int flags = (v.flags() | set) & ~clear;
    if (flags != v.flags()) {
      VmaList vmas = as.vmas;
      vmas.splitAt(start);
      vmas.splitAt(end);
      int i = vmas.find(start);
      vmas.set(i, vmas.get(i).withFlags(flags));
    }
    return 0;
  }

  /** brk(addr), mm/mmap.c: the new break, or the old one when the request is refused. */
  static long brk(RadixAddressSpace as, long addr, long heapStart) {
    if (as.startBrk == 0) {
      as.startBrk = heapStart;
      as.brk = heapStart;
    }
    if (addr < as.startBrk) {
      return as.brk;
    }
    long newbrk = Layout.pageAlign(addr);
    long oldbrk = Layout.pageAlign(as.brk);
    if (newbrk == oldbrk) {
      as.brk = addr;
      return addr;
    }
    if (addr <= as.brk) {
      as.brk = addr;
      unmap(as, newbrk, oldbrk);
      return addr;
    }
    if (newbrk <= 0 || newbrk > TASK_SIZE || as.vmas.overlaps(oldbrk, newbrk + 4096)) {
      return as.brk;
    }
    as.vmas.insert(new Vma(oldbrk, newbrk, Vma.PROT_READ | Vma.PROT_WRITE, 0, "[heap]", null,
        0));
    as.vmas.merge(as.mem);
    as.brk = addr;
    as.invalidate();
    return addr;
  }
}
