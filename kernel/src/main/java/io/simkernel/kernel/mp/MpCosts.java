package io.simkernel.kernel.mp;

/**
 * What CPython's own work costs, on top of the kernel's calls (which charge their own costs):
 * rough figures for CPython 3.11 on x86-64 Linux. The observed table (Part D, EXP-15) gives a
 * terminated fork child gone 0.39 ms after {@code terminate()} and a spawn child 0.95 ms; a
 * spawned interpreter takes tens of milliseconds to start (the py-mp-spawn capture: about 20 ms
 * from execve to the child's first pipe read).
 */
final class MpCosts {
  /** One Python-level method call (attribute lookups, the call itself). */
  static final long CALL_NS = 1_000;
  /** Process.start with fork: Popen, the sentinel pipe, flushing std streams (B7). */
  static final long START_FORK_NS = 150_000;
  /** Process.start with spawn or forkserver: preparation data pickled, fork_exec (B3). */
  static final long START_SPAWN_NS = 1_500_000;
  /** A Queue put or get: pickling one small object. */
  static final long PICKLE_NS = 5_000;

  private MpCosts() {}
}
