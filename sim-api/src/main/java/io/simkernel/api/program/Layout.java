package io.simkernel.api.program;

/**
 * Where an image's sections sit in a process's virtual address space, like a non-PIE x86-64 ELF:
 * text at 0x400000 (8 bytes an instruction, so a code label's value is an address, never 0 or 1,
 * which are {@code SIG_DFL} and {@code SIG_IGN}), then read-only data, data and bss, each
 * page-aligned; the heap ({@code brk}) after bss; the stack below {@link #STACK_TOP}.
 */
public final class Layout {
  private Layout() {}

  public static final long PAGE_SIZE = 4096;
  public static final int PAGE_SHIFT = 12;
  public static final long TEXT_BASE = 0x400000L;
  public static final long INSN_SIZE = 8;
  /** One past the highest stack address; 47-bit user space as on x86-64. */
  public static final long STACK_TOP = 0x7ffffffff000L;
  /** Default stack size, RLIMIT_STACK's usual 8 MiB. */
  public static final long STACK_SIZE = 8L << 20;

  /**
   * A page of trampolines outside every image, like the vDSO: returning to {@link #EXIT_TRAMPOLINE}
   * (pushed below {@code main}'s frame) exits with {@code r0}, as C's start-up code calls
   * {@code exit(main(...))}; returning to {@link #SIGRETURN_TRAMPOLINE} (pushed below a handler's
   * frame) is {@code rt_sigreturn}.
   */
  public static final long TRAMPOLINE_BASE = 0x7ffff7ffd000L;
  public static final long EXIT_TRAMPOLINE = TRAMPOLINE_BASE;
  public static final long SIGRETURN_TRAMPOLINE = TRAMPOLINE_BASE + INSN_SIZE;

  public static long pageAlign(long addr) {
    return (addr + PAGE_SIZE - 1) & -PAGE_SIZE;
  }

  public static long codeAddress(int pc) {
    return TEXT_BASE + pc * INSN_SIZE;
  }

  /** The instruction index of a code address, or -1 when it is not one. */
  public static int pcOf(long addr, int codeLength) {
    long off = addr - TEXT_BASE;
    if (off < 0 || off % INSN_SIZE != 0 || off / INSN_SIZE >= codeLength) {
      return -1;
    }
    return (int) (off / INSN_SIZE);
  }
}
