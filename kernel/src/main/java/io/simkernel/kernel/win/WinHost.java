package io.simkernel.kernel.win;

import io.simkernel.kernel.KernelTrace;
import io.simkernel.kernel.proc.Process;
import io.simkernel.kernel.proc.ProcessTable;
import io.simkernel.kernel.wait.WaitQueue;

/** What the Windows objects need from the rest of the kernel. */
public interface WinHost {
  ProcessTable table();

  KernelTrace trace();

  /** Wakes every process sleeping on the queue. */
  void wakeAll(WaitQueue q);

  /**
   * Starts the asynchronous termination of a live process with a Win32 exit code (A22): it ends
   * at its next return to user mode, as a SIGKILL would end it.
   */
  void terminate(Process p, long exitCode);
}
