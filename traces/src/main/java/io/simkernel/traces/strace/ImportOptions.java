package io.simkernel.traces.strace;

/**
 * How a log is turned into a scenario.
 *
 * @param cpus the simulated machine's CPUs (the corpus was captured on 2; CPUs change timing only)
 * @param computeBelowUs gaps shorter than this are {@code compute} (the process was running user
 *     code between two calls), longer ones {@code sleep} (it was waiting in something untraced,
 *     such as nanosleep or a read)
 * @param slackUs how much longer than recorded a process killed by a replayed signal waits for
 *     it, so that a slightly late signal still kills it
 */
public record ImportOptions(int cpus, long computeBelowUs, long slackUs) {
  /** 2 CPUs, compute below 1 ms, 1 s of slack. */
  public static ImportOptions defaults() {
    return new ImportOptions(2, 1000, 1_000_000);
  }

  public ImportOptions withCpus(int n) {
    return new ImportOptions(n, computeBelowUs, slackUs);
  }
}
