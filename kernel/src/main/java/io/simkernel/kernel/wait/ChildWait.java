package io.simkernel.kernel.wait;

import static io.simkernel.api.Constants.P_ALL;
import static io.simkernel.api.Constants.P_PGID;
import static io.simkernel.api.Constants.P_PID;
import static io.simkernel.api.Constants.P_PIDFD;
import static io.simkernel.api.Constants.WCONTINUED;
import static io.simkernel.api.Constants.WEXITED;
import static io.simkernel.api.Constants.WNOHANG;
import static io.simkernel.api.Constants.WNOWAIT;
import static io.simkernel.api.Constants.WSTOPPED;
import static io.simkernel.api.Constants.WUNTRACED;

import io.simkernel.api.Constants;
import io.simkernel.api.Errno;
import io.simkernel.api.Signals;
import io.simkernel.api.WaitStatus;
import io.simkernel.api.trace.EventKind;
import io.simkernel.kernel.KernelTrace;
import io.simkernel.kernel.proc.ChildList;
import io.simkernel.kernel.proc.Exits;
import io.simkernel.kernel.proc.Process;
import io.simkernel.kernel.proc.ProcessTable;
import io.simkernel.kernel.proc.TaskState;

/**
 * The wait family, kernel/exit.c's {@code kernel_wait4}, {@code kernel_waitid} and
 * {@code do_wait} (posix-semantics §9). A call either reports an event, returns 0 for WNOHANG,
 * fails, or answers {@link #BLOCK}: the caller sleeps on its {@code childWait} queue and the call
 * is evaluated again from scratch when it is woken (WT-6).
 */
public final class ChildWait {
  /** The call must sleep. */
  public static final long BLOCK = Long.MIN_VALUE;
  /** The Linux-only {@code __WNOTHREAD}, {@code __WALL}, {@code __WCLONE} flags, accepted. */
  private static final long LINUX_FLAGS = 0x20000000L | 0x40000000L | 0x80000000L;

  private final ProcessTable table;
  private final Exits exits;
  private final KernelTrace trace;

  public ChildWait(ProcessTable table, Exits exits, KernelTrace trace) {
    this.table = table;
    this.exits = exits;
    this.trace = trace;
  }

  /**
   * waitpid/wait4: {@code out[0]} receives the status word. Returns the child's PID, 0 (WNOHANG,
   * nothing yet), {@code -errno}, or {@link #BLOCK}.
   */
  public long waitpid(Process p, long pid, long options, long[] out) {
    if ((options & ~(WNOHANG | WUNTRACED | WCONTINUED | LINUX_FLAGS)) != 0) {
      return Errno.EINVAL.negated(); // WT-4, checked before anything else
    }
    if (pid == Integer.MIN_VALUE) {
      return Errno.ESRCH.negated(); // WT-5
    }
    long type;
    long id;
    if (pid > 0) {
      type = P_PID;
      id = pid;
    } else if (pid == 0) {
      type = P_PGID;
      id = p.pgid();
    } else if (pid == -1) {
      type = P_ALL;
      id = 0;
    } else {
      type = P_PGID;
      id = -pid;
    }
    return doWait(p, type, id, options | WEXITED, out, false);
  }

  /**
   * waitid: {@code out} receives si_pid, si_signo, si_code, si_status, si_uid. Returns 0 on a
   * report and on WNOHANG with nothing to report (siginfo zeroed, WT-12), {@code -errno}, or
   * {@link #BLOCK}.
   */
  public long waitid(Process p, long idtype, long id, long options, long[] out) {
    if ((options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | LINUX_FLAGS)) != 0
        || (options & (WEXITED | WSTOPPED | WCONTINUED)) == 0) {
      return Errno.EINVAL.negated(); // WT-4
    }
    long type = idtype;
    long sel = id;
    if (idtype == P_PID) {
      if (id <= 0) {
        return Errno.EINVAL.negated(); // WT-3
      }
    } else if (idtype == P_PGID) {
      if (id < 0) {
        return Errno.EINVAL.negated();
      }
      if (id == 0) {
        sel = p.pgid(); // Linux ≥ 5.4
      }
    } else if (idtype == P_PIDFD) {
      return Errno.EBADF.negated(); // no pidfds exist in the simulator
    } else if (idtype != P_ALL) {
      return Errno.EINVAL.negated();
    }
    java.util.Arrays.fill(out, 0);
    long r = doWait(p, type, sel, options, out, true);
    return r > 0 ? 0 : r;
  }

  /**
   * do_wait: the children are examined in list order (WT-8) and the first that can report wins.
   * Two selections need no walk (issue 9: a parent of a million children): a single PID looks
   * its child up directly, and P_ALL for exits only takes the first zombie in list order from the
   * list's zombie index — the same child the walk would stop at, since no other child can
   * report then. Everything else walks the list in place (no copy: the walk ends at the first
   * report, the only point where the list changes).
   */
  private long doWait(Process p, long type, long id, long options, long[] out, boolean waitid) {
    ChildList kids = p.children();
    boolean couldReport = false;
    if (type == P_PID) {
      if (kids.contains(id)) {
        long r = examine(p, table.get(id), options, out, waitid);
        if (r > 0) {
          return r;
        }
        couldReport = r == 0;
      }
    } else if (type == P_ALL && (options & (WSTOPPED | WCONTINUED)) == 0
        && (options & WEXITED) != 0) {
      int z = table.firstZombieChild(p);
      if (z != 0) {
        reportExit(p, table.get(z), options, out, waitid);
        return z;
      }
      couldReport = hasEligibleChild(kids);
    } else {
      for (int i = kids.startSlot(); i < kids.endSlot(); i++) {
        int pid = kids.pidAt(i);
        if (pid == 0) {
          continue;
        }
        Process c = table.get(pid);
        if (c == null || !selects(c, type, id)) {
          continue;
        }
        long r = examine(p, c, options, out, waitid);
        if (r > 0) {
          return r;
        }
        couldReport |= r == 0;
      }
    }
    if (!couldReport) {
      return Errno.ECHILD.negated(); // WT-6 step 5, WT-13
    }
    return (options & WNOHANG) != 0 ? 0 : BLOCK;
  }

  /** Whether any child is not yet dead (all of them are eligible for P_ALL). */
  private boolean hasEligibleChild(ChildList kids) {
    for (int i = kids.startSlot(); i < kids.endSlot(); i++) {
      int pid = kids.pidAt(i);
      Process c = pid == 0 ? null : table.get(pid);
      if (c != null && c.state() != TaskState.EXIT_DEAD) {
        return true; // almost always the first: a dead child leaves the list as it dies
      }
    }
    return false;
  }

  /**
   * One selected child, as do_wait's per-child step: its PID when it reported, 0 when it could
   * report later, -1 when it is not eligible (dead, or gone).
   */
  private long examine(Process p, Process c, long options, long[] out, boolean waitid) {
    if (c == null || c.state() == TaskState.EXIT_DEAD) {
      return -1;
    }
    if (c.state() == TaskState.EXIT_ZOMBIE) {
      if ((options & WEXITED) == 0) {
        return -1; // WT-6 step 4: a zombie qualifies only for WEXITED
      }
      reportExit(p, c, options, out, waitid);
      return c.pid();
    }
    if ((options & WSTOPPED) != 0 && c.stopReport() != 0) {
      int sig = c.stopReport();
      if ((options & WNOWAIT) == 0) {
        c.setStopReport(0); // WT-10: consumed
      }
      fill(out, waitid, c, WaitStatus.stopped(sig), Constants.CLD_STOPPED, sig);
      trace.emit(EventKind.SCHED_PROCESS_WAIT, p.pid(), c.pid(), WaitStatus.stopped(sig), 0);
      return c.pid();
    }
    if ((options & WCONTINUED) != 0 && c.continueReport()) {
      if ((options & WNOWAIT) == 0) {
        c.setContinueReport(false); // WT-11: consumed
      }
      fill(out, waitid, c, WaitStatus.CONTINUED, Constants.CLD_CONTINUED, Signals.SIGCONT);
      trace.emit(EventKind.SCHED_PROCESS_WAIT, p.pid(), c.pid(), WaitStatus.CONTINUED, 0);
      return c.pid();
    }
    return 0;
  }

  private static boolean selects(Process c, long type, long id) {
    if (type == P_PID) {
      return c.pid() == id;
    }
    if (type == P_PGID) {
      return c.pgid() == id;
    }
    return true;
  }

  private void reportExit(Process p, Process c, long options, long[] out, boolean waitid) {
    int status = c.exitStatus();
    fill(out, waitid, c, status, WaitStatus.siCode(status), WaitStatus.siStatus(status));
    boolean reap = (options & WNOWAIT) == 0;
    trace.emit(EventKind.SCHED_PROCESS_WAIT, p.pid(), c.pid(), status, reap ? 1 : 0);
    if (reap) {
      exits.release(c, p, false); // ZB-3, WT-9
    }
  }

  private static void fill(long[] out, boolean waitid, Process c, int status, int code,
      int siStatus) {
    if (!waitid) {
      out[0] = status;
      return;
    }
    out[0] = c.pid();
    out[1] = Signals.SIGCHLD;
    out[2] = code;
    out[3] = siStatus;
    out[4] = c.uid();
  }
}
