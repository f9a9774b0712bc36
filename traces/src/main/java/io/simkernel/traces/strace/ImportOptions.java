package io.simkernel.traces.strace;

/**
 * How a log is turned into a scenario.
 *
 * @param cpus the simulated machine's CPUs (the corpus was captured on 2; CPUs change timing only)
 * @param computeBelowUs gaps shorter than this are {@code compute} (a moment of user code),
 *     longer ones {@code sleep}: the log cannot tell longer user work from a wait in something
 *     untraced, and a long compute would hold a CPU that a woken process needs (the simulator's
 *     round-robin does not preempt on wakeup), making the replay depend on the number of CPUs
 * @param slackUs how much longer than recorded a process killed by a replayed signal waits for
 *     it, so that a slightly late signal still kills it
 */
public record ImportOptions(int cpus, long computeBelowUs, long slackUs) {
  /** 2 CPUs, compute below 100 us, 1 s of slack. */
  public static ImportOptions defaults() {
    return new ImportOptions(2, 100, 1_000_000);
  }

  public ImportOptions withCpus(int n) {
    return new ImportOptions(n, computeBelowUs, slackUs);
  }
}
