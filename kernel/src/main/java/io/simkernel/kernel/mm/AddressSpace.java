package io.simkernel.kernel.mm;

import java.util.List;

/**
 * A process's virtual memory as the rest of the kernel sees it. Words are 8 bytes, little-endian;
 * accesses may be unaligned. Every accessor either completes or throws the address space's
 * {@link MemoryFault}; a {@link MemoryFault#NOT_PRESENT} fault is resolved by {@link #fault} and
 * the access retried, exactly as a hardware page fault is.
 */
public interface AddressSpace {
  long load(long addr);

  void store(long addr, long value);

  int loadByte(long addr);

  void storeByte(long addr, int value);

  /** Maps [start, start+length) (page-aligned) with a protection, filled from source or zeros. */
  void map(long start, long length, int prot, boolean shared, String name, byte[] source,
      long sourceOffset);

  /**
   * Resolves a not-present fault at {@code addr}: makes the page present. Returns the kind of
   * fault handled: {@link #MINOR_ZERO} or {@link #MINOR_FILE}.
   */
  int fault(long addr, boolean write);

  int MINOR_ZERO = 0;
  int MINOR_FILE = 1;

  /** The child's address space at fork (FK-3: same contents, private from now on). */
  AddressSpace fork();

  /** Releases every page and mapping (exit, exec). */
  void release();

  /** Pages currently present (with a frame): what fork copies and exit tears down. */
  long presentPages();

  /** The mappings, in address order. */
  List<Vma> vmas();

  /**
   * A byte read by the kernel on the process's behalf ({@code copy_from_user}): not-present pages
   * are faulted in; a bad address throws the {@link MemoryFault} (the caller answers EFAULT).
   */
  default int kernelLoadByte(long addr) {
    while (true) {
      try {
        return loadByte(addr);
      } catch (MemoryFault f) {
        if (f.code() != MemoryFault.NOT_PRESENT) {
          throw f;
        }
        fault(addr, false);
      }
    }
  }

  /** A word read by the kernel ({@code copy_from_user}); see {@link #kernelLoadByte}. */
  default long kernelLoad(long addr) {
    while (true) {
      try {
        return load(addr);
      } catch (MemoryFault f) {
        if (f.code() != MemoryFault.NOT_PRESENT) {
          throw f;
        }
        fault(f.address(), false);
      }
    }
  }

  /** A word written by the kernel ({@code copy_to_user}); see {@link #kernelLoadByte}. */
  default void kernelStore(long addr, long value) {
    while (true) {
      try {
        store(addr, value);
        return;
      } catch (MemoryFault f) {
        if (f.code() != MemoryFault.NOT_PRESENT) {
          throw f;
        }
        fault(f.address(), true);
      }
    }
  }

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
