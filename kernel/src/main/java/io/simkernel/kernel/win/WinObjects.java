package io.simkernel.kernel.win;

import io.simkernel.api.trace.EventKind;
import io.simkernel.kernel.proc.Process;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * The object manager of the Windows personality: every process's handle table, the process,
 * thread and job objects, their handle counts and when they are freed. Object lifetimes follow
 * createprocess-and-multiprocessing A25 and A28: a process object exists while its process runs
 * or a handle (or a thread object) refers to it, and holds a PID reference all that time (A6); a
 * thread object exists while a handle refers to it; a job exists while a handle is open or a
 * member is alive. Maps are sorted by PID, so every walk is in PID order (deterministic).
 */
public final class WinObjects {
  private final WinHost host;
  private final Map<Integer, HandleTable> tables = new TreeMap<>();
  private final Map<Integer, ProcessObject> processes = new TreeMap<>();
  private final List<JobObject> jobs = new ArrayList<>();
  private int jobNumbers;
  private int suspended;

  public WinObjects(WinHost host) {
    this.host = host;
  }

  /**
   * No handle table, process object or job exists: nothing a Linux process's exit must tell this
   * subsystem (lets the exit path skip it without boxing a PID per exit).
   */
  public boolean isEmpty() {
    return tables.isEmpty() && processes.isEmpty() && jobs.isEmpty();
  }

  // ---------------------------------------------------------------- objects

  /** The process object of a PID (alive or not), or null. */
  public ProcessObject processObject(int pid) {
    return processes.get(pid);
  }

  /**
   * The process object of a live process, created on first use (a process made by fork gets one
   * when a handle to it is first opened). It takes a reference on the PID (A6).
   */
  public ProcessObject objectOf(Process p) {
    ProcessObject o = processes.get(p.pid());
    return o != null ? o : create(p, 0, false);
  }

  /** The object of a process created by CreateProcess, recording its creator (A17 step 2). */
  public ProcessObject create(Process p, int creatorPid, boolean byCreateProcess) {
    ProcessObject o = new ProcessObject(p.pid(), creatorPid, byCreateProcess);
    processes.put(p.pid(), o);
    host.table().pids().retain(p.pid());
    return o;
  }

  /** The thread object of a process's thread, created on first use. */
  public ThreadObject threadOf(ProcessObject po) {
    if (po.thread == null) {
      po.thread = new ThreadObject(po);
    }
    return po.thread;
  }

  public JobObject createJob() {
    JobObject j = new JobObject(++jobNumbers);
    jobs.add(j);
    return j;
  }

  /** Whether CreateProcess made the process with that PID (it then has no Linux parent). */
  public boolean createdByCreateProcess(int pid) {
    ProcessObject o = processes.get(pid);
    return o != null && o.createdByCreateProcess();
  }

  // ---------------------------------------------------------------- handles

  /** The process's handle table, or null when it has never had a handle. */
  public HandleTable tableOf(int pid) {
    return tables.get(pid);
  }

  /** Opens a handle to {@code o} in {@code owner}'s table and returns its value (A4). */
  public int open(Process owner, WinObject o, boolean inherit) {
    HandleTable t = tables.computeIfAbsent(owner.pid(), x -> new HandleTable());
    int h = t.insert(o, inherit ? HandleTable.FLAG_INHERIT : 0);
    o.handles++;
    host.trace().emit(EventKind.HANDLE_OPEN, owner.pid(), h, o.type(), o.id());
    return h;
  }

  /** The object behind a handle of {@code owner}, or null (ERROR_INVALID_HANDLE). */
  public WinObject resolve(Process owner, long handle) {
    HandleTable t = tables.get(owner.pid());
    return t == null ? null : t.get(handle);
  }

  /** Closes a handle; false when it is not one, or when it is protected from close (A13). */
  public boolean close(Process owner, long handle) {
    HandleTable t = tables.get(owner.pid());
    if (t == null || t.get(handle) == null
        || (t.flags(handle) & HandleTable.FLAG_PROTECT_FROM_CLOSE) != 0) {
      return false;
    }
    drop(owner.pid(), handle, t.remove(handle));
    return true;
  }

  private void drop(int owner, long handle, WinObject o) {
    o.handles--;
    host.trace().emit(EventKind.HANDLE_CLOSE, owner, handle, o.type(), o.id());
    release(o);
  }

  /** SetHandleInformation: changes the flags under {@code mask}; false when not a handle. */
  public boolean setInformation(Process owner, long handle, long mask, long value) {
    HandleTable t = tables.get(owner.pid());
    if (t == null || t.get(handle) == null) {
      return false;
    }
    long m = mask & (HandleTable.FLAG_INHERIT | HandleTable.FLAG_PROTECT_FROM_CLOSE);
    t.setFlags(handle, (t.flags(handle) & ~m) | (value & m));
    return true;
  }

  /**
   * The child's handle table at creation: the inheritable entries at the same values, each a
   * new handle to the same object (A13, A14; {@code onlyInheritable}); or, for fork, every entry.
   */
  public void inherit(Process parent, Process child, boolean onlyInheritable) {
    HandleTable t = tables.get(parent.pid());
    if (t == null) {
      return;
    }
    HandleTable c = t.duplicate(onlyInheritable);
    tables.put(child.pid(), c);
    for (int h : c.handles()) {
      WinObject o = c.get(h);
      o.handles++;
      host.trace().emit(EventKind.HANDLE_OPEN, child.pid(), h, o.type(), o.id());
    }
  }

  /** A terminating process's handles are all closed, in ascending order (A21, ObKillProcess). */
  public void closeAll(Process p) {
    HandleTable t = tables.remove(p.pid());
    if (t == null) {
      return;
    }
    for (int h : t.handles()) {
      drop(p.pid(), h, t.remove(h));
    }
  }

  // ---------------------------------------------------------------- lifetimes

  /**
   * The process has terminated: its object gets the exit code and is signalled, every waiter is
   * woken (A21), and it is freed if no handle refers to it (A25).
   */
  public void exited(int pid, long exitCode) {
    ProcessObject o = processes.get(pid);
    if (o == null) {
      return;
    }
    o.alive = false;
    o.exitCode = exitCode;
    o.parked = false;
    if (o.suspendCount > 0) {
      o.suspendCount = 0; // a terminated thread is not suspended any more
      suspended--;
    }
    host.wakeAll(o.waiters());
    release(o);
  }

  /** Leaves the job (A21: after the handles are closed): a job without members may go. */
  public void leaveJob(int pid) {
    ProcessObject o = processes.get(pid);
    if (o == null || o.job == null) {
      return;
    }
    JobObject j = o.job;
    j.members.remove(pid);
    o.job = null;
    release(j);
  }

  /** Frees an object nothing refers to any more; closing a KILL_ON_JOB_CLOSE job kills its members. */
  private void release(WinObject o) {
    if (o.freed || o.handles > 0) {
      return;
    }
    if (o instanceof ThreadObject t) {
      t.freed = true;
      t.process().thread = null;
      release(t.process());
    } else if (o instanceof ProcessObject p) {
      if (!p.alive && p.thread == null) {
        p.freed = true;
        processes.remove(p.pid());
        host.table().pids().release(p.pid()); // A6: only now may the PID be reused
      }
    } else if (o instanceof JobObject j) {
      if (j.has(JobObject.KILL_ON_JOB_CLOSE) && !j.closedKill) {
        j.closedKill = true;
        terminateMembers(j, 0, JOB_KILL_ON_CLOSE); // A28
      }
      if (j.members.isEmpty()) {
        j.freed = true;
        jobs.remove(j);
      }
    }
  }

  /** How a process joined a job, in {@code job_assign}: AssignProcessToJobObject. */
  public static final int JOB_ASSIGNED = 0;
  /** ... as a CreateProcess child of a member (A27). */
  public static final int JOB_CREATED = 1;
  /** ... as a fork child of a member. */
  public static final int JOB_FORKED = 2;
  /** Why a job's members were terminated, in {@code job_terminate}: TerminateJobObject. */
  public static final int JOB_TERMINATED = 0;
  /** ... the last handle of a KILL_ON_JOB_CLOSE job closed (A28). */
  public static final int JOB_KILL_ON_CLOSE = 1;

  /**
   * Starts the termination of every live member that is not already ending (A27, A28), traced
   * as {@code job_terminate} in the context of the process whose call (or exit) caused it.
   */
  public void terminateMembers(JobObject j, long code, int cause) {
    host.trace().emit(EventKind.JOB_TERMINATE, host.trace().context(), j.id(), code, cause);
    for (int pid : j.members.toArray()) {
      Process m = host.table().get(pid);
      ProcessObject o = processes.get(pid);
      if (m != null && m.state().isAlive() && !m.isExiting() && !o.terminating) {
        o.terminating = true;
        host.terminate(m, code);
      }
    }
  }

  /** Associates a live process with a job (A27), {@code how} it joined; the rules are checked. */
  public void join(ProcessObject p, JobObject j, int how) {
    p.job = j;
    j.members.add(p.pid());
    host.trace().emit(EventKind.JOB_ASSIGN, p.pid(), j.id(), how, 0);
  }

  // ---------------------------------------------------------------- thread suspension (A7)

  /** SuspendThread: the previous count; the count goes up by one. */
  public int suspend(ProcessObject o) {
    if (o.suspendCount++ == 0) {
      suspended++;
    }
    return o.suspendCount - 1;
  }

  /** ResumeThread: the previous count; the count goes down by one unless it is 0. */
  public int resume(ProcessObject o) {
    int prev = o.suspendCount;
    if (prev > 0 && --o.suspendCount == 0) {
      suspended--;
    }
    return prev;
  }

  /** Whether any thread has a suspend count: a cheap test before looking a process up. */
  public boolean anySuspended() {
    return suspended > 0;
  }

  /** Marks the thread as parked (asleep because suspended) or not. */
  public void setParked(ProcessObject o, boolean parked) {
    o.parked = parked;
  }

  /** Records that termination was requested (the process-delete bit, A22). */
  public void setTerminating(ProcessObject o) {
    o.terminating = true;
  }

  /** SetInformationJobObject: the limit flags and the active-process limit (A27, A28). */
  public void setLimits(JobObject j, long limits, long activeLimit) {
    j.limits = limits;
    j.activeLimit = activeLimit;
  }

  // ---------------------------------------------------------------- for the invariants

  /** Visits the PID of every process object, in PID order (each holds one PID reference). */
  public void forEachObjectPid(IntConsumer action) {
    for (int pid : processes.keySet()) {
      action.accept(pid);
    }
  }

  /** Every process object, in PID order. */
  public Iterable<ProcessObject> processObjects() {
    return processes.values();
  }

  /** Every live job, in creation order. */
  public List<JobObject> jobs() {
    return jobs;
  }

  /** Every handle table, by owner PID in order. */
  public Map<Integer, HandleTable> tables() {
    return tables;
  }
}
