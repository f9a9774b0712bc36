package io.simkernel.kernel.sched;

/**
 * What every kernel operation costs in virtual time: the one place costs come from (DESIGN.md
 * rule 6). The defaults are calibrated against real Linux x86-64 on the project's 2-core machine
 * ({@code shared/reference/perf-anchors.md} §1): fork() of a near-empty process 40.9 µs plus about
 * 65 ns per mapped page-table entry; the whole fork + _exit + waitpid cycle about 121 µs (so exit
 * and reaping take the other ≈ 80 µs, plus ≈ 71 ns per page of teardown); a first-touch zero-fill
 * fault 1.24 µs; a CoW fault 1.87 µs; exec of a small static image ≈ 300 µs over a bare fork.
 *
 * @param instructionNs one simple VM instruction
 * @param syscallNs entering and leaving the kernel for any system call
 * @param contextSwitchNs switching a CPU from one process to another
 * @param forkBaseNs fork() of a process with no mapped pages
 * @param forkPerPteNs fork() per page-table entry copied
 * @param exitBaseNs exit: teardown of files, signals, the process record
 * @param exitPerPageNs exit: per mapped page released
 * @param reapNs a wait call that reaps a zombie (release_task)
 * @param execBaseNs execve/CreateProcess: loading a small image
 * @param execPerPageNs execve: per page of the image mapped
 * @param minorFaultNs a demand-zero (first-touch) page fault
 * @param cowFaultNs a copy-on-write fault that copies a frame
 * @param signalDeliveryNs setting up a signal frame and entering a handler
 * @param wakeupNs latency from a wake-up to the woken process being runnable
 * @param printPerByteNs writing to the terminal, per byte
 */
public record CostModel(
    long instructionNs,
    long syscallNs,
    long contextSwitchNs,
    long forkBaseNs,
    long forkPerPteNs,
    long exitBaseNs,
    long exitPerPageNs,
    long reapNs,
    long execBaseNs,
    long execPerPageNs,
    long minorFaultNs,
    long cowFaultNs,
    long signalDeliveryNs,
    long wakeupNs,
    long printPerByteNs) {

  /** Calibrated against real Linux (see the class comment). */
  public static final CostModel LINUX_X86_64 = new CostModel(
      1, 100, 2_000, 40_900, 65, 60_000, 71, 14_000, 300_000, 500, 1_240, 1_865, 1_500, 1_000, 2);

  /** fork() cost for a parent mapping {@code ptes} page-table entries. */
  public long fork(long ptes) {
    return forkBaseNs + forkPerPteNs * ptes;
  }

  /** exit() cost for a process mapping {@code pages} pages. */
  public long exit(long pages) {
    return exitBaseNs + exitPerPageNs * pages;
  }
}
