package io.simkernel.api.run;

/** Why a run ended. */
public enum StopReason {
  /** Every process but init ended and was reaped. */
  COMPLETED(false),
  /** Virtual time reached {@code kernel time_limit=}. */
  TIME_LIMIT(true),
  /** The number of kernel events reached {@code kernel events_max=}. */
  EVENT_LIMIT(true),
  /** The number of VM instructions reached {@code kernel insns_max=}. */
  INSN_LIMIT(true),
  /**
   * Nothing can ever happen again: no event is pending while processes are still blocked (a real
   * machine would wait forever, until an outer timeout fired).
   */
  DEADLOCK(true),
  /** PID 1 terminated: the kernel panics (posix-semantics RP-7). */
  KERNEL_PANIC(false),
  /** An invariant was violated in checked mode: a simulator bug, reported with its evidence. */
  INVARIANT_VIOLATION(false);

  private final boolean limit;

  StopReason(boolean limit) {
    this.limit = limit;
  }

  /** Whether a limit stopped the run (exit status 124, as GNU timeout). */
  public boolean isLimit() {
    return limit;
  }
}
