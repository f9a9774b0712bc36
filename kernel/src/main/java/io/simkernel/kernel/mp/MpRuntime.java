package io.simkernel.kernel.mp;

import io.simkernel.api.Constants;
import io.simkernel.api.WaitStatus;
import io.simkernel.api.program.Layout;
import io.simkernel.api.program.Op;
import io.simkernel.api.program.OperandKind;
import io.simkernel.api.program.ProgramImage;
import io.simkernel.kernel.mm.MemoryFault;
import io.simkernel.kernel.proc.Process;
import io.simkernel.kernel.vm.Interpreter;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;

/**
 * The multiprocessing runtime's entry point: decodes an {@code mp.*} instruction and runs it as
 * CPython's {@code multiprocessing} would, over the kernel's calls ({@link MpHost}). Each call
 * reports how the process continues, like a system call: {@link #DONE}, {@link #BLOCKED} (it runs
 * again when woken), {@link #JUMPED} (the pc was set: a target, an atexit handler, an
 * {@code mp.except} label), {@link #EXITED}, or {@link #RESTART} (a signal must be delivered
 * first; the call runs again afterwards, as Python retries an interrupted wait, PEP 475).
 */
public final class MpRuntime {
  public static final int DONE = 0;
  public static final int BLOCKED = 1;
  public static final int JUMPED = 2;
  public static final int EXITED = 3;
  public static final int RESTART = 4;

  private static final int SCRATCH_BYTES = 16 * 1024;

  final MpHost host;
  private final TreeMap<Integer, MpState> states = new TreeMap<>();
  private final ProcessOps processes = new ProcessOps(this);
  private final StartMethods starts = new StartMethods(this);
  final ExitHook hook = new ExitHook(this);
  final ForkServer forkServer = new ForkServer(this);
  private final SyncObjects sync = new SyncObjects(this);
  private long cost;
  private int exitStatus;
  Process p;
  MpState s;
  private ProgramImage img;
  private int pc;

  public MpRuntime(MpHost host) {
    this.host = host;
  }

  /** Virtual time the last call cost beyond the system-call entry (Python's own work). */
  public long cost() {
    return cost;
  }

  /** The wait status to exit with after {@link #EXITED}. */
  public int exitStatus() {
    return exitStatus;
  }

  /** Whether the runtime, not the instruction at pc, owns the process's next kernel entry. */
  public boolean owns(Process proc) {
    MpState st = states.get(proc.pid());
    return st != null && st.busy;
  }

  /**
   * {@code main} (or a target, or an atexit handler) returned to the exit trampoline. False when
   * {@code proc} does not use the runtime (it exits with r0, as C's main does). Otherwise the
   * runtime takes the process over: the return is undone (sp back on the trampoline, pc on the
   * {@code ret}) so a signal handler run meanwhile returns here again, and the caller runs
   * {@link #execute} next.
   */
  public boolean mainReturned(Process proc) {
    MpState st = states.get(proc.pid());
    if (st == null) {
      return false;
    }
    proc.setSp(proc.sp() - 8);
    st.busy = true;
    return true;
  }

  /**
   * SIGINT's default action would end {@code proc}: a Python process has its own handler, which
   * raises KeyboardInterrupt (uncaught by {@code mp.except}, as {@code except Exception} does
   * not catch it). A child's bootstrap catches it: traceback, exit code 1 (B11, EXP-10); the
   * main program prints the traceback, runs its exit hook and then dies by SIGINT, as CPython
   * does since 3.8. False (the signal kills) for a process without the runtime or one already
   * exiting.
   */
  public boolean keyboardInterrupt(Process proc) {
    MpState st = states.get(proc.pid());
    if (st == null || st.isServer || st.hookStage != MpState.HOOK_NONE) {
      return false;
    }
    st.interrupted = true;
    st.busy = true;
    return true;
  }

  /** A process ended: its runtime state goes; a semaphore unit handed to it goes on. */
  public void exited(Process proc) {
    MpState st = states.remove(proc.pid());
    if (st != null && st.isServer) {
      forkServer.wakeClients(); // its clients' joins see the server gone (exit code 255)
    }
    if (st != null && st.server != 0) {
      Process server = host.process(st.server);
      if (server != null) {
        host.wake(server); // the client's socket closed: the server leaves
      }
    }
    for (int pid : host.semaphores().forfeitAll(proc.pid()).toArray()) {
      Process w = host.process(pid);
      if (w != null) {
        host.wake(w);
      }
    }
  }

  /** Runs the {@code mp.*} instruction at the process's pc, or the exit hook it is in. */
  public int execute(Process proc, Op op) {
    p = proc;
    img = p.image();
    pc = p.pc();
    cost = MpCosts.CALL_NS;
    s = stateOf(p);
    try {
      if (s.busy && s.interrupted) {
        s.busy = false;
        s.interrupted = false;
        s.except = -1;
        s.killedBy = s.child ? 0 : io.simkernel.api.Signals.SIGINT;
        return raise(new MpError("KeyboardInterrupt", ""));
      }
      if (s.isServer) {
        return forkServer.loop();
      }
      if (s.busy) {
        return returned();
      }
      if (s.hookStage >= MpState.HOOK_TERMINATE) {
        return hook.resume(); // the exiting call, restarted after a signal handler
      }
      sync.flush(); // the feeder thread has run by the time the producer calls again (B31)
      return call(op);
    } catch (MpError e) {
      return raise(e);
    }
  }

  private int call(Op op) {
    switch (op) {
      case MP_SET_START_METHOD: return setStartMethod((int) arg(0));
      case MP_PROCESS: return processes.create(reg(0), (int) img.operandValue(pc, 1), args(2));
      case MP_DAEMON: return processes.setDaemon(arg(0), arg(1));
      case MP_START: return starts.start(arg(0));
      case MP_JOIN: return processes.join(arg(0), count() > 1 ? arg(1) : -1, count() > 1);
      case MP_IS_ALIVE: return processes.isAlive(reg(0), arg(1));
      case MP_EXITCODE: return processes.exitcode(reg(0), arg(1));
      case MP_PID: return processes.pid(reg(0), arg(1));
      case MP_TERMINATE: return processes.signal(arg(0), io.simkernel.api.Signals.SIGTERM);
      case MP_KILL: return processes.signal(arg(0), io.simkernel.api.Signals.SIGKILL);
      case MP_CLOSE: return processes.close(arg(0));
      case MP_ACTIVE_CHILDREN: return set(reg(0), processes.activeChildren());
      case MP_IS_MAIN: return set(reg(0), s.isMain ? 1 : 0);
      case MP_IS_DAEMON: return processes.isDaemon(reg(0), arg(1));
      case MP_NAME: return processes.name(reg(0), arg(1));
      case MP_LOCK: return set(reg(0), sync.lock());
      case MP_ACQUIRE: return sync.acquire(arg(0), count() > 1 ? arg(1) : -1, count() > 1);
      case MP_RELEASE: return sync.release(arg(0));
      case MP_QUEUE: return set(reg(0), sync.queue());
      case MP_PUT: return sync.put(arg(0), arg(1));
      case MP_GET: return sync.get(reg(0), arg(1));
      case MP_EXIT: return hook.begin(sysExit(arg(0)));
      case MP_RAISE: return raise(parse(str(0)));
      case MP_EXCEPT:
        s.except = img.operandKind(pc, 0) == OperandKind.LABEL ? (int) img.operandValue(pc, 0)
            : -1;
        return DONE;
      case MP_ATEXIT:
        s.atexit.add((int) img.operandValue(pc, 0));
        return DONE;
      default:
        throw new IllegalStateException("not an mp call: " + op);
    }
  }

  /** A return to the exit trampoline, or the exit hook waking (see {@link #mainReturned}). */
  private int returned() {
    if (s.hookStage != MpState.HOOK_NONE) {
      return hook.resume();
    }
    s.busy = false;
    if (s.bootstrapping) {
      return starts.handOver(); // B5: the end of the re-run module hands over to the target
    }
    // B11: a target that returns exits 0; a main program that returns exits with r0 (as C)
    return hook.begin(s.child ? 0 : (int) (p.regs()[0] & 0xFF));
  }

  /** B1, EXP-48: one choice per process; a spawned child's is already set (B23). */
  private int setStartMethod(int method) {
    if (s.methodSet) {
      throw MpError.runtime("context has already been set");
    }
    s.method = method;
    s.methodSet = true;
    return DONE;
  }

  /** B12: sys.exit(n) leaves with n & 0xFF (256 → 0, -1 → 255). */
  static int sysExit(long n) {
    return (int) (n & 0xFF);
  }

  private static MpError parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      return new MpError(text, "");
    }
    String msg = text.substring(colon + 1);
    return new MpError(text.substring(0, colon), msg.startsWith(" ") ? msg.substring(1) : msg);
  }

  /**
   * An exception: caught by the {@code mp.except} label (r0 = the message's address), or
   * uncaught: the traceback on stderr (a child's under its {@code Process NAME:} header, B11),
   * then the exit hook and exit code 1 (B11, B20: the same cleanup after an uncaught error).
   */
  int raise(MpError e) {
    if (s.except >= 0) {
      p.regs()[0] = string(e.line());
      p.setPc(s.except);
      return JUMPED;
    }
    StringBuilder b = new StringBuilder();
    if (s.child && !s.bootstrapping) {
      b.append("Process ").append(s.name).append(":\n");
    }
    b.append("Traceback (most recent call last):\n");
    b.append("  File \"").append(img.path()).append("\", in ")
        .append(s.child && !s.bootstrapping ? "run" : "<module>").append('\n');
    b.append(e.line()).append('\n');
    host.write(p, 2, b.toString());
    return hook.begin(1);
  }

  // ---------------------------------------------------------------- services for the parts

  MpState stateOf(Process proc) {
    return states.computeIfAbsent(proc.pid(), pid -> new MpState());
  }

  void install(Process proc, MpState st) {
    states.put(proc.pid(), st);
  }

  void flushAll() {
    sync.flush();
  }

  void charge(long ns) {
    cost += ns;
  }

  int exit(int status) {
    exitStatus = status;
    return EXITED;
  }

  int set(int rd, long value) {
    p.regs()[rd] = value;
    return DONE;
  }

  /** A target or handler entered as a call: args in r0..., returning to the exit trampoline. */
  static void enter(Process proc, int label, long[] args) {
    long sp = proc.sp() - 8;
    proc.mm().kernelStore(sp, Layout.EXIT_TRAMPOLINE);
    proc.setSp(sp);
    System.arraycopy(args, 0, proc.regs(), 0, Math.min(args.length, Process.REGISTERS));
    proc.setPc(label);
  }

  /** Maps a process's scratch area now (the heap a fresh interpreter fills before main). */
  void reserveScratch(Process proc, MpState st) {
    long a = host.mapScratch(proc, SCRATCH_BYTES);
    if (a > 0) {
      st.scratch = a;
    }
  }

  /** A string in the process's memory (the runtime's scratch area): its address. */
  long string(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    int len = Math.min(b.length, SCRATCH_BYTES / 2 - 1);
    if (s.scratch == 0 || s.scratchUsed + len + 1 > SCRATCH_BYTES) {
      if (s.scratch == 0) {
        long a = host.mapScratch(p, SCRATCH_BYTES);
        if (a < 0) {
          return 0;
        }
        s.scratch = a;
      }
      s.scratchUsed = 0;
    }
    long at = s.scratch + s.scratchUsed;
    try {
      for (int i = 0; i < len; i++) {
        p.mm().kernelStoreByte(at + i, b[i]);
      }
      p.mm().kernelStoreByte(at + len, 0);
    } catch (MemoryFault f) {
      return 0;
    }
    s.scratchUsed += len + 1;
    return at;
  }

  /** Python's exitcode for a wait status (B12): the exit status, or -N for signal N. */
  static long exitcode(long status) {
    return WaitStatus.wifsignaled(status) ? -WaitStatus.wtermsig(status)
        : WaitStatus.wexitstatus(status);
  }

  // ---------------------------------------------------------------- operands

  int count() {
    return img.operandCount(pc);
  }

  long arg(int i) {
    return Interpreter.value(img, pc, i, p.regs());
  }

  /** A destination register's number. */
  int reg(int i) {
    return (int) img.operandValue(pc, i);
  }

  private long[] args(int from) {
    long[] a = new long[Math.max(0, count() - from)];
    for (int i = 0; i < a.length; i++) {
      a[i] = arg(from + i);
    }
    return a;
  }

  private String str(int i) {
    long v = arg(i);
    if (img.operandKind(pc, i) == OperandKind.STR) {
      String lit = img.literalAt(v);
      if (lit != null) {
        return lit;
      }
    }
    return p.mm().readString(v, 4096);
  }

  static boolean isNone(long v) {
    return v == Constants.NONE;
  }
}
