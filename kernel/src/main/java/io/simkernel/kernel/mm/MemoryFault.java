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

  @Override
  public String getMessage() {
    return (code == NOT_PRESENT ? "page not present" : code == SEGV_MAPERR ? "SEGV_MAPERR"
        : "SEGV_ACCERR") + " at 0x" + Long.toHexString(address) + (write ? " (write)" : " (read)");
  }
}
