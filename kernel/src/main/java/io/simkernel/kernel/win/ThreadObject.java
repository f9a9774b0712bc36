package io.simkernel.kernel.win;

/**
 * The thread object of a process's one thread (ReactOS {@code ETHREAD}). A process is
 * single-threaded here, so its thread's ID is its PID (as on Linux, where a single-threaded
 * process's TID equals its PID), the thread exits when the process does, and its suspend count
 * is the process's (A7). A thread object keeps its process object alive, as an {@code ETHREAD}
 * references its {@code EPROCESS}.
 */
public final class ThreadObject extends WinObject {
  private final ProcessObject process;

  ThreadObject(ProcessObject process) {
    this.process = process;
  }

  @Override
  public int type() {
    return TYPE_THREAD;
  }

  @Override
  public long id() {
    return process.pid();
  }

  public ProcessObject process() {
    return process;
  }

  @Override
  public boolean isSignalled() {
    return process.isSignalled();
  }
}
