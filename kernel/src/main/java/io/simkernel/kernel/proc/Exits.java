package io.simkernel.kernel.proc;

import io.simkernel.api.Constants;
import io.simkernel.api.Signals;
import io.simkernel.api.WaitStatus;
import io.simkernel.api.trace.EventKind;
import io.simkernel.kernel.signal.SigInfo;
import io.simkernel.kernel.signal.SignalOps;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

/**
 * Process termination, as kernel/exit.c: {@code do_exit} releases memory, files and timers;
 * {@code forget_original_parent} hands the children to the nearest subreaper or init (RP-1..RP-5);
 * {@code exit_notify} makes the process a zombie and tells its parent, or releases it at once when
 * the parent ignores SIGCHLD or set SA_NOCLDWAIT (ZB-1, CH-1, CH-2); {@code release_task} drops the
 * record (ZB-3). The order is TM-8's.
 */
public final class Exits {
  private final LifecycleHost host;
  private long lastCost;

  public Exits(LifecycleHost host) {
    this.host = host;
  }

  /** Virtual time the last exit cost (CostModel: base + per page released). */
  public long lastCost() {
    return lastCost;
  }

  /** Terminates {@code p} with a wait status word (TM-3) at once: {@link #begin} then {@link #finish}. */
  public void exit(Process p, int status) {
    begin(p, status);
    finish(p);
  }

  /**
   * The first part of do_exit: the process is marked exiting (signals to it are dropped from now
   * on, SG-11), its memory, files and timers are released (ST-4) and a vfork parent is released
   * (mm_release: VF-5). It is still alive — a parent's WNOHANG wait finds nothing yet — until
   * {@link #finish}, which the kernel calls when the exit's cost ({@link #lastCost}) has elapsed.
   */
  public void begin(Process p, int status) {
    if (p.pid() == 1) {
      throw new InitDiedException(status);
    }
    p.markExiting();
    p.setExitStatus(status);
    // (1) release memory, files and timers (ST-4)
    long pages = 0;
    Process vforked = p.vforkChild() > 0 ? host.table().get(p.vforkChild()) : null;
    if (p.sharesParentMm()) {
      p.setSharesParentMm(false); // a vfork child leaves its parent's memory alone
    } else if (vforked != null && vforked.sharesParentMm() && vforked.mm() == p.mm()) {
      vforked.setSharesParentMm(false); // the vfork child still runs in it: now it owns it
    } else if (p.mm() != null) {
      io.simkernel.kernel.Profiler prof = host.profiler();
      if (prof != null) {
        prof.enter(io.simkernel.kernel.Profiler.MM_RELEASE);
      }
      pages = p.mm().teardownEntries(); // ondemand: a shared table is one reference
      p.mm().release();
      if (prof != null) {
        prof.leave();
      }
    }
    p.setMm(null);
    lastCost = host.cost().exit(pages);
    if (p.files() != null) {
      p.files().closeAll();
      p.setFiles(null);
    }
    p.nextTimerGen();
    p.setWakeAt(-1);
    p.timers().clear();
    wakeVforkParent(p);
  }

  /**
   * exit_notify, the end of do_exit: children are reparented, orphaned groups are checked, and
   * the process becomes a zombie and its parent is notified — or it is released at once.
   */
  public void finish(Process p) {
    ProcessTable table = host.table();
    long now = host.now();
    int status = p.exitStatus();
    // (2) children go to the nearest subreaper or init (RP-1)
    reparentChildren(p);
    // (3) the exit may orphan the process's own group (PG-9 a)
    host.checkOrphanedGroup(p, null);
    p.signals().clearPending();
    // (4) zombie, parent notified, or released at once
    host.trace().emit(EventKind.SCHED_PROCESS_EXIT, p.pid(), status, 0, 0, p.comm());
    Process parent = table.get(p.ppid());
    if (parent == null) {
      releaseUnparented(p);
      return;
    }
    boolean autoreap = notifyParent(p, parent);
    if (autoreap) {
      table.advance(p, TaskState.EXIT_DEAD, "exit, auto-reaped by " + parent.pid(), now);
      release(p, parent, true);
    } else {
      table.advance(p, TaskState.EXIT_ZOMBIE, "exit", now);
    }
    // (5) waiters are woken
    host.wakeAll(parent.childWait());
    if (parent.isBuiltin() && !autoreap) {
      host.initHasWork();
    }
  }

  /**
   * A process with no Linux parent — made by CreateProcess — is released as it terminates: no
   * SIGCHLD, no zombie, nobody reaps it (createprocess-and-multiprocessing A25, A26). What
   * outlives it is its Win32 process object (package win), which keeps the PID.
   */
  private void releaseUnparented(Process p) {
    ProcessTable table = host.table();
    table.advance(p, TaskState.EXIT_DEAD, "exit, no parent to notify (A26)", host.now());
    host.trace().emit(EventKind.SCHED_PROCESS_FREE, p.pid(), 0, 1, 0);
    host.onReleased(p, null, true);
    table.remove(p);
  }

  /** A vfork child that exits or execs releases its parent exactly once (VF-5, EX-8). */
  public void wakeVforkParent(Process child) {
    int vp = child.vforkParent();
    if (vp == 0) {
      return;
    }
    child.setVforkParent(0);
    Process parent = host.table().get(vp);
    if (parent != null && parent.vforkChild() == child.pid()) {
      parent.setVforkChild(-child.pid());
      host.wake(parent);
    }
  }

  private void reparentChildren(Process p) {
    ProcessTable table = host.table();
    if (p.children.isEmpty()) {
      return;
    }
    Process reaper = findReaper(p);
    IntArrayList kids = new IntArrayList(p.children.toArray());
    boolean zombieAdopted = false;
    for (int i = 0; i < kids.size(); i++) {
      Process c = table.get(kids.get(i));
      table.reparent(c, p, reaper); // RP-3: appended in their previous order
      host.trace().emit(EventKind.REPARENT, c.pid(), p.pid(), reaper.pid(), 0);
      if (c.state().isAlive() && c.pdeathsig() != 0) {
        // §16: the parent-death signal, sent as SEND_SIG_NOINFO: SI_USER from the dying parent
        host.send(c, SigInfo.user(c.pdeathsig(), p.pid(), p.uid()));
      }
      host.checkOrphanedGroup(c, p); // PG-9 b: the child's group may now be orphaned
      if (c.state() == TaskState.EXIT_ZOMBIE) {
        // RP-4: the new parent is told as if the child had just terminated
        if (notifyParent(c, reaper)) {
          table.advance(c, TaskState.EXIT_DEAD, "adopted zombie auto-reaped", host.now());
          release(c, reaper, true);
        } else {
          zombieAdopted = true;
        }
      }
    }
    host.wakeAll(reaper.childWait());
    if (zombieAdopted && reaper.isBuiltin()) {
      host.initHasWork();
    }
  }

  /**
   * find_new_reaper: the nearest ancestor, from the exiting process's parent up, that is a live
   * child subreaper; otherwise init (RP-1).
   */
  Process findReaper(Process p) {
    ProcessTable table = host.table();
    for (Process a = table.get(p.ppid()); a != null && a.pid() != 1; a = table.get(a.ppid())) {
      if (a.isSubreaper() && a.state().isAlive() && !a.isExiting()) {
        return a;
      }
    }
    return table.get(1);
  }

  /**
   * do_notify_parent: SIGCHLD with CLD_EXITED/KILLED/DUMPED unless the parent ignores it; returns
   * whether the child is to be auto-reaped (ZB-1, CH-1, CH-2).
   */
  boolean notifyParent(Process child, Process parent) {
    int status = child.exitStatus();
    int code = WaitStatus.siCode(status);
    int siStatus = WaitStatus.siStatus(status);
    boolean autoreap = SignalOps.autoReaps(parent);
    if (parent.signals().handler(Signals.SIGCHLD) != Constants.SIG_IGN) {
      host.send(parent, new SigInfo(Signals.SIGCHLD, code, child.pid(), child.uid(), siStatus, 0));
    }
    return autoreap;
  }

  /**
   * release_task: the record goes, its PID (and group/session references) are dropped (ZB-3);
   * a reaping wait adds the child's usage to the parent's children totals (WT-9).
   */
  public void release(Process child, Process parent, boolean auto) {
    ProcessTable table = host.table();
    if (child.state() == TaskState.EXIT_ZOMBIE) {
      table.advance(child, TaskState.EXIT_DEAD, "reaped by " + parent.pid(), host.now());
    }
    table.removeChild(parent, child);
    if (!auto) {
      parent.addChildUsage(child);
    }
    host.trace().emit(EventKind.SCHED_PROCESS_FREE, child.pid(), parent.pid(), auto ? 1 : 0, 0);
    host.onReleased(child, parent, auto);
    table.remove(child);
  }

  /** Thrown when PID 1 terminates: a fatal simulator error, as the kernel panics (RP-7). */
  public static final class InitDiedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public InitDiedException(int status) {
      super("Kernel panic - not syncing: Attempted to kill init! exitcode=0x"
          + String.format("%08x", status));
      this.status = status;
    }

    public int status() {
      return status;
    }
  }
}
