package io.simkernel.kernel.proc;

import io.simkernel.api.trace.EventKind;
import io.simkernel.kernel.KernelTrace;
import java.util.Arrays;
import java.util.function.Consumer;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;

/**
 * Every process record, live or zombie, indexed by PID, with the PID allocator and the per-user
 * process counts that RLIMIT_NPROC checks (zombies count until reaped: ST-5, RL-1). The only place
 * a process's {@link TaskState} changes ({@link #advance}).
 */
public final class ProcessTable {
  private final PidAllocator pids;
  private final KernelTrace trace;
  private Process[] byPid = new Process[64];
  private int count;
  private int maxPid;
  private final IntIntHashMap perUid = new IntIntHashMap();

  public ProcessTable(int pidMax, KernelTrace trace) {
    this.pids = new PidAllocator(pidMax);
    this.trace = trace;
  }

  public PidAllocator pids() {
    return pids;
  }

  /** The process (live or zombie) with that PID, or null. */
  public Process get(long pid) {
    return pid > 0 && pid <= maxPid ? byPid[(int) pid] : null;
  }

  /** Number of process records (live and zombie). */
  public int size() {
    return count;
  }

  /** Processes owned by a real UID, zombies included (RLIMIT_NPROC's count). */
  public int countForUid(int uid) {
    return perUid.get(uid);
  }

  /**
   * Creates a process record with a fresh PID (PID-3), or returns null when no PID is free
   * (PID-6: the caller answers EAGAIN).
   */
  public Process create(int ppid, int uid, long now) {
    int pid = pids.allocate();
    if (pid < 0) {
      return null;
    }
    Process p = new Process(pid, ppid, now);
    p.setUid(uid);
    if (pid >= byPid.length) {
      byPid = Arrays.copyOf(byPid, Math.max(pid + 1, byPid.length * 2));
    }
    byPid[pid] = p;
    maxPid = Math.max(maxPid, pid);
    count++;
    perUid.addToValue(uid, 1);
    return p;
  }

  /** Moves a process's real UID between per-user counts (setuid). */
  public void changeUid(Process p, int uid) {
    perUid.addToValue(p.uid(), -1);
    perUid.addToValue(uid, 1);
    p.setUid(uid);
  }

  /**
   * The one way a process changes state: checks the edge against {@link TaskState}'s transition
   * table and fails loudly, naming the process, the time and the cause, on a kernel bug.
   */
  public void advance(Process p, TaskState to, String cause, long now) {
    TaskState from = p.state;
    if (!from.canAdvanceTo(to)) {
      throw new IllegalStateException("pid " + p.pid() + " at " + now + " ns: illegal transition "
          + from + " -> " + to + " (" + cause + ")");
    }
    p.state = to;
    if (to == TaskState.EXIT_ZOMBIE) {
      Process parent = get(p.ppid());
      if (parent != null) {
        parent.children.zombie(p.pid()); // indexed for wait's first-zombie lookup (WT-8)
      }
    }
    if (to == TaskState.TASK_INTERRUPTIBLE || to == TaskState.TASK_UNINTERRUPTIBLE) {
      trace.emit(EventKind.SCHED_BLOCK, p.pid(), to.letter(), 0, 0, cause);
    }
  }

  /** Removes a dead process's record and drops its PID, group and session references (PID-5). */
  public void remove(Process p) {
    if (p.state != TaskState.EXIT_DEAD) {
      throw new IllegalStateException("pid " + p.pid() + " removed while " + p.state);
    }
    byPid[p.pid()] = null;
    count--;
    perUid.addToValue(p.uid(), -1);
    pids.release(p.pid());
    pids.release(p.pgid());
    pids.release(p.sid());
  }

  /** Visits every process record in ascending PID order (deterministic). */
  public void forEach(Consumer<Process> action) {
    for (int pid = 1; pid <= maxPid; pid++) {
      Process p = byPid[pid];
      if (p != null) {
        action.accept(p);
      }
    }
  }

  /** Highest PID ever used, for bounded scans. */
  public int maxPid() {
    return maxPid;
  }

  // -- family links: children lists are kept in creation/adoption order (FK-7, RP-3)

  /** Appends a child at the tail of the parent's list (FK-7). */
  public void addChild(Process parent, Process child) {
    parent.children.add(child.pid(), child.state == TaskState.EXIT_ZOMBIE);
    child.setPpid(parent.pid());
  }

  /** Unlinks a child from its parent's list. */
  public void removeChild(Process parent, Process child) {
    parent.children.remove(child.pid());
  }

  /** Moves a child to a new parent, at the tail of its list (RP-3). */
  public void reparent(Process child, Process from, Process to) {
    from.children.remove(child.pid());
    to.children.add(child.pid(), child.state == TaskState.EXIT_ZOMBIE); // RP-4: may be one
    child.setPpid(to.pid());
  }

  /** The first zombie among a parent's children in list order, or 0 (WT-8). */
  public int firstZombieChild(Process parent) {
    return parent.children.firstZombie(this);
  }

  // -- package-private lifecycle helpers used by fork and exit
  void inheritLimits(Process child, Process parent) {
    child.copyLimitsFrom(parent);
  }
}
