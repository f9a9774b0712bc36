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

  /**
   * A27: the job a child made by CreateProcess joins — its creator's, unless the job allows
   * silent breakaway, or the child asks to break away ({@code CREATE_BREAKAWAY_FROM_JOB}) and the
   * job allows it; null for none.
   */
  public static JobObject joinedByChild(JobObject creatorJob, long flags) {
    if (creatorJob == null || creatorJob.has(SILENT_BREAKAWAY_OK)
        || ((flags & WinCodes.CREATE_BREAKAWAY_FROM_JOB) != 0 && creatorJob.has(BREAKAWAY_OK))) {
      return null;
    }
    return creatorJob;
  }

  /**
   * Why a child cannot be created in {@code job}, or 0: breaking away from a job that does not
   * allow it is ERROR_ACCESS_DENIED; a job at its active-process limit fails the creation with
   * ERROR_NOT_ENOUGH_QUOTA (A16 step 10, A28).
   */
  public static long childError(JobObject job, long flags) {
    if (job == null) {
      return 0;
    }
    if ((flags & WinCodes.CREATE_BREAKAWAY_FROM_JOB) != 0) {
      return WinCodes.ERROR_ACCESS_DENIED;
    }
    return job.full() ? WinCodes.ERROR_NOT_ENOUGH_QUOTA : 0;
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
