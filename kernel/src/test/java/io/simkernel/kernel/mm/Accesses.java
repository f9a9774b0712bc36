package io.simkernel.kernel.mm;

/**
 * Test helper: user-mode accesses as the VM and the kernel make them together — an access that
 * faults is resolved the way the kernel does ({@link AddressSpace#fault}; a store's fault is a
 * write fault even when the VM's undo-log read raised it; a shared page is accessed with the
 * kernel's permission) and retried; the resolved faults are counted by kind.
 */
final class Accesses {
  final long[] kinds = new long[4];
  long faults;

  /** The word at an address, or throws the fault that would raise SIGSEGV. */
  long load(AddressSpace as, long addr) {
    try {
      while (true) {
        try {
          return as.load(addr);
        } catch (MemoryFault f) {
          resolve(as, f, false);
        }
      }
    } finally {
      as.permitShared(false);
    }
  }

  /** Stores a word as the VM's store instruction does (old value read first). */
  void store(AddressSpace as, long addr, long value) {
    try {
      while (true) {
        try {
          as.load(addr & -8L);
          as.store(addr, value);
          return;
        } catch (MemoryFault f) {
          resolve(as, f, true);
        }
      }
    } finally {
      as.permitShared(false);
    }
  }

  private void resolve(AddressSpace as, MemoryFault f, boolean store) {
    int code = f.code();
    if (code == MemoryFault.SYNC) {
      as.permitShared(true); // the kernel executes the access at its time
      return;
    }
    if (code != MemoryFault.NOT_PRESENT && code != MemoryFault.WRITE_PROTECT) {
      throw new SegvException(code, f.address());
    }
    int kind = as.fault(f.address(), store || f.isWrite());
    if (kind == AddressSpace.OOM) {
      throw new IllegalStateException("out of memory");
    }
    if (kind >= 0) {
      kinds[kind]++;
      faults++;
    }
  }

  /** An access that would raise SIGSEGV with this si_code. */
  static final class SegvException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int code;

    SegvException(int code, long addr) {
      super((code == MemoryFault.SEGV_MAPERR ? "SEGV_MAPERR" : "SEGV_ACCERR") + " at 0x"
          + Long.toHexString(addr));
      this.code = code;
    }
  }
}
