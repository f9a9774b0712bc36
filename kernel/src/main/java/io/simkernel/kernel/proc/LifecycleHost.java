package io.simkernel.kernel.proc;

import io.simkernel.kernel.KernelTrace;
import io.simkernel.kernel.sched.CostModel;
import io.simkernel.kernel.signal.SigInfo;
import io.simkernel.kernel.wait.WaitQueue;

/** What fork and exit need from the rest of the kernel. */
public interface LifecycleHost {
  ProcessTable table();

  KernelTrace trace();

  CostModel cost();

  long now();

  /** Generates a signal (kernel/signal.c send_signal). */
  void send(Process target, SigInfo info);

  /** Wakes every process sleeping on the queue. */
  void wakeAll(WaitQueue q);

  /** Wakes one specific sleeping process (a vfork parent). */
  void wake(Process p);

  /** The built-in init has a zombie child to reap: schedule its reaping. */
  void initHasWork();

  /** A process record was released: reaped by {@code parent}, or auto-reaped. */
  void onReleased(Process child, Process parent, boolean auto);

  /**
   * kill_orphaned_pgrp: SIGHUP then SIGCONT to a newly orphaned group with a stopped member
   * (PG-9). {@code parent} is the exiting process for its children's groups, null for its own.
   */
  void checkOrphanedGroup(Process tsk, Process parent);

  /** RLIMIT_CORE of the process allows a dump (TM-6). */
  boolean dumpsCore(Process p);

  /** The run's wall-time profiler, or null when profiling is off (never changes an event). */
  default io.simkernel.kernel.Profiler profiler() {
    return null;
  }
}
