package io.simkernel.kernel.signal;

import io.simkernel.kernel.KernelTrace;
import io.simkernel.kernel.proc.Process;
import io.simkernel.kernel.proc.ProcessTable;

/** What the signal subsystem needs from the rest of the kernel. */
public interface SignalHost {
  ProcessTable table();

  KernelTrace trace();

  long now();

  /**
   * A signal became deliverable to {@code p}: wake it from an interruptible sleep, or interrupt
   * it on its CPU, so that it reaches a delivery point (SG-16, ST-2).
   */
  void kick(Process p);

  /** Whether {@code p} is executing on a CPU right now (Linux's task_curr). */
  boolean isOnCpu(Process p);

  /** Resumes a stopped process (SIGCONT, or SIGKILL ending a stop: ST-3). */
  void resume(Process p, boolean continued);

  /** Whether a process group is orphaned (PG-8). */
  boolean isOrphanedGroup(int pgid);
}
