package io.simkernel.kernel.win;

import io.simkernel.kernel.wait.WaitQueue;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

/**
 * A job object (A27, A28): a set of processes, its limit flags and its active-process limit. A
 * member stays associated until it exits; the job lives while a handle is open or a member is
 * alive. With {@code KILL_ON_JOB_CLOSE}, closing the last handle terminates every member (A28).
 */
public final class JobObject extends WinObject {
  /** {@code JOB_OBJECT_LIMIT_ACTIVE_PROCESS}. */
  public static final long ACTIVE_PROCESS = 0x8;
  /** {@code JOB_OBJECT_LIMIT_BREAKAWAY_OK}. */
  public static final long BREAKAWAY_OK = 0x800;
  /** {@code JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK}. */
  public static final long SILENT_BREAKAWAY_OK = 0x1000;
  /** {@code JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE}. */
  public static final long KILL_ON_JOB_CLOSE = 0x2000;
  /** Every limit flag the simulator models. */
  public static final long MODELLED = ACTIVE_PROCESS | BREAKAWAY_OK | SILENT_BREAKAWAY_OK
      | KILL_ON_JOB_CLOSE;

  private final int number;
  private final WaitQueue waiters = new WaitQueue();
  final IntArrayList members = new IntArrayList(2);
  long limits;
  long activeLimit;
  boolean closedKill;

  JobObject(int number) {
    this.number = number;
  }

  @Override
  public int type() {
    return TYPE_JOB;
  }

  @Override
  public long id() {
    return number;
  }

  /** No per-job time limit is modelled, so a job is never signalled. */
  @Override
  public boolean isSignalled() {
    return false;
  }

  public long limits() {
    return limits;
  }

  public boolean has(long flag) {
    return (limits & flag) != 0;
  }

  /** The active-process limit, meaningful with {@link #ACTIVE_PROCESS}. */
  public long activeLimit() {
    return activeLimit;
  }

  /** Whether another member would exceed {@code ACTIVE_PROCESS} (A28). */
  public boolean full() {
    return has(ACTIVE_PROCESS) && members.size() >= activeLimit;
  }

  /** The live members' PIDs in the order they joined; do not modify. */
  public IntArrayList members() {
    return members;
  }

  /** Never woken: waits on a job time out (no time limits are modelled). */
  public WaitQueue waiters() {
    return waiters;
  }
}
