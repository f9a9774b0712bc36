package io.simkernel.kernel.win;

/**
 * A kernel object that Win32 handles refer to (ReactOS {@code OBJECT_HEADER}): it counts the
 * handles open to it in every process's handle table, and is freed by {@link WinObjects} when
 * nothing refers to it any more (createprocess-and-multiprocessing A25). A freed object is never
 * referred to by a handle (the "win-handles" invariant).
 */
public abstract class WinObject {
  /** Handle-information object types, as the {@code handle_open} trace event reports them. */
  public static final int TYPE_PROCESS = 1;
  public static final int TYPE_THREAD = 2;
  public static final int TYPE_JOB = 3;

  int handles;
  boolean freed;

  /** 1 process, 2 thread, 3 job. */
  public abstract int type();

  /** The object's number in traces: the PID for processes and threads, the job's number. */
  public abstract long id();

  /** Handles open to the object, in all processes. */
  public int handles() {
    return handles;
  }

  public boolean isFreed() {
    return freed;
  }

  /** Whether a wait on the object is satisfied now (a process or thread has exited). */
  public abstract boolean isSignalled();

  @Override
  public String toString() {
    String[] names = {"?", "process", "thread", "job"};
    return names[type()] + " " + id();
  }
}
