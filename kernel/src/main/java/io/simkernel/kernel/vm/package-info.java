/**
 * The virtual machine that runs simulated programs' user code.
 *
 * <p>Owns instruction semantics only: sixteen 64-bit registers, a program counter, a stack
 * pointer, loads and stores through the process's {@link io.simkernel.kernel.mm.AddressSpace}. It
 * executes one <em>segment</em> at a time (see {@link io.simkernel.kernel.sched}): pure
 * instructions until the next synchronisation point — a system call, a page fault, a trap, a
 * return to a trampoline — or the horizon, and reports why it stopped. It never changes kernel
 * state: system calls are executed by the kernel at the stop time, with the program counter still
 * on the calling instruction, so a blocked call is simply executed again when its process wakes
 * (as the Linux wait family re-evaluates after every wake-up, WT-6).
 *
 * <p>Machine-level rules, as on x86-64: words are little-endian and may be unaligned; {@code div}
 * and {@code mod} by zero (and {@code MIN / -1}) raise SIGFPE with {@code FPE_INTDIV}; shift counts
 * are taken modulo 64; {@code shr} is a logical shift; a {@code ret} to an address that is not code
 * raises SIGSEGV; comparisons are signed.
 *
 * <p>The hot loop allocates nothing: operands are read from the image's primitive arrays, and
 * every overwritten memory word is appended to the CPU's primitive undo log.
 */
package io.simkernel.kernel.vm;
