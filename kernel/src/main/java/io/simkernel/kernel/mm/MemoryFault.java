package io.simkernel.kernel.mm;

/**
 * A memory access the hardware could not complete. Thrown by {@link AddressSpace} accessors and
 * caught by the VM, which stops before the faulting instruction so that the kernel handles the
 * fault at the right virtual time. Preallocated per address space and stackless: faults are
 * control flow here, not errors.
 */
public final class MemoryFault extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The page is mapped but not present: the kernel fills it and the instruction is retried. */
  public static final int NOT_PRESENT = 0;
  /** No mapping at the address: SIGSEGV with si_code SEGV_MAPERR (1). */
  public static final int SEGV_MAPERR = 1;
  /** The mapping forbids the access: SIGSEGV with si_code SEGV_ACCERR (2). */
  public static final int SEGV_ACCERR = 2;
  /**
   * A write to a present page whose entry (or a table above it) is write-protected for
   * copy-on-write: the kernel resolves it ({@link AddressSpace#fault} with write = true: a copy or
   * a reuse) and the instruction is retried.
   */
  public static final int WRITE_PROTECT = 3;
  /**
   * An access to a page of a shared mapping that another address space may use at the same
   * time: not an error but a synchronisation point (DESIGN.md rule 2), so that writes to shared
   * memory take effect in virtual-time order. The kernel performs the instruction by itself at
   * the fault's time and the process continues after it.
   */
  public static final int SYNC = 4;
  /** The kernel needed a frame and none was left (only from kernel-mode accesses). */
  public static final int OOM = 5;

  private int code;
  private long address;
  private boolean write;

  MemoryFault() {
    super(null, null, false, false);
  }

  MemoryFault set(int code, long address, boolean write) {
    this.code = code;
    this.address = address;
    this.write = write;
    return this;
  }

  public int code() {
    return code;
  }

  public long address() {
    return address;
  }

  public boolean isWrite() {
    return write;
  }

  /** A short name of a fault code. */
  public static String describe(int code) {
    return switch (code) {
      case NOT_PRESENT -> "page not present";
      case SEGV_MAPERR -> "SEGV_MAPERR";
      case SEGV_ACCERR -> "SEGV_ACCERR";
      case WRITE_PROTECT -> "write-protected";
      case SYNC -> "shared-memory synchronisation";
      default -> "out of memory";
    };
  }

  @Override
  public String getMessage() {
    return describe(code) + " at 0x" + Long.toHexString(address) + (write ? " (write)" : " (read)");
  }
}
