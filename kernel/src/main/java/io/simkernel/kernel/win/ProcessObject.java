package io.simkernel.kernel.win;

import io.simkernel.kernel.wait.WaitQueue;

/**
 * A process object (ReactOS {@code EPROCESS}): the Windows view of a process, which outlives it.
 * While it exists it holds a reference on the process's PID number, so the PID is not reused
 * until the last handle is closed and the object is freed (A6, A25). Its exit status is
 * {@code STILL_ACTIVE} (259, A17 step 4) until the process terminates; then the object is
 * signalled and every waiter is woken (A21). A process that was created by {@code CreateProcess}
 * records its creator only as {@link #creatorPid} (InheritedFromUniqueProcessId, A17 step 2),
 * never updated: it has no Linux parent (A26).
 */
public final class ProcessObject extends WinObject {
  /** {@code STATUS_PENDING} = {@code STILL_ACTIVE}. */
  public static final long STILL_ACTIVE = 259;

  private final int pid;
  private final int creatorPid;
  private final boolean createdByCreateProcess;
  private final WaitQueue waiters = new WaitQueue();
  boolean alive = true;
  long exitCode = STILL_ACTIVE;
  boolean terminating;
  JobObject job;
  int suspendCount;
  boolean parked;
  ThreadObject thread;

  ProcessObject(int pid, int creatorPid, boolean createdByCreateProcess) {
    this.pid = pid;
    this.creatorPid = creatorPid;
    this.createdByCreateProcess = createdByCreateProcess;
  }

  @Override
  public int type() {
    return TYPE_PROCESS;
  }

  @Override
  public long id() {
    return pid;
  }

  public int pid() {
    return pid;
  }

  /** The creator's PID as recorded at creation (A17), or 0 for a process not made by CreateProcess. */
  public int creatorPid() {
    return creatorPid;
  }

  /** Whether {@code CreateProcess} made the process: then it has no Linux parent (A26). */
  public boolean createdByCreateProcess() {
    return createdByCreateProcess;
  }

  /** Whether the process still runs (its object is not signalled). */
  public boolean isAlive() {
    return alive;
  }

  @Override
  public boolean isSignalled() {
    return !alive;
  }

  /** STILL_ACTIVE while running, then the exit code (A23). */
  public long exitCode() {
    return exitCode;
  }

  /** Termination was requested (the ReactOS process-delete bit, A22). */
  public boolean isTerminating() {
    return terminating;
  }

  /** The job the process belongs to, or null (A27). */
  public JobObject job() {
    return job;
  }

  /** The primary thread's suspend count (A7). */
  public int suspendCount() {
    return suspendCount;
  }

  /** Whether the primary thread is parked because it is suspended. */
  public boolean isParked() {
    return parked;
  }

  /** The thread object, while one exists (a handle refers to it), else null. */
  public ThreadObject thread() {
    return thread;
  }

  /** The processes waiting on this object (or on its thread). */
  public WaitQueue waiters() {
    return waiters;
  }
}
