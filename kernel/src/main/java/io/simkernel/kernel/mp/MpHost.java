package io.simkernel.kernel.mp;

import io.simkernel.kernel.ipc.Semaphores;
import io.simkernel.kernel.proc.Process;
import io.simkernel.kernel.wait.WaitQueue;

/**
 * What the multiprocessing runtime asks of the kernel: the system calls a Python library would
 * make (fork, exec, waitpid, kill, write, mmap) and the kernel's sleeping and waking. The
 * runtime never reaches into the kernel's state otherwise.
 */
public interface MpHost {
  /** The result {@link #waitpid} gives when the caller must sleep. */
  long BLOCK = Long.MIN_VALUE + 1;

  long now();

  Process process(int pid);

  Semaphores semaphores();

  /** fork(2) of {@code parent}: the child's pid (made runnable) or -errno. */
  long fork(Process parent);

  /** execve(2) of the caller's own image with its own argv (a spawned interpreter). */
  void execSelf(Process child);

  /** waitpid(pid, WNOHANG or 0): pid, 0, -errno or {@link #BLOCK}; status in out[0]. */
  long waitpid(Process p, int pid, boolean nohang, long[] out);

  /** Sleeps interruptibly on {@code q} (may be null) until woken or until {@code deadline}. */
  void block(Process p, WaitQueue q, long deadline, String why);

  /** Records that {@code p} sleeps in {@code mp.join} for {@code pid} (0: no longer). */
  void joins(Process p, int pid);

  void wake(Process p);

  /** kill(2) from {@code from}: its result. */
  long kill(Process from, int pid, int sig);

  /** Bytes written to descriptor fd (1 or 2) of {@code p}, as write(2) would. */
  void write(Process p, int fd, String text);

  /** Anonymous private memory for the runtime's strings: its address or -errno. */
  long mapScratch(Process p, long len);

  /** Whether a signal is deliverable to {@code p} (a sleep must end). */
  boolean hasDeliverable(Process p);

  /** {@code kernel mp_bootstrap_check}: on unless the scenario turns it off. */
  boolean bootstrapCheck();
}
