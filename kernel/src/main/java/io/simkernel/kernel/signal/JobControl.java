package io.simkernel.kernel.signal;

import io.simkernel.api.Signals;
import io.simkernel.kernel.proc.Process;
import io.simkernel.kernel.proc.ProcessTable;
import io.simkernel.kernel.proc.TaskState;

/**
 * Orphaned process groups (posix-semantics PG-8, PG-9), as kernel/exit.c's
 * {@code kill_orphaned_pgrp} and {@code will_become_orphaned_pgrp}: when an exit makes a process
 * group orphaned while one of its members is stopped, every member gets SIGHUP and then SIGCONT,
 * so that no stopped job is left without a shell that could ever continue it.
 */
public final class JobControl {
  private final SignalHost host;
  private final SignalOps ops;

  public JobControl(SignalHost host, SignalOps ops) {
    this.host = host;
    this.ops = ops;
  }

  /**
   * kill_orphaned_pgrp(tsk, parent): {@code parent} is the exiting process when {@code tsk} is one
   * of its children (check b of PG-9); null when {@code tsk} itself exits (check a: its own
   * group, with tsk ignored and its real parent as the link).
   */
  public void killOrphanedGroup(Process tsk, Process parent) {
    Process ignored = null;
    Process link = parent;
    if (link == null) {
      link = host.table().get(tsk.ppid());
      ignored = tsk;
    }
    if (link == null) {
      return;
    }
    int pgrp = tsk.pgid();
    if (link.pgid() != pgrp && link.sid() == tsk.sid() && willBecomeOrphaned(pgrp, ignored)
        && hasStoppedJobs(pgrp)) {
      sendToGroup(pgrp, Signals.SIGHUP);
      sendToGroup(pgrp, Signals.SIGCONT);
    }
  }

  /** PG-8: no member (but {@code ignored}) has a parent in another group of the same session. */
  public boolean willBecomeOrphaned(int pgrp, Process ignored) {
    ProcessTable t = host.table();
    boolean[] linked = {false};
    t.forEach(m -> {
      if (linked[0] || m.pgid() != pgrp || m == ignored || !m.state().isAlive()) {
        return;
      }
      Process parent = t.get(m.ppid());
      if (parent == null || parent.pid() == 1) {
        return; // a member whose parent is init provides no link
      }
      if (parent.pgid() != pgrp && parent.sid() == m.sid()) {
        linked[0] = true;
      }
    });
    return !linked[0];
  }

  private boolean hasStoppedJobs(int pgrp) {
    boolean[] stopped = {false};
    host.table().forEach(m -> stopped[0] |= m.pgid() == pgrp
        && m.state() == TaskState.TASK_STOPPED);
    return stopped[0];
  }

  private void sendToGroup(int pgrp, int sig) {
    host.table().forEach(m -> {
      if (m.pgid() == pgrp) {
        ops.send(m, SigInfo.kernel(sig)); // SI_KERNEL (HA-4)
      }
    });
  }
}
