package io.simkernel.kernel.mm;

import java.util.List;

/**
 * An address space over {@link PhysicalMemory}: the mappings ({@link VmaList}), a 4-level page
 * table ({@link PageTable}) and a one-page cache for reads and one for writes, so that the VM's
 * loads and stores usually touch one array and allocate nothing. The caches hold only what the
 * entries allow: a page is in the write cache only while its entry is writable and every table
 * above it is this space's own; every change of an entry of this space empties them.
 */
final class RadixAddressSpace implements AddressSpace {
  final PhysicalMemory mem;
  final PageTable table;
  final VmaList vmas;
  private final MemoryFault fault = new MemoryFault();
  private final boolean[] filled = new boolean[1];
  /** Index in the machine's list of live spaces, -1 once released. */
  int slot = -1;
  private long rVpn = -1;
  private long[] rData;
  private long wVpn = -1;
  private long[] wData;
  private boolean permit;
  private boolean noCache;
  long startBrk;
  long brk;
  private long hiwater;
  private int kernelFaults;
  private long lastForkEntries;
  private long lastFaultEntries;

  RadixAddressSpace(PhysicalMemory mem) {
    this.mem = mem;
    this.table = new PageTable(mem);
    this.vmas = new VmaList();
    mem.register(this);
  }

  private RadixAddressSpace(RadixAddressSpace parent) {
    this.mem = parent.mem;
    this.table = new PageTable(mem);
    this.vmas = new VmaList();
    this.startBrk = parent.startBrk;
    this.brk = parent.brk;
    mem.register(this);
  }

  /** Forgets the cached pages: an entry of this space changed. */
  void invalidate() {
    mem.changes++;
    rVpn = -1;
    rData = null;
    wVpn = -1;
    wData = null;
  }

  // ------------------------------------------------------------------ the VM's accesses

  @Override
  public long load(long addr) {
    if ((addr & 7) == 0) {
      long[] d = (addr >>> 12) == rVpn ? rData : readPage(addr);
      return d[(int) (addr >>> 3) & 511];
    }
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | loadByte(addr + i);
    }
    return v;
  }

  @Override
  public void store(long addr, long value) {
    if ((addr & 7) == 0) {
      long[] d = (addr >>> 12) == wVpn ? wData : writePage(addr);
      d[(int) (addr >>> 3) & 511] = value;
      return;
    }
    // check both pages first, so a faulting unaligned store changes nothing
    writePage(addr);
    writePage(addr + 7);
    for (int i = 0; i < 8; i++) {
      storeByte(addr + i, (int) (value >>> (8 * i)));
    }
  }

  @Override
  public int loadByte(long addr) {
    long[] d = (addr >>> 12) == rVpn ? rData : readPage(addr);
    return (int) (d[(int) (addr >>> 3) & 511] >>> ((addr & 7) * 8)) & 0xFF;
  }

  @Override
  public void storeByte(long addr, int value) {
    long[] d = (addr >>> 12) == wVpn ? wData : writePage(addr);
    int i = (int) (addr >>> 3) & 511;
    int shift = (int) ((addr & 7) * 8);
    d[i] = (d[i] & ~(0xFFL << shift)) | ((long) (value & 0xFF) << shift);
  }

  private long[] readPage(long addr) {
    int f = readableFrame(addr);
    long[] d = mem.read(f);
    if (!noCache) {
      rVpn = addr >>> 12;
      rData = d;
    }
    return d;
  }

  private long[] writePage(long addr) {
    int f = writableFrame(addr);
    long[] d = mem.write(f);
    if (!noCache) {
      wVpn = addr >>> 12;
      wData = d;
      rVpn = wVpn; // the read cache may hold this page's old zeros
      rData = d;
    }
    return d;
  }

  /** The frame behind a readable page (accessed bit set), or the fault. */
  private int readableFrame(long addr) {
    if (addr >>> 47 != 0) {
      throw fault.set(MemoryFault.SEGV_MAPERR, addr, false);
    }
    long vpn = addr >>> 12;
    Leaf l = table.walk(vpn);
    int i = (int) vpn & 511;
    long e = l == null ? 0 : l.get(i);
    if (Pte.readable(e)) {
      checkShared(addr, e, false);
      if ((e & Pte.ACCESSED) == 0) {
        l.set(i, e | Pte.ACCESSED);
      }
      return Pte.frame(e);
    }
    throw classify(addr, false, e);
  }

  /** The frame behind a writable page (accessed and dirty bits set), or the fault. */
  private int writableFrame(long addr) {
    if (addr >>> 47 != 0) {
      throw fault.set(MemoryFault.SEGV_MAPERR, addr, true);
    }
    long vpn = addr >>> 12;
    Leaf l = table.walk(vpn);
    int i = (int) vpn & 511;
    long e = l == null ? 0 : l.get(i);
    if (Pte.writable(e) && table.lastExclusive) {
      checkShared(addr, e, true);
      l.set(i, e | Pte.ACCESSED | Pte.DIRTY);
      return Pte.frame(e);
    }
    throw classify(addr, true, e);
  }

  /**
   * A page of a shared object that another mapping may be using is never cached, and without the
   * kernel's permission an access to it stops the VM ({@link MemoryFault#SYNC}).
   */
  private void checkShared(long addr, long e, boolean write) {
    noCache = false;
    if (Pte.kind(e) != Pte.SHMEM) {
      return;
    }
    int i = vmas.find(addr);
    MemoryObject o = i < 0 ? null : vmas.get(i).object();
    if (o != null && o.users > 1) {
      if (!permit) {
        throw fault.set(MemoryFault.SYNC, addr, write);
      }
      noCache = true;
    }
  }

  private MemoryFault classify(long addr, boolean write, long e) {
    int i = vmas.find(addr);
    if (i < 0) {
      return fault.set(MemoryFault.SEGV_MAPERR, addr, write);
    }
    Vma v = vmas.get(i);
    if (write ? !v.writable() : !v.readable()) {
      return fault.set(MemoryFault.SEGV_ACCERR, addr, write);
    }
    if (!Pte.present(e)) {
      return fault.set(MemoryFault.NOT_PRESENT, addr, write);
    }
    return fault.set(write ? MemoryFault.WRITE_PROTECT : MemoryFault.SEGV_ACCERR, addr, write);
  }

  // ------------------------------------------------------------------ faults

  @Override
  public int fault(long addr, boolean write) {
    return resolve(addr, write, false);
  }

  private int resolve(long addr, boolean write, boolean atomic) {
    int vi = vmas.find(addr);
    if (vi < 0 || !vmas.get(vi).readable()) {
      throw new IllegalStateException("no fault to resolve at 0x" + Long.toHexString(addr));
    }
    Vma v = vmas.get(vi);
    write &= v.writable(); // a store's first read of a read-only page: the store will fail
    long vpn = addr >>> 12;
    int i = (int) vpn & 511;
    table.takeCopied();
    Leaf l = table.ownPath(vpn, true);
    long e = l.get(i);
    int kind;
    if (!Pte.present(e)) {
      kind = Faults.missing(this, vi, v, l, i, addr, write, atomic);
    } else if (write && !Pte.writable(e)) {
      kind = Faults.writeProtected(this, vi, v, l, i, e, atomic);
    } else {
      kind = SPURIOUS;
    }
    invalidate();
    lastFaultEntries = table.takeCopied();
    switch (kind) {
      case MINOR_ZERO -> mem.zeroFills++;
      case MINOR_FILE -> mem.fileFills++;
      case COW_COPY -> mem.cowCopies++;
      case COW_REUSE -> mem.cowReuses++;
      default -> { }
    }
    hiwater = Math.max(hiwater, table.root.rss());
    return kind;
  }

  @Override
  public long lastFaultTableEntries() {
    return lastFaultEntries;
  }

  /** Marks a mapping as holding anonymous pages (so that fork copies it). */
  void markAnon(int vi, Vma v) {
    if (!v.has(Vma.ANON)) {
      vmas.set(vi, v.withFlags(v.flags() | Vma.ANON));
    }
  }

  boolean[] filledFlag() {
    return filled;
  }

  // ------------------------------------------------------------------ the kernel's accesses

  @Override
  public int probe(long addr, boolean write) {
    permit = true;
    try {
      if (write) {
        writableFrame(addr);
      } else {
        readableFrame(addr);
      }
      return PROBE_OK;
    } catch (MemoryFault f) {
      return f.code();
    } finally {
      permit = false;
      noCache = false;
    }
  }

  @Override
  public int takeKernelFaults() {
    int n = kernelFaults;
    kernelFaults = 0;
    return n;
  }

  @Override
  public void permitShared(boolean p) {
    permit = p;
    noCache = false;
  }

  /** Resolves a fault met by a kernel accessor, or rethrows it (a bad address, no memory). */
  private void kernelFault(MemoryFault f) {
    int c = f.code();
    if (c != MemoryFault.NOT_PRESENT && c != MemoryFault.WRITE_PROTECT) {
      throw f;
    }
    int kind = resolve(f.address(), f.isWrite(), true);
    if (kind == OOM) {
      mem.outOfMemory();
      throw fault.set(MemoryFault.OOM, f.address(), f.isWrite());
    }
    if (kind != SPURIOUS) {
      kernelFaults++;
    }
  }

  @Override
  public int kernelLoadByte(long addr) {
    boolean was = permit;
    permit = true;
    try {
      while (true) {
        try {
          return loadByte(addr);
        } catch (MemoryFault f) {
          kernelFault(f);
        }
      }
    } finally {
      permitShared(was);
    }
  }

  @Override
  public long kernelLoad(long addr) {
    boolean was = permit;
    permit = true;
    try {
      while (true) {
        try {
          return load(addr);
        } catch (MemoryFault f) {
          kernelFault(f);
        }
      }
    } finally {
      permitShared(was);
    }
  }

  @Override
  public void kernelStore(long addr, long value) {
    boolean was = permit;
    permit = true;
    try {
      while (true) {
        try {
          store(addr, value);
          return;
        } catch (MemoryFault f) {
          kernelFault(f);
        }
      }
    } finally {
      permitShared(was);
    }
  }

  @Override
  public void kernelStoreByte(long addr, int value) {
    boolean was = permit;
    permit = true;
    try {
      while (true) {
        try {
          storeByte(addr, value);
          return;
        } catch (MemoryFault f) {
          kernelFault(f);
        }
      }
    } finally {
      permitShared(was);
    }
  }

  // ------------------------------------------------------------------ fork, exit, accounting

  @Override
  public AddressSpace fork() {
    RadixAddressSpace child = new RadixAddressSpace(this);
    long entries = Forking.fork(this, child);
    invalidate();
    lastForkEntries = entries;
    mem.forks++;
    mem.forkEntries += entries;
    child.hiwater = child.table.root.rss();
    return child;
  }

  @Override
  public long lastForkEntries() {
    return lastForkEntries;
  }

  @Override
  public void release() {
    if (slot < 0) {
      return; // released already
    }
    table.releaseAll();
    for (int i = 0; i < vmas.size(); i++) {
      MemoryObject o = vmas.get(i).object();
      if (o != null) {
        mem.unuse(o);
      }
    }
    vmas.clear();
    invalidate();
    mem.unregister(this);
  }

  @Override
  public long presentPages() {
    return table.root.present;
  }

  @Override
  public long teardownEntries() {
    return table.teardownEntries();
  }

  @Override
  public long residentPages() {
    return table.root.rss();
  }

  @Override
  public MemoryUsage usage() {
    Node r = table.root;
    return new MemoryUsage(r.anon, r.file, r.shmem, Math.max(hiwater, r.rss()));
  }

  @Override
  public long pssBytes() {
    return Pss.of(mem, table);
  }

  void noteRss() {
    hiwater = Math.max(hiwater, table.root.rss());
  }

  @Override
  public List<Vma> vmas() {
    return vmas.view();
  }

  // ------------------------------------------------------------------ mappings

  @Override
  public void map(long start, long length, int prot, boolean shared, String name, byte[] source,
      long sourceOffset) {
    Mappings.map(this, start, length, prot, shared, name, source, sourceOffset);
  }

  @Override
  public long mmap(long len, long prot, long flags) {
    return Mappings.mmap(this, len, prot, flags);
  }

  @Override
  public long munmap(long addr, long len) {
    return Mappings.munmap(this, addr, len);
  }

  @Override
  public long mprotect(long addr, long len, long prot) {
    return Mappings.mprotect(this, addr, len, prot);
  }

  @Override
  public long madvise(long addr, long len, long advice) {
    return Mappings.madvise(this, addr, len, advice);
  }

  @Override
  public long brk(long addr, long heapStart) {
    return Mappings.brk(this, addr, heapStart);
  }
}
