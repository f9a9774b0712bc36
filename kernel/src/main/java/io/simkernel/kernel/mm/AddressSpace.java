package io.simkernel.kernel.mm;

import java.util.List;

/**
 * A process's virtual memory as the rest of the kernel sees it. Words are 8 bytes, little-endian;
 * accesses may be unaligned. Every user-mode accessor either completes or throws the address
 * space's {@link MemoryFault}; a {@link MemoryFault#NOT_PRESENT} or {@link
 * MemoryFault#WRITE_PROTECT} fault is resolved by {@link #fault} and the access retried, exactly
 * as a hardware page fault is. The {@code kernel*} accessors are the kernel's {@code
 * copy_from_user}/{@code copy_to_user}: they resolve faults themselves (counted, see {@link
 * #takeKernelFaults}) and throw only for a bad address.
 */
public interface AddressSpace {
  long load(long addr);

  void store(long addr, long value);

  int loadByte(long addr);

  void storeByte(long addr, int value);

  /** Maps [start, start+length) (page-aligned) with a protection, filled from source or zeros. */
  void map(long start, long length, int prot, boolean shared, String name, byte[] source,
      long sourceOffset);

  /** A demand-zero fault: a zero-filled frame, or the zero page for a read. */
  int MINOR_ZERO = 0;
  /** A fault served from a page cache: an image or file page, or a shared object's page. */
  int MINOR_FILE = 1;
  /** A write to a copy-on-write page whose frame was shared: the frame was copied. */
  int COW_COPY = 2;
  /** A write to a copy-on-write page that no one else maps any more: the frame was reused. */
  int COW_REUSE = 3;
  /** No frame was free: the fault is not resolved (the kernel's OOM killer must act). */
  int OOM = -1;
  /** Nothing was missing once the page tables were unshared (not a fault to count). */
  int SPURIOUS = -2;

  /**
   * Resolves a not-present or write-protect fault at {@code addr} (Linux's {@code
   * handle_mm_fault}): returns the kind of fault handled ({@link #MINOR_ZERO}, {@link
   * #MINOR_FILE}, {@link #COW_COPY}, {@link #COW_REUSE}), {@link #SPURIOUS}, or {@link #OOM}
   * with nothing changed.
   */
  int fault(long addr, boolean write);

  /** Page-table entries the last {@link #fault} copied while unsharing tables (ondemand). */
  long lastFaultTableEntries();

  /** The child's address space at fork (FK-3, MM-1..MM-7: copy-on-write, per the policy). */
  AddressSpace fork();

  /** What the last {@link #fork} copied or shared: entries (classic) or tables (ondemand). */
  long lastForkEntries();

  /** Releases every page and mapping (exit, exec). */
  void release();

  /** Pages currently present (with an entry): what exit tears down. */
  long presentPages();

  /** Entries a {@link #release} has to visit (shared tables count one each). */
  long teardownEntries();

  /** Resident pages (anonymous, file and shared): the OOM killer's badness. */
  long residentPages();

  /** The resident set now by kind and its high-water mark (cheap: counters). */
  MemoryUsage usage();

  /** The proportional set size in bytes (a walk over every present entry). */
  long pssBytes();

  /** The mappings, in address order. */
  List<Vma> vmas();

  /**
   * One access by the kernel on the process's behalf without moving data ({@code touch}):
   * {@link #PROBE_OK} when it completed, else the {@link MemoryFault} code it raised (never
   * {@link MemoryFault#SYNC}).
   */
  int probe(long addr, boolean write);

  /** {@link #probe}: the access completed. */
  int PROBE_OK = -1;

  /** Faults the kernel accessors resolved since the last call (for getrusage). */
  int takeKernelFaults();

  /** A byte read by the kernel ({@code copy_from_user}); a bad address throws. */
  int kernelLoadByte(long addr);

  /** A word read by the kernel ({@code copy_from_user}). */
  long kernelLoad(long addr);

  /** A word written by the kernel ({@code copy_to_user}). */
  void kernelStore(long addr, long value);

  /** A byte written by the kernel ({@code copy_to_user}). */
  void kernelStoreByte(long addr, int value);

  /**
   * While {@code true}, accesses to pages of shared mappings do not stop for synchronisation: the
   * kernel is executing the instruction at its virtual time.
   */
  void permitShared(boolean permit);

  /** mmap(len, prot, flags) of anonymous memory: the address, or a negative errno. */
  long mmap(long len, long prot, long flags);

  /** munmap(addr, len): 0 or a negative errno. */
  long munmap(long addr, long len);

  /** mprotect(addr, len, prot): 0 or a negative errno. */
  long mprotect(long addr, long len, long prot);

  /** madvise(addr, len, advice): 0 or a negative errno. */
  long madvise(long addr, long len, long advice);

  /** brk(addr): the new break, or the current one when refused; the heap starts at heapStart. */
  long brk(long addr, long heapStart);

  /** A NUL-terminated string read by the kernel, at most {@code max} bytes, as UTF-8. */
  default String readString(long addr, int max) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < max; i++) {
      int b = kernelLoadByte(addr + i);
      if (b == 0) {
        break;
      }
      out.write(b);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
