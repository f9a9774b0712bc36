package io.simkernel.kernel.proc;

import io.simkernel.api.Constants;
import io.simkernel.api.Errno;
import io.simkernel.api.trace.EventKind;

/**
 * Process creation: fork and vfork, as kernel/fork.c's {@code copy_process} (posix-semantics §3,
 * §4). The child is an exact copy of the caller's user state that resumes after the call with 0
 * in {@code r0} (FK-1, FK-2); it inherits what FK-3 lists and starts with what FK-4 resets.
 */
public final class Forks {
  private final LifecycleHost host;
  private long lastCost;

  public Forks(LifecycleHost host) {
    this.host = host;
  }

  /** Virtual time the last successful fork cost (CostModel: base + per page-table entry). */
  public long lastCost() {
    return lastCost;
  }

  /**
   * Creates a child of {@code parent}, which is executing its fork instruction. Returns the
   * child's PID, or {@code -EAGAIN} when RLIMIT_NPROC (FK-6a, zombies counted: ST-5) or the PID
   * space (PID-6) is exhausted. The child is left TASK_RUNNING for the caller to enqueue.
   */
  public long fork(Process parent, boolean vfork) {
    ProcessTable table = host.table();
    long soft = parent.rlimitSoft((int) Constants.RLIMIT_NPROC);
    if (parent.uid() != 0 && Long.compareUnsigned(table.countForUid(parent.uid()), soft) >= 0) {
      return Errno.EAGAIN.negated();
    }
    Process child = table.create(parent.pid(), parent.uid(), host.now());
    if (child == null) {
      return Errno.EAGAIN.negated();
    }
    long ptes = parent.mm().presentPages();
    if (vfork) {
      child.setMm(parent.mm()); // VF-1: no copy, the parent's memory itself
      child.setSharesParentMm(true);
      lastCost = host.cost().forkBaseNs();
    } else {
      io.simkernel.kernel.Profiler prof = host.profiler();
      if (prof != null) {
        prof.enter(io.simkernel.kernel.Profiler.FORK_COPY);
      }
      child.setMm(parent.mm().fork());
      if (prof != null) {
        prof.leave();
      }
      ptes = parent.mm().lastForkEntries(); // classic: entries copied; ondemand: tables shared
      lastCost = host.cost().fork(ptes);
    }
    System.arraycopy(parent.regs(), 0, child.regs(), 0, Process.REGISTERS);
    child.regs()[0] = 0;
    child.setPc(parent.pc() + 1);
    child.setSp(parent.sp());
    child.setImage(parent.image());
    child.setArgv(parent.argv());
    child.inheritComm(parent);
    child.setExeced(false);
    child.setPgid(parent.pgid());
    child.setSid(parent.sid());
    table.pids().retain(parent.pgid());
    table.pids().retain(parent.sid());
    table.inheritLimits(child, parent);
    child.setSignals(parent.signals().forkCopy());
    child.setTimers(new io.simkernel.kernel.signal.ITimers()); // FK-4: timers are not inherited
    child.setFiles(parent.files().forkCopy());
    table.addChild(parent, child);
    host.trace().emit(EventKind.SCHED_PROCESS_FORK, parent.pid(), child.pid(), vfork ? 1 : 0, ptes,
        parent.comm());
    return child.pid();
  }
}
