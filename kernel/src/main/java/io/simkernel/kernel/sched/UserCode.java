package io.simkernel.kernel.sched;

import io.simkernel.kernel.proc.Process;

/** Runs a process's user code for one segment: implemented by the VM. */
@FunctionalInterface
public interface UserCode {
  /**
   * Executes instructions of {@code p} from virtual time {@code start} until the next
   * synchronisation point or {@code horizon}, whichever comes first, logging overwritten memory
   * words to {@code cpu}'s undo log; ends with {@link Cpu#stopAt}.
   */
  void run(Cpu cpu, Process p, long start, long horizon);
}
