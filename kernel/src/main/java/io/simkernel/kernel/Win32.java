package io.simkernel.kernel;

import static io.simkernel.kernel.win.WinCodes.*;

import io.simkernel.api.Constants;
import io.simkernel.api.Signals;
import io.simkernel.api.WaitStatus;
import io.simkernel.api.program.Op;
import io.simkernel.api.program.ProgramImage;
import io.simkernel.api.trace.EventKind;
import io.simkernel.kernel.ipc.FdTable;
import io.simkernel.kernel.ipc.OpenFile;
import io.simkernel.kernel.loader.Loader;
import io.simkernel.kernel.mm.MemoryFault;
import io.simkernel.kernel.proc.Process;
import io.simkernel.kernel.proc.ProcessTable;
import io.simkernel.kernel.proc.TaskState;
import io.simkernel.kernel.sched.Cpu;
import io.simkernel.kernel.signal.Delivery;
import io.simkernel.kernel.signal.SigInfo;
import io.simkernel.kernel.signal.SignalOps;
import io.simkernel.kernel.signal.SignalState;
import io.simkernel.kernel.vm.Interpreter;
import io.simkernel.kernel.vm.Operands;
import io.simkernel.kernel.wait.WaitQueue;
import io.simkernel.kernel.win.CommandLine;
import io.simkernel.kernel.win.JobObject;
import io.simkernel.kernel.win.ProcessObject;
import io.simkernel.kernel.win.ThreadObject;
import io.simkernel.kernel.win.WinHost;
import io.simkernel.kernel.win.WinObject;
import io.simkernel.kernel.win.WinObjects;
import org.eclipse.collections.impl.map.mutable.primitive.IntLongHashMap;

/**
 * The Windows personality's system calls (createprocess-and-multiprocessing Part A): decodes the
 * operands, applies the rules and leaves results as Win32 does — r0 = 1 (or a handle) on success,
 * 0 with the error for {@code GetLastError} on failure. The objects and handle tables themselves
 * belong to {@link WinObjects} (package {@code win}); this class is where they meet the
 * scheduler, the loader and the exit path. Processes of both personalities share one process
 * table; a process made by CreateProcess has no Linux parent (A26).
 */
final class Win32 implements WinHost {
  private final Kernel k;
  private final WinObjects objects;
  /** A Win32 wait's deadline, kept across a restart after a signal handler (pid → ns). */
  private final IntLongHashMap deadlines = new IntLongHashMap();
  /** Exit codes given by ExitProcess/TerminateProcess, until the process has exited (pid → code). */
  private final IntLongHashMap exitCodes = new IntLongHashMap();
  private long cost;
  private Cpu cpu;
  private Process p;
  private ProgramImage img;
  private int pc;

  Win32(Kernel k) {
    this.k = k;
    this.objects = new WinObjects(this);
  }

  WinObjects objects() {
    return objects;
  }

  /** Virtual time the last call cost beyond the system-call entry. */
  long cost() {
    return cost;
  }

  /** Runs one Win32 call; returns a {@link Syscalls} outcome. */
  int call(Op op, Cpu c, Process proc) {
    cpu = c;
    p = proc;
    img = p.image();
    pc = p.pc();
    cost = 0;
    return switch (op) {
      case CREATE_PROCESS -> createProcess();
      case WAIT_FOR_SINGLE_OBJECT -> waitFor(arg(0), arg(1));
      case GET_EXIT_CODE_PROCESS -> exitCode(arg(0));
      case TERMINATE_PROCESS -> terminateProcess(arg(0), arg(1));
      case EXIT_PROCESS -> exitProcess(arg(0));
      case CLOSE_HANDLE -> closeHandle(arg(0));
      case RESUME_THREAD -> resumeThread(arg(0));
      case SUSPEND_THREAD -> suspendThread(arg(0));
      case OPEN_PROCESS -> openProcess(arg(0));
      case SET_HANDLE_INFORMATION -> ok(objects.setInformation(p, arg(0), arg(1), arg(2)));
      case CREATE_JOB_OBJECT -> ret(objects.open(p, objects.createJob(), false));
      case ASSIGN_PROCESS_TO_JOB_OBJECT -> assign(arg(0), arg(1));
      case SET_INFORMATION_JOB_OBJECT -> setJobInformation(arg(0), arg(1),
          img.operandCount(pc) > 2 ? arg(2) : 0);
      case TERMINATE_JOB_OBJECT -> terminateJob(arg(0), arg(1));
      case WIN_SLEEP -> sleep(arg(0));
      default -> throw new IllegalArgumentException("not a Win32 call: " + op);
    };
  }

  // ---------------------------------------------------------------- operands and results

  private long arg(int i) {
    return Interpreter.value(img, pc, i, p.regs());
  }

  /** A string operand: a literal, or the address of a NUL-terminated string. */
  private String str(int i) {
    return Operands.string(img, pc, i, p.regs(), p.mm(), COMMAND_LINE_MAX + 2);
  }

  private int ret(long r0) {
    p.regs()[0] = r0;
    return Syscalls.DONE;
  }

  /** A BOOL result: 1, or 0 with ERROR_INVALID_HANDLE (the calls that only fail on a bad handle). */
  private int ok(boolean success) {
    return success ? ret(1) : fail(ERROR_INVALID_HANDLE);
  }

  private int fail(long error) {
    p.setLastError(error);
    return ret(0);
  }

  /** A DWORD-returning call's failure: r0 = (DWORD) -1 (ResumeThread, WaitForSingleObject). */
  private int failDword(long error) {
    p.setLastError(error);
    return ret(0xFFFFFFFFL);
  }

  // ---------------------------------------------------------------- handles to objects

  private ProcessObject processHandle(long h) {
    if (h == CURRENT_PROCESS) {
      return objects.objectOf(p);
    }
    WinObject o = objects.resolve(p, h);
    return o instanceof ProcessObject po ? po : null;
  }

  private ProcessObject threadHandle(long h) {
    if (h == CURRENT_THREAD) {
      return objects.objectOf(p);
    }
    WinObject o = objects.resolve(p, h);
    return o instanceof ThreadObject t ? t.process() : null;
  }

  private JobObject jobHandle(long h) {
    WinObject o = objects.resolve(p, h);
    return o instanceof JobObject j ? j : null;
  }

  // ---------------------------------------------------------------- CreateProcess (A1-A18)

  private int createProcess() {
    String app;
    String cmd;
    try {
      app = str(0);
      cmd = str(1);
    } catch (MemoryFault f) {
      return fail(ERROR_NOACCESS);
    }
    long flags = arg(2);
    boolean inherit = arg(3) != 0;
    // A16 step 1: the flags are validated before anything else (A10)
    if ((flags & DETACHED_PROCESS) != 0 && (flags & CREATE_NEW_CONSOLE) != 0) {
      return fail(ERROR_INVALID_PARAMETER);
    }
    if (cmd.length() > COMMAND_LINE_MAX || (app.isEmpty() && cmd.isBlank())) {
      return fail(ERROR_INVALID_PARAMETER); // A3
    }
    String path = resolveModule(app, cmd); // A16 step 2, A3
    if (path == null) {
      return ret(0);
    }
    String[] argv = CommandLine.parse(cmd.isEmpty() ? app : cmd);
    if (Loader.argvBytes(argv) > Loader.ARG_MAX) {
      return fail(ERROR_INVALID_PARAMETER);
    }
    ProcessObject self = objects.processObject(p.pid());
    JobObject job = JobObject.joinedByChild(self == null ? null : self.job(), flags); // A27
    if (JobObject.childError(job, flags) != 0) {
      return fail(JobObject.childError(job, flags));
    }
    long soft = p.rlimitSoft((int) Constants.RLIMIT_NPROC); // one process table, one RLIMIT_NPROC
    ProcessTable table = k.table();
    if (p.uid() != 0 && Long.compareUnsigned(table.countForUid(p.uid()), soft) >= 0) {
      return fail(ERROR_NOT_ENOUGH_MEMORY);
    }
    Process child = table.create(0, p.uid(), k.now()); // A26: no Linux parent
    if (child == null) {
      return fail(ERROR_NOT_ENOUGH_MEMORY);
    }
    setUp(child, flags);
    ProgramImage image = k.loader().image(path);
    long pages = k.loader().start(child, image, argv); // A2: a new address space, at the entry
    child.setExeced(true);
    k.stats().processes++;
    k.trace().emit(EventKind.CREATE_PROCESS, p.pid(), child.pid(), flags, inherit ? 1 : 0, path);
    k.trace().emit(EventKind.IMAGE_LOAD, child.pid(), pages, image.entry(),
        Loader.relocatedBase(child.image()), path);
    cost += k.cost().execPerPageNs() * Loader.fixupPages(child.image()); // A36
    ProcessObject po = objects.create(child, p.pid(), true); // A17
    if (inherit) {
      objects.inherit(p, child, true); // A13, A14
    }
    if (job != null) {
      objects.join(po, job, WinObjects.JOB_CREATED); // A27: children join the creator's job
    }
    long[] r = p.regs();
    r[1] = objects.open(p, po, false); // A4: full-access handles, not inheritable
    r[2] = objects.open(p, objects.threadOf(po), false);
    r[3] = child.pid();
    r[4] = child.pid(); // the one thread's ID is the PID (ThreadObject)
    cost += k.cost().forkBaseNs() + k.cost().execBaseNs() + k.cost().execPerPageNs() * pages;
    if ((flags & CREATE_SUSPENDED) != 0) {
      objects.suspend(po); // A7, A8: the thread stays suspended, count 1
      objects.setParked(po, true);
      k.blockUninterruptible(child, "CreateProcess CREATE_SUSPENDED");
    } else {
      k.makeRunnable(child); // A8, A16 step 11: the final resume
    }
    return ret(1);
  }

  /**
   * The new process's own state: nothing of the creator's memory (A2), fresh signal state and
   * timers, the creator's limits; the console (descriptors 0-2) unless DETACHED_PROCESS or
   * CREATE_NEW_CONSOLE — a new console is not the run's, so what the child writes there is not
   * captured (A10); a console of its own is a session of its own; CREATE_NEW_PROCESS_GROUP
   * makes it a group leader with CTRL+C (SIGINT) ignored, unless CREATE_NEW_CONSOLE (A9).
   */
  private void setUp(Process child, long flags) {
    ProcessTable table = k.table();
    child.setSignals(SignalOps.fresh());
    child.setTimers(new io.simkernel.kernel.signal.ITimers());
    for (int r = 0; r < 16; r++) {
      child.setRlimit(r, p.rlimitSoft(r), p.rlimitHard(r));
    }
    boolean ownConsole = (flags & (DETACHED_PROCESS | CREATE_NEW_CONSOLE)) != 0;
    child.setFiles(ownConsole ? new FdTable() : standardHandles());
    boolean newGroup = (flags & CREATE_NEW_PROCESS_GROUP) != 0
        && (flags & CREATE_NEW_CONSOLE) == 0;
    child.setSid(ownConsole ? child.pid() : p.sid());
    child.setPgid(ownConsole || newGroup ? child.pid() : p.pgid());
    table.pids().retain(child.pgid());
    table.pids().retain(child.sid());
    if (newGroup) {
      k.signalOps().sigaction(child, Signals.SIGINT, SignalState.SIG_IGN, 0, 0, new long[3]);
    }
  }

  /**
   * A16 step 7: a console child gets the console on descriptors 0-2, except where the creator's
   * standard handle is not the console (a pipe): that one is duplicated into the child — the
   * same open description, as DuplicateHandle shares the object.
   */
  private FdTable standardHandles() {
    FdTable t = FdTable.withConsole();
    FdTable mine = p.files();
    for (int fd = 0; fd < 3 && mine != null; fd++) {
      OpenFile f = mine.get(fd);
      if (f != null && f.pipe() != null) {
        t.install(fd, f, false);
      }
    }
    return t;
  }

  /** A3 (CommandLine.resolve); null with the error set when nothing runs. */
  private String resolveModule(String app, String cmd) {
    long[] errno = new long[1];
    // the creator's credentials decide, as for execve (A16 step 2 opens the file as the caller)
    int uid = p.uid();
    String path = CommandLine.resolve(app, cmd, img.path(),
        candidate -> k.loader().lookup(candidate, uid, new String[0], new ProgramImage[1]), errno);
    if (path == null) {
      p.setLastError(ofErrno(errno[0]));
    }
    return path;
  }

  // ---------------------------------------------------------------- waiting (A23-A25)

  private int waitFor(long h, long ms) {
    WinObject o = h == CURRENT_PROCESS || h == CURRENT_THREAD ? objects.objectOf(p)
        : objects.resolve(p, h);
    if (o == null) {
      deadlines.remove(p.pid());
      return failDword(ERROR_INVALID_HANDLE);
    }
    if (o.isSignalled()) {
      endWait();
      return ret(WAIT_OBJECT_0); // A24: waiting changes nothing
    }
    WaitQueue q = o instanceof JobObject j ? j.waiters()
        : o instanceof ThreadObject t ? t.process().waiters() : ((ProcessObject) o).waiters();
    return timedSleep(ms, q, "WaitForSingleObject", true);
  }

  /**
   * Sleeps until woken on {@code q} or until {@code ms} milliseconds have passed (INFINITE: no
   * timer). A Win32 wait is not alertable by Linux signals: a handler runs and the call is
   * executed again with its original deadline. Timeouts: {@code WAIT_TIMEOUT} in r0 when
   * {@code result}, else r0 is left alone (Sleep).
   */
  private int timedSleep(long ms, WaitQueue q, String why, boolean result) {
    long now = k.now();
    long deadline;
    if (deadlines.containsKey(p.pid())) {
      deadline = deadlines.get(p.pid());
    } else {
      deadline = ms == INFINITE || ms < 0 ? Long.MAX_VALUE
          : now + Math.min(ms, Long.MAX_VALUE / 2_000_000) * 1_000_000;
      deadlines.put(p.pid(), deadline);
    }
    if (now >= deadline) {
      endWait();
      return result ? ret(WAIT_TIMEOUT) : Syscalls.DONE;
    }
    if (SignalOps.hasDeliverable(p)) {
      p.setWakeAt(-1);
      p.nextTimerGen();
      p.setRestartCode(Delivery.ERESTARTNOINTR);
      return Syscalls.RESTART;
    }
    k.block(p, q, why);
    if (deadline != Long.MAX_VALUE) {
      p.setWakeAt(deadline);
      k.queue().push(deadline, Kernel.event(Kernel.EV_TIMER, p.nextTimerGen(), p.pid()));
    }
    return Syscalls.BLOCKED;
  }

  private void endWait() {
    deadlines.remove(p.pid());
    if (p.wakeAt() >= 0) {
      p.setWakeAt(-1);
      p.nextTimerGen(); // a pending timeout event is stale now
    }
  }

  /** Sleep(ms): Sleep(0) gives up the rest of the time slice; INFINITE never returns. */
  private int sleep(long ms) {
    if (ms == 0) {
      return Syscalls.YIELD;
    }
    return timedSleep(ms, null, "Sleep", false);
  }

  private int exitCode(long h) {
    ProcessObject o = processHandle(h);
    if (o == null) {
      return fail(ERROR_INVALID_HANDLE);
    }
    p.regs()[1] = o.exitCode(); // A23: STILL_ACTIVE (259) while running
    return ret(1);
  }

  // ---------------------------------------------------------------- termination (A19-A22)

  private int terminateProcess(long h, long code) {
    ProcessObject o = processHandle(h);
    if (o == null) {
      return fail(ERROR_INVALID_HANDLE);
    }
    Process t = k.table().get(o.pid());
    if (!o.isAlive() || o.isTerminating() || t == null || t.isExiting() || t.pid() == 1) {
      return fail(ERROR_ACCESS_DENIED); // A22: it has already terminated (or is terminating)
    }
    if (t == p) {
      return exitProcess(code); // A22: self-termination does not return
    }
    objects.setTerminating(o);
    terminate(t, code); // A22: asynchronous, returns at once
    return ret(1);
  }

  private int exitProcess(long code) {
    exitCodes.put(p.pid(), code & 0xFFFFFFFFL);
    k.exit(cpu, p, WaitStatus.exited(code & 0xFF),
        k.now() + k.cost().syscallNs() + cost);
    return Syscalls.EXITED;
  }

  @Override
  public void terminate(Process t, long code) {
    exitCodes.put(t.pid(), code & 0xFFFFFFFFL);
    k.send(t, SigInfo.kernel(Signals.SIGKILL)); // ends it at its next return to user mode
  }

  // ---------------------------------------------------------------- handles (A4, A13)

  private int closeHandle(long h) {
    if (h == CURRENT_PROCESS || h == CURRENT_THREAD) {
      return ret(1); // closing a pseudo-handle does nothing
    }
    return ok(objects.close(p, h)); // A25: never terminates the process
  }

  private int openProcess(long pid) {
    if (pid <= 0 || pid > Integer.MAX_VALUE) {
      return fail(ERROR_INVALID_PARAMETER);
    }
    ProcessObject o = objects.processObject((int) pid);
    Process t = k.table().get(pid);
    if (t != null && p.uid() != 0 && t.uid() != p.uid()) {
      return fail(ERROR_ACCESS_DENIED); // another user's process
    }
    if (o != null) {
      return ret(objects.open(p, o, false)); // A25: the object outlives its process
    }
    if (t == null || t.state() == TaskState.EXIT_DEAD) {
      return fail(ERROR_INVALID_PARAMETER); // no such process
    }
    o = objects.objectOf(t);
    int h = objects.open(p, o, false);
    if (t.state() == TaskState.EXIT_ZOMBIE) {
      objects.exited(t.pid(), windowsCode(t.exitStatus())); // a Linux zombie has terminated
    }
    return ret(h);
  }

  // ---------------------------------------------------------------- threads (A7)

  private int resumeThread(long h) {
    ProcessObject o = threadHandle(h);
    if (o == null) {
      return failDword(ERROR_INVALID_HANDLE);
    }
    int prev = objects.resume(o);
    if (prev == 1 && o.isParked()) {
      objects.setParked(o, false);
      Process t = k.table().get(o.pid());
      if (t != null && t.state() == TaskState.TASK_UNINTERRUPTIBLE) {
        k.wake(t);
      }
    }
    return ret(prev);
  }

  private int suspendThread(long h) {
    ProcessObject o = threadHandle(h);
    if (o == null) {
      return failDword(ERROR_INVALID_HANDLE);
    }
    if (o.suspendCount() >= MAXIMUM_SUSPEND_COUNT) {
      return failDword(ERROR_SIGNAL_REFUSED);
    }
    if (!o.isAlive()) {
      return ret(0); // a terminated thread has nothing to suspend
    }
    int prev = objects.suspend(o);
    Process t = k.table().get(o.pid());
    if (prev == 0 && t != p && t != null && t.state() == TaskState.TASK_RUNNING) {
      k.kick(t); // stop it running user code: it parks at its return to user mode
    }
    return ret(prev);
  }

  /**
   * Called at every return to user mode: a thread with a suspend count sleeps (uninterruptible,
   * but a termination still ends it) until ResumeThread brings the count to 0.
   */
  boolean parks(Process t) {
    if (!objects.anySuspended()) {
      return false;
    }
    ProcessObject o = objects.processObject(t.pid());
    if (o == null || o.suspendCount() == 0 || t.isExiting()) {
      return false;
    }
    objects.setParked(o, true);
    k.blockUninterruptible(t, "SuspendThread");
    return true;
  }

  // ---------------------------------------------------------------- jobs (A27, A28)

  private int assign(long jh, long ph) {
    JobObject j = jobHandle(jh);
    ProcessObject o = processHandle(ph);
    if (j == null || o == null) {
      return fail(ERROR_INVALID_HANDLE);
    }
    Process t = k.table().get(o.pid());
    if (!o.isAlive() || o.isTerminating() || t == null || t.isExiting()) {
      return fail(ERROR_ACCESS_DENIED);
    }
    if (o.job() == j) {
      return ret(1);
    }
    if (o.job() != null) {
      return fail(ERROR_ACCESS_DENIED); // nested jobs are not modelled: one job per process
    }
    if (j.full()) {
      objects.setTerminating(o); // A28: the process is terminated and the association fails
      terminate(t, ERROR_NOT_ENOUGH_QUOTA);
      return fail(ERROR_NOT_ENOUGH_QUOTA);
    }
    objects.join(o, j, WinObjects.JOB_ASSIGNED);
    return ret(1);
  }

  private int setJobInformation(long jh, long limits, long n) {
    JobObject j = jobHandle(jh);
    if (j == null) {
      return fail(ERROR_INVALID_HANDLE);
    }
    if ((limits & ~JobObject.MODELLED) != 0
        || ((limits & JobObject.ACTIVE_PROCESS) != 0 && n < 1)) {
      return fail(ERROR_INVALID_PARAMETER);
    }
    objects.setLimits(j, limits, (limits & JobObject.ACTIVE_PROCESS) != 0 ? n : 0);
    return ret(1);
  }

  private int terminateJob(long jh, long code) {
    JobObject j = jobHandle(jh);
    if (j == null) {
      return fail(ERROR_INVALID_HANDLE);
    }
    objects.terminateMembers(j, code, WinObjects.JOB_TERMINATED); // A27: every current member
    return ret(1);
  }

  // ---------------------------------------------------------------- fork and exit

  /** fork: the child gets a copy of the whole handle table and stays in its parent's job. */
  void forked(Process parent, Process child) {
    objects.inherit(parent, child, false);
    ProcessObject po = objects.processObject(parent.pid());
    if (po != null && po.job() != null) {
      objects.join(objects.objectOf(child), po.job(), WinObjects.JOB_FORKED);
    }
  }

  /**
   * The wait status a terminating process gets: ExitProcess and TerminateProcess end it with
   * their code's low byte as exit status, as exit_group does with its argument.
   */
  int exitStatus(Process t, int status) {
    return exitCodes.containsKey(t.pid())
        ? WaitStatus.exited(exitCodes.get(t.pid()) & 0xFF) : status;
  }

  /** do_exit began: the handles are closed, then the process leaves its job (A21's order). */
  void exiting(Process t) {
    if (objects.isEmpty() && deadlines.isEmpty()) {
      return; // no Windows object, no Win32 wait: nothing to close, leave or forget
    }
    objects.closeAll(t);
    objects.leaveJob(t.pid());
    deadlines.remove(t.pid());
  }

  /** The process has terminated: its object is signalled with its Win32 exit code (A21). */
  void exited(Process t) {
    if (objects.isEmpty() && exitCodes.isEmpty()) {
      return; // no process object to signal, no exit code to forget
    }
    long code = exitCodes.containsKey(t.pid()) ? exitCodes.get(t.pid())
        : windowsCode(t.exitStatus());
    exitCodes.remove(t.pid());
    objects.exited(t.pid(), code);
  }

  /** The Win32 exit code of a Linux wait status: the exit status, or 128 + N after signal N. */
  static long windowsCode(int status) {
    return WaitStatus.wifexited(status) ? WaitStatus.wexitstatus(status)
        : 128 + WaitStatus.wtermsig(status);
  }

  // ---------------------------------------------------------------- WinHost

  @Override
  public ProcessTable table() {
    return k.table();
  }

  @Override
  public KernelTrace trace() {
    return k.trace();
  }

  @Override
  public void wakeAll(WaitQueue q) {
    k.wakeAll(q);
  }
}
