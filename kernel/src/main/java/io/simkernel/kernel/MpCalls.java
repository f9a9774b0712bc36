package io.simkernel.kernel;

import io.simkernel.api.Constants;
import io.simkernel.api.program.Op;
import io.simkernel.api.trace.EventKind;
import io.simkernel.kernel.ipc.OpenFile;
import io.simkernel.kernel.ipc.Pipe;
import io.simkernel.kernel.ipc.Semaphores;
import io.simkernel.kernel.mp.MpHost;
import io.simkernel.kernel.mp.MpRuntime;
import io.simkernel.kernel.proc.Process;
import io.simkernel.kernel.sched.Cpu;
import io.simkernel.kernel.signal.Delivery;
import io.simkernel.kernel.signal.SignalOps;
import io.simkernel.kernel.wait.ChildWait;
import io.simkernel.kernel.wait.WaitQueue;
import java.nio.charset.StandardCharsets;

/**
 * Where the multiprocessing runtime ({@link MpRuntime}) meets the kernel: the system calls it
 * makes as a Python library would ({@link MpHost}), and its outcomes turned into the system-call
 * outcomes the kernel's loop understands. Also the POSIX semaphore calls ({@code sem_open},
 * {@code sem_wait}, {@code sem_post}) on {@link Semaphores}.
 */
final class MpCalls implements MpHost {
  private final Kernel k;
  private final Semaphores semaphores = new Semaphores();
  private final MpRuntime runtime = new MpRuntime(this);
  private final boolean bootstrapCheck;
  private long cost;

  MpCalls(Kernel k) {
    this.k = k;
    this.bootstrapCheck = !"off".equals(k.config().option("mp_bootstrap_check", "on"));
  }

  Semaphores semaphoreTable() {
    return semaphores;
  }

  /** Virtual time the last call cost beyond the system-call entry. */
  long cost() {
    return cost;
  }

  boolean owns(Process p) {
    return runtime.owns(p);
  }

  /** See {@link MpRuntime#mainReturned}. */
  boolean mainReturned(Process p) {
    return runtime.mainReturned(p);
  }

  /** SIGINT would kill an mp process: Python raises KeyboardInterrupt instead. */
  boolean interrupted(Process p) {
    return runtime.keyboardInterrupt(p);
  }

  void exited(Process p) {
    runtime.exited(p);
  }

  /** An {@code mp.*} instruction (or the exit hook the process is in), as a system call. */
  int execute(Cpu c, Process p, Op op) {
    cost = 0;
    int r = runtime.execute(p, op);
    cost += runtime.cost();
    switch (r) {
      case MpRuntime.DONE:
        return Syscalls.DONE;
      case MpRuntime.BLOCKED:
        return Syscalls.BLOCKED;
      case MpRuntime.JUMPED:
        return Syscalls.EXECED; // the pc was set: continue there
      case MpRuntime.RESTART:
        p.setRestartCode(Delivery.ERESTARTNOINTR); // PEP 475: Python retries after a handler
        return Syscalls.RESTART;
      default:
        k.exit(c, p, runtime.exitStatus(), k.now() + k.cost().syscallNs() + cost);
        return Syscalls.EXITED;
    }
  }

  // ---------------------------------------------------------------- sem_open, sem_wait, sem_post

  /** sem_open(name, O_CREAT, 0600, value): r0 = a handle or -errno. */
  long semOpen(String name, long value) {
    return semaphores.open(name, value);
  }

  /**
   * sem_wait(3): takes a unit or sleeps; a signal handler interrupts it with -EINTR and it is
   * never restarted, whatever SA_RESTART says (signal(7)); with no handler run it resumes.
   */
  int semWait(Process p, long h) {
    Semaphores.Sem s = semaphores.get(h);
    if (s == null) {
      p.regs()[0] = io.simkernel.api.Errno.EINVAL.negated();
      return Syscalls.DONE;
    }
    if (s.tryTake(p.pid())) {
      p.regs()[0] = 0;
      return Syscalls.DONE;
    }
    if (SignalOps.hasDeliverable(p)) {
      p.setRestartCode(Delivery.ERESTARTNOHAND);
      return Syscalls.RESTART;
    }
    k.block(p, s.waiters(), "sem_wait");
    return Syscalls.BLOCKED;
  }

  /** sem_post(3): r0 = 0, or -EOVERFLOW at SEM_VALUE_MAX; a sleeper gets the unit. */
  long semPost(Process p, long h) {
    Semaphores.Sem s = semaphores.get(h);
    if (s == null) {
      return io.simkernel.api.Errno.EINVAL.negated();
    }
    long r = s.post();
    if (r >= 0) {
      s.released(p.pid());
    }
    if (r > 0) {
      Process w = k.table().get(r);
      if (w != null) {
        k.wake(w);
      }
      return 0;
    }
    return r;
  }

  // ---------------------------------------------------------------- MpHost

  @Override
  public long now() {
    return k.now();
  }

  @Override
  public Process process(int pid) {
    return k.table().get(pid);
  }

  @Override
  public Semaphores semaphores() {
    return semaphores;
  }

  @Override
  public long fork(Process parent) {
    long r = k.forks().fork(parent, false);
    if (r < 0) {
      return r;
    }
    cost += k.forks().lastCost();
    k.stats().forks++;
    k.stats().processes++;
    k.makeRunnable(k.table().get(r));
    return r;
  }

  /** posix_spawn-like fork_exec of the same image (B3): the exec's cost falls on the caller. */
  @Override
  public void execSelf(Process child) {
    String path = child.image().path();
    child.mm().release();
    long pages = k.loader().start(child, k.loader().image(path), child.argv());
    child.signals().resetForExec();
    child.files().closeOnExec();
    child.setExeced(true);
    child.setRestartCode(0);
    k.stats().execs++;
    cost += k.cost().execBaseNs() + k.cost().execPerPageNs() * pages;
    k.trace().emit(EventKind.SCHED_PROCESS_EXEC, child.pid(), child.pid(), 0, 0, path);
  }

  @Override
  public long waitpid(Process p, int pid, boolean nohang, long[] out) {
    long r = k.childWait().waitpid(p, pid, nohang ? Constants.WNOHANG : 0, out);
    if (r == ChildWait.BLOCK) {
      return BLOCK;
    }
    if (r > 0) {
      cost += k.cost().reapNs();
    }
    return r;
  }

  @Override
  public void block(Process p, WaitQueue q, long deadline, String why) {
    if (deadline < 0) {
      k.block(p, q, why);
      return;
    }
    k.block(p, q, why);
    p.setWakeAt(deadline);
    k.queue().push(deadline, Kernel.event(Kernel.EV_TIMER, p.nextTimerGen(), p.pid()));
  }

  /** {@code mp.join} sleepers and the pid each one joins (for the wait-for graph). */
  private final java.util.TreeMap<Integer, Integer> joining = new java.util.TreeMap<>();

  @Override
  public void joins(Process p, int pid) {
    joining.put(p.pid(), pid);
  }

  /** The pid {@code p} sleeps in {@code mp.join} for, or 0. */
  int joinTarget(Process p) {
    Integer t = joining.get(p.pid());
    return t == null || p.blockedOn() == null ? 0 : t;
  }

  @Override
  public void wake(Process p) {
    k.wake(p);
  }

  @Override
  public long kill(Process from, int pid, int sig) {
    return k.signalOps().kill(from, pid, sig);
  }

  @Override
  public void write(Process p, int fd, String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    OpenFile f = p.files().get(fd);
    if (f == null) {
      return;
    }
    Pipe pipe = f.pipe();
    if (pipe != null) {
      if (f.kind() == OpenFile.Kind.PIPE_WRITE && pipe.readers() > 0 && pipe.free() >= b.length) {
        pipe.put(b, 0, b.length);
        k.wakeAll(pipe.readWait());
      }
    } else if (f.kind() != OpenFile.Kind.CONSOLE_IN) {
      k.console().write(f.kind() == OpenFile.Kind.CONSOLE_ERR ? 2 : 1, b, 0, b.length);
    }
    cost += k.cost().printPerByteNs() * b.length;
    k.trace().emit(EventKind.WRITE, p.pid(), fd, b.length, KernelTrace.bytesHash(b, 0, b.length));
  }

  @Override
  public long mapScratch(Process p, long len) {
    long a = k.memorySyscalls().mmap(p, len, Constants.PROT_READ | Constants.PROT_WRITE,
        Constants.MAP_PRIVATE | Constants.MAP_ANONYMOUS, -1, 0);
    cost += k.memorySyscalls().cost();
    return a;
  }

  @Override
  public boolean hasDeliverable(Process p) {
    return SignalOps.hasDeliverable(p);
  }

  @Override
  public boolean bootstrapCheck() {
    return bootstrapCheck;
  }
}
