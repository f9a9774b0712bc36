package io.simkernel.kernel;

import io.simkernel.api.Constants;
import io.simkernel.api.Signals;
import io.simkernel.api.WaitStatus;
import io.simkernel.api.program.ProgramImage;
import io.simkernel.api.run.RunResult;
import io.simkernel.api.run.StopReason;
import io.simkernel.api.scenario.KernelConfig;
import io.simkernel.api.scenario.Scenario;
import io.simkernel.api.trace.EventKind;
import io.simkernel.kernel.check.InvariantChecker;
import io.simkernel.kernel.check.InvariantViolation;
import io.simkernel.kernel.clock.EventQueue;
import io.simkernel.kernel.clock.VirtualClock;
import io.simkernel.kernel.ipc.Console;
import io.simkernel.kernel.loader.Loader;
import io.simkernel.kernel.proc.Exits;
import io.simkernel.kernel.proc.Forks;
import io.simkernel.kernel.proc.LifecycleHost;
import io.simkernel.kernel.proc.Process;
import io.simkernel.kernel.proc.ProcessTable;
import io.simkernel.kernel.proc.TaskState;
import io.simkernel.kernel.sched.CostModel;
import io.simkernel.kernel.sched.Cpu;
import io.simkernel.kernel.sched.Scheduler;
import io.simkernel.kernel.signal.Delivery;
import io.simkernel.kernel.signal.SigInfo;
import io.simkernel.kernel.signal.SignalHost;
import io.simkernel.kernel.signal.SignalOps;
import io.simkernel.kernel.vm.Interpreter;
import io.simkernel.kernel.wait.ChildWait;
import io.simkernel.kernel.wait.WaitQueue;

/**
 * The simulated machine: boots a scenario and runs it to the end, one event at a time. This class
 * is where the subsystems meet — the event loop, the CPUs' synchronisation points (system calls,
 * faults, slice ends, interruptions), dispatching, sleeping and waking — and it implements the
 * services the subsystems ask of the rest of the kernel ({@link SignalHost}, {@link
 * LifecycleHost}). What each subsystem does is in its own package.
 */
public final class Kernel implements SignalHost, LifecycleHost {
  private static final int EV_CPU = 1;
  static final int EV_TIMER = 2;
  private static final int EV_INIT_REAP = 3;
  private static final int EV_ITIMER = 4;

  private final Scenario scenario;
  private final KernelConfig config;
  private final KernelOptions options;
  private final CostModel cost;
  private final VirtualClock clock = new VirtualClock();
  private final KernelTrace trace = new KernelTrace(clock);
  private final EventQueue queue;
  private final ProcessTable table;
  private final Interpreter vm;
  private final Scheduler sched;
  private final Loader loader;
  private final io.simkernel.kernel.fs.FileSystem fs = new io.simkernel.kernel.fs.FileSystem();
  private final Console console;
  private final SignalOps signals;
  private final Delivery delivery;
  private final Wakeups wakeups = new Wakeups(this);
  private final io.simkernel.kernel.signal.JobControl jobControl;
  private final Forks forks;
  private final Exits exits;
  private final ChildWait childWait;
  private final Syscalls syscalls;
  private final MpCalls mpCalls;
  private final RunStats stats = new RunStats();
  private final io.simkernel.kernel.mm.PhysicalMemory memory;
  private final MemoryFaults memoryFaults = new MemoryFaults(this);
  private final MemorySyscalls memorySyscalls = new MemorySyscalls(this);
  private final OomKiller oom = new OomKiller(this);
  private final MemoryReport memoryReport = new MemoryReport(this);
  private final Win32 win32 = new Win32(this);
  private final InvariantChecker checker;
  private boolean initReapPending;
  private int mainPid;
  private StopReason stopReason;
  private String stopDetail = "";
  private Profiler prof; // null unless profiling: see Profiler (never changes an event)

  private Kernel(Scenario scenario, KernelOptions options) {
    this.scenario = scenario;
    this.config = scenario.config();
    this.options = options;
    this.cost = options.cost();
    this.memory = new io.simkernel.kernel.mm.PhysicalMemory(config.memoryBytes(),
        io.simkernel.kernel.mm.ForkPolicy.of(config.option("fork", "classic")));
    memory.onOutOfMemory(oom::outOfMemoryInKernel);
    this.loader = new Loader(memory, fs);
    loader.plantPrivateText(options.bug(KernelOptions.BUG_PRIVATE_IMAGE_TEXT));
    this.queue = new EventQueue(config.tieBreak() == KernelConfig.TieBreak.RANDOM
        ? EventQueue.Mode.RANDOM : EventQueue.Mode.INSERTION, config.seed(), 256);
    this.table = new ProcessTable(config.pidMax(), trace);
    this.vm = new Interpreter(cost.instructionNs(), config.insnsMax());
    this.sched = new Scheduler(config.cpus(), config.timesliceNs(), vm);
    sched.recordStatesWith(pid -> table.get(pid) == null ? 'X' : table.get(pid).state().letter());
    this.console = new Console(options.stdout(), options.stderr());
    this.signals = new SignalOps(this);
    this.delivery = new Delivery(this);
    this.jobControl = new io.simkernel.kernel.signal.JobControl(this, signals);
    this.forks = new Forks(this);
    this.exits = new Exits(this);
    this.childWait = new ChildWait(table, exits, trace);
    this.syscalls = new Syscalls(this);
    this.mpCalls = new MpCalls(this);
    this.checker = options.checked() ? new InvariantChecker(this) : null;
    trace.setSink(options.sink());
    for (ProgramImage img : scenario.programs()) {
      loader.install(img);
    }
    FileCalls.populate(fs, scenario.files());
  }

  /** Boots the scenario's machine: PID 1, then the {@code run} program as PID 2 (PID-8). */
  public static Kernel boot(Scenario scenario, KernelOptions options) {
    Kernel k = new Kernel(scenario, options);
    k.mainPid = Boot.boot(k);
    return k;
  }

  /**
   * Profiles the run that follows ({@code simkernel run --profile}): where its wall time goes.
   * Reads only the wall clock, so the run's events and trace hash do not change.
   */
  public Profiler enableProfiling() {
    if (prof == null) {
      prof = new Profiler();
      trace.setProfiler(prof);
    }
    return prof;
  }

  /** The profiler of this run, or null when profiling is off. */
  @Override
  public Profiler profiler() {
    return prof;
  }

  private void profEnter(int section) {
    if (prof != null) {
      prof.enter(section);
    }
  }

  private void profLeave() {
    if (prof != null) {
      prof.leave();
    }
  }

  // ---------------------------------------------------------------- the event loop

  /** Runs until every process has ended or a limit stops the run. */
  public RunResult run() {
    long wall0 = System.nanoTime(); // wall time only feeds the report, never the run
    if (prof != null) {
      prof.start();
    }
    try {
      loop();
    } catch (Exits.InitDiedException panic) {
      stop(StopReason.KERNEL_PANIC, panic.getMessage());
      stats.mainStatusOverride = panic.status();
    } catch (InvariantViolation v) {
      stop(StopReason.INVARIANT_VIOLATION, v.getMessage());
    }
    if (prof != null) {
      prof.stop();
    }
    console.flush();
    return stats.result(this, stopReason, stopDetail, System.nanoTime() - wall0);
  }

  private void loop() {
    while (stopReason == null) {
      if (finished()) {
        stop(StopReason.COMPLETED, "");
        break;
      }
      if (queue.isEmpty()) {
        stop(StopReason.DEADLOCK, "no event is pending and processes are still blocked: "
            + io.simkernel.kernel.check.WaitForGraph.describe(this));
        break;
      }
      long t = queue.peekTime();
      if (t > config.timeLimitNs()) {
        clock.advanceTo(config.timeLimitNs());
        stop(StopReason.TIME_LIMIT, "virtual time reached time_limit=" + config.timeLimitNs() + "ns");
        break;
      }
      if (config.eventsMax() >= 0 && trace.events() >= config.eventsMax()) {
        stop(StopReason.EVENT_LIMIT, "kernel events reached events_max=" + config.eventsMax());
        break;
      }
      long payload = queue.pop();
      clock.advanceTo(t);
      dispatchEvent(payload);
      if (checker != null) {
        profEnter(Profiler.CHECKS);
        checker.check();
        profLeave();
      }
    }
  }

  private boolean finished() {
    if (table.size() != 1) {
      return false;
    }
    Process init = table.get(1);
    return init.isBuiltin() || init.state() != TaskState.TASK_RUNNING;
  }

  private void dispatchEvent(long payload) {
    int type = (int) (payload >>> 56);
    int gen = (int) (payload >>> 24);
    int id = (int) (payload & 0xFFFFFF);
    switch (type) {
      case EV_CPU -> {
        Cpu c = sched.cpu(id);
        if (gen == c.generation()) {
          onCpu(c);
        }
      }
      case EV_TIMER -> {
        Process p = table.get(id);
        // the deadline must match too: then even a PID reused since cannot be woken early
        if (p != null && p.timerGen() == gen && p.wakeAt() == clock.now()) {
          trace.onCpu(-1);
          wake(p);
        }
      }
      case EV_ITIMER -> {
        Process p = table.get(id);
        if (p != null && p.state().isAlive() && p.timers().realGen() == gen
            && p.timers().realDeadline() == clock.now()) {
          trace.onCpu(-1);
          int next = p.timers().fireReal(clock.now());
          if (p.timers().realDeadline() >= 0) {
            queue.push(p.timers().realDeadline(), event(EV_ITIMER, next, p.pid()));
          }
          send(p, SigInfo.kernel(Signals.SIGALRM)); // it_real_fn: SIGALRM, SI_KERNEL
        }
      }
      case EV_INIT_REAP -> {
        initReapPending = false;
        trace.onCpu(-1);
        reapForInit();
      }
      default -> throw new IllegalStateException("unknown event type " + type);
    }
  }

  static long event(int type, int gen, int id) {
    return ((long) type << 56) | ((gen & 0xFFFFFFFFL) << 24) | (id & 0xFFFFFF);
  }

  void scheduleCpu(Cpu c) {
    sched.setEventPending(c, true);
    queue.push(c.stopTime(), event(EV_CPU, c.generation(), c.index()));
  }

  // ---------------------------------------------------------------- CPUs

  private void onCpu(Cpu c) {
    sched.setEventPending(c, false);
    trace.onCpu(c.index(), c.current());
    long now = clock.now();
    if (c.current() == 0) {
      dispatch(c, now);
      return;
    }
    Process p = table.get(c.current());
    long ran = c.stopTime() - c.segmentStart();
    p.chargeUser(ran);
    sched.chargeBusy(c, ran);
    chargeTimers(p, ran, 0);
    switch (c.stop()) {
      case SYSCALL -> syscall(c, p, now);
      case FAULT -> fault(c, p, now);
      case TRAP -> {
        forceSignal(p, c.trapSignal(), c.trapCode());
        returnToUser(c, p, now);
      }
      case SLICE -> {
        if (now < c.sliceEnd()) {
          returnToUser(c, p, now); // stopped for a CPU-time timer, not for the slice
          return;
        }
        sched.release(c);
        sched.enqueue(p.pid());
        dispatch(c, now);
      }
      case INTERRUPT, DISPATCH -> returnToUser(c, p, now);
      case EXITING -> exitDone(c, p, now);
      case MAIN_RETURN -> {
        if (mpCalls.mainReturned(p)) {
          syscall(c, p, now); // the multiprocessing runtime: a target, the exit hook (B11, B19)
        } else {
          exit(c, p, WaitStatus.exited(p.regs()[0]), now);
        }
      }
      case SIGRETURN -> {
        if (!delivery.sigreturn(p)) {
          forceSignal(p, Signals.SIGSEGV, 0x80);
        }
        returnToUser(c, p, now + cost.syscallNs());
      }
      case INSN_LIMIT -> {
        trace.emit(EventKind.LIMIT, p.pid(), 0, 0, 0, "insns_max");
        stop(StopReason.INSN_LIMIT, "VM instructions reached insns_max=" + config.insnsMax()
            + " while pid " + p.pid() + " (" + p.comm() + ") was running");
      }
    }
  }

  /**
   * Picks the next process for a CPU; switching to another process than {@code prev} costs a
   * context switch.
   */
  private void dispatch(Cpu c, long now) {
    int prev = sched.previous(c);
    int pid = sched.dequeue();
    if (pid == 0) {
      sched.release(c);
      return;
    }
    Process p = table.get(pid);
    long start = pid == prev ? now : now + cost.contextSwitchNs();
    if (pid != prev) {
      stats.contextSwitches++;
      trace.emit(EventKind.SCHED_SWITCH, pid, prev, sched.previousState(c), 0);
    }
    sched.assign(c, pid, start);
    sched.invalidate(c);
    sched.park(c, p.inSyscall() ? Cpu.Stop.SYSCALL : Cpu.Stop.DISPATCH, start);
    if (p.inSyscall()) {
      p.setInSyscall(false);
    }
    scheduleCpu(c);
  }

  /** Parks an emptied CPU until {@code t}, when it takes the next process. */
  private void dispatchAt(Cpu c, long t) {
    sched.release(c);
    sched.park(c, Cpu.Stop.DISPATCH, t);
    scheduleCpu(c);
  }

  /**
   * Return to user mode: pending signals are delivered (SG-16), then the next segment of user
   * code runs from {@code t}.
   */
  void returnToUser(Cpu c, Process p, long t) {
    profEnter(Profiler.SIGNALS);
    int out = delivery.deliver(p);
    profLeave();
    profEnter(Profiler.FAULTS);
    t += memoryFaults.kernelFaults(p); // faults of the kernel's copies to and from user memory
    profLeave();
    int sig = out & 0xFF;
    if ((out & Delivery.TERMINATE) != 0 && sig == Signals.SIGINT && mpCalls.interrupted(p)) {
      syscall(c, p, t); // Python's SIGINT handler: KeyboardInterrupt (EXP-10)
      return;
    }
    if ((out & Delivery.TERMINATE) != 0) {
      exit(c, p, WaitStatus.signaled(sig, Signals.defaultAction(sig)
          == io.simkernel.api.SigAction.CORE && dumpsCore(p)), t);
      return;
    }
    if ((out & Delivery.STOP) != 0) {
      wakeups.stopProcess(p, sig);
      dispatchAt(c, t);
      return;
    }
    if (win32.parks(p)) { // a suspended Win32 thread (SuspendThread, CREATE_SUSPENDED)
      dispatchAt(c, t);
      return;
    }
    sched.invalidate(c);
    long cpuLeft = p.timers().cpuHorizon();
    profEnter(Profiler.INTERPRETER);
    sched.startSegment(c, p, t, cpuLeft == Long.MAX_VALUE ? Long.MAX_VALUE : t + cpuLeft);
    profLeave();
    scheduleCpu(c);
  }

  /** ITIMER_VIRTUAL and ITIMER_PROF count CPU time; expiry raises SIGVTALRM / SIGPROF. */
  private void chargeTimers(Process p, long userNs, long sysNs) {
    int fired = p.timers().charge(userNs, sysNs);
    if ((fired & 1) != 0) {
      send(p, SigInfo.kernel(Signals.SIGVTALRM));
    }
    if ((fired & 2) != 0) {
      send(p, SigInfo.kernel(Signals.SIGPROF));
    }
  }

  /** Arms the real interval timer's event (setitimer/alarm). */
  void armRealTimer(Process p, int gen) {
    if (p.timers().realDeadline() >= 0) {
      queue.push(p.timers().realDeadline(), event(EV_ITIMER, gen, p.pid()));
    }
  }

  private void syscall(Cpu c, Process p, long now) {
    stats.syscalls++;
    c.setInKernel(true);
    int outcome;
    if (prof != null) {
      prof.enterSyscall(p.image().op(p.pc()));
    }
    try {
      outcome = syscalls.execute(c, p);
    } finally {
      c.setInKernel(false);
      profLeave();
    }
    long t = now + syscalls.cost();
    p.chargeSys(t - now);
    if (outcome != Syscalls.EXITED) {
      chargeTimers(p, 0, t - now);
    }
    switch (outcome) {
      case Syscalls.DONE -> {
        p.setPc(p.pc() + 1);
        returnToUser(c, p, t);
      }
      case Syscalls.RESTART, Syscalls.EXECED -> returnToUser(c, p, t);
      case Syscalls.BLOCKED -> {
        p.setInSyscall(true);
        dispatchAt(c, t);
      }
      case Syscalls.EXITED -> { } // exit() has handed the CPU on
      case Syscalls.YIELD -> {
        p.setPc(p.pc() + 1);
        sched.release(c);
        sched.enqueue(p.pid());
        dispatchAt(c, t);
      }
      default -> throw new IllegalStateException("bad syscall outcome " + outcome);
    }
  }

  private void fault(Cpu c, Process p, long now) {
    profEnter(Profiler.FAULTS);
    long t = memoryFaults.handle(c, p, now); // MemoryFaults: counting, costs, SIGSEGV, OOM
    profLeave();
    if (t == MemoryFaults.YIELDED) {
      dispatchAt(c, now + OomKiller.BACKOFF_NS);
    } else if (t == MemoryFaults.STEPPED) {
      scheduleCpu(c);
    } else {
      returnToUser(c, p, t);
    }
  }


  /**
   * Terminates the process on CPU {@code c}: do_exit starts at {@code t} and takes the exit's
   * cost, during which the process is exiting but still alive (a WNOHANG wait finds nothing, as
   * on Linux right after a kill); then it becomes a zombie and the CPU moves on.
   */
  void exit(Cpu c, Process p, int status, long t) {
    status = win32.exitStatus(p, status); // ExitProcess/TerminateProcess codes (Win32)
    memoryReport.recordExit(p);
    mpCalls.exited(p);
    exits.begin(p, status);
    win32.exiting(p); // A21: its handles are closed, it leaves its job
    long done = t + exits.lastCost();
    p.chargeSys(exits.lastCost());
    sched.invalidate(c);
    sched.park(c, Cpu.Stop.EXITING, done);
    scheduleCpu(c);
  }

  /** The end of do_exit on CPU {@code c}: the process becomes a zombie (or is released). */
  private void exitDone(Cpu c, Process p, long now) {
    int status = p.exitStatus();
    if (p.pid() == mainPid) {
      stats.mainStatus = status;
    }
    stats.recordExit(p, status, now);
    exits.finish(p);
    win32.exited(p); // A21: the process object is signalled
    sched.release(c);
    dispatch(c, now);
  }

  /**
   * force_sig_fault: a synchronous signal that cannot be ignored or blocked away — if it is, the
   * disposition is reset to default and the signal unblocked (kernel/signal.c force_sig_info).
   */
  private void forceSignal(Process p, int sig, int code) {
    signals.force(p, sig, code);
  }

  // ---------------------------------------------------------------- sleeping and waking

  /** Sleeping, waking, stopping and continuing processes: see {@link Wakeups}. */
  Wakeups wakeups() {
    return wakeups;
  }

  void block(Process p, WaitQueue q, String why) {
    wakeups.block(p, q, why);
  }

  void sleepUntil(Process p, long t, String why) {
    wakeups.sleepUntil(p, t, why);
  }

  void blockUninterruptible(Process p, String why) {
    wakeups.blockUninterruptible(p, why);
  }

  void makeRunnable(Process p) {
    wakeups.makeRunnable(p);
  }

  @Override
  public void wake(Process p) {
    wakeups.wake(p);
  }

  /** Wakes the longest sleeper on a queue, if any (wake one: a lock or semaphore release). */
  public void wakeOne(WaitQueue q) {
    wakeups.wakeOne(q);
  }

  @Override
  public void wakeAll(WaitQueue q) {
    wakeups.wakeAll(q);
  }

  // ---------------------------------------------------------------- SignalHost

  @Override
  public void kick(Process p) {
    wakeups.kick(p);
  }

  @Override
  public boolean isOnCpu(Process p) {
    return sched.cpuOf(p.pid()) != null;
  }

  @Override
  public void resume(Process p, boolean continued) {
    wakeups.resume(p, continued);
  }

  @Override
  public boolean isOrphanedGroup(int pgid) {
    return jobControl.willBecomeOrphaned(pgid, null); // PG-8
  }

  @Override
  public void checkOrphanedGroup(Process tsk, Process parent) {
    jobControl.killOrphanedGroup(tsk, parent); // PG-9
  }

  // ---------------------------------------------------------------- LifecycleHost

  @Override
  public void send(Process target, SigInfo info) {
    stats.signals++;
    profEnter(Profiler.SIGNALS);
    signals.send(target, info);
    profLeave();
  }

  @Override
  public void initHasWork() {
    if (!initReapPending) {
      initReapPending = true;
      queue.push(clock.now() + cost.reapNs(), event(EV_INIT_REAP, 0, 1));
    }
  }

  /** The built-in init reaps every zombie child it has, oldest first (ZB-4, WT-8). */
  private void reapForInit() {
    Process init = table.get(1);
    for (int pid : init.children().toArray()) {
      Process c = table.get(pid);
      if (c != null && c.state() == TaskState.EXIT_ZOMBIE) {
        if (pid != mainPid && options.bug(KernelOptions.BUG_INIT_FORGETS_ORPHANS)) {
          continue; // a planted bug (KernelOptions): orphans are never reaped
        }
        trace.emit(EventKind.SCHED_PROCESS_WAIT, 1, pid, c.exitStatus(), 1);
        exits.release(c, init, false);
      }
    }
  }

  @Override
  public void onReleased(Process child, Process parent, boolean auto) {
    stats.recordReap(child.pid(), auto ? -1 : parent.pid());
  }

  @Override
  public boolean dumpsCore(Process p) {
    return p.rlimitSoft((int) Constants.RLIMIT_CORE) != 0; // TM-6
  }

  private void stop(StopReason why, String detail) {
    stopReason = why;
    stopDetail = detail;
  }

  // ---------------------------------------------------------------- accessors

  @Override
  public ProcessTable table() {
    return table;
  }

  @Override
  public KernelTrace trace() {
    return trace;
  }

  @Override
  public CostModel cost() {
    return cost;
  }

  @Override
  public long now() {
    return clock.now();
  }

  public Scheduler scheduler() {
    return sched;
  }

  /** The machine's file system. */
  public io.simkernel.kernel.fs.FileSystem fs() {
    return fs;
  }

  public Loader loader() {
    return loader;
  }

  /** The machine's physical memory (frames, page caches, the fork policy). */
  public io.simkernel.kernel.mm.PhysicalMemory memory() {
    return memory;
  }

  MemoryFaults memoryFaults() {
    return memoryFaults;
  }

  Win32 win32() {
    return win32;
  }

  /** The Windows personality's objects and handle tables. */
  public io.simkernel.kernel.win.WinObjects winObjects() {
    return win32.objects();
  }

  MemorySyscalls memorySyscalls() {
    return memorySyscalls;
  }

  OomKiller oom() {
    return oom;
  }

  MemoryReport memoryReport() {
    return memoryReport;
  }

  public Console console() {
    return console;
  }

  public KernelConfig config() {
    return config;
  }

  public Scenario scenario() {
    return scenario;
  }

  public EventQueue queue() {
    return queue;
  }

  public Interpreter vm() {
    return vm;
  }

  int mainPid() {
    return mainPid;
  }

  RunStats stats() {
    return stats;
  }

  SignalOps signalOps() {
    return signals;
  }

  Forks forks() {
    return forks;
  }

  Exits exits() {
    return exits;
  }

  MpCalls mpCalls() {
    return mpCalls;
  }

  /** The kernel's semaphores (sem_open, multiprocessing locks), for the invariants. */
  public io.simkernel.kernel.ipc.Semaphores semaphores() {
    return mpCalls.semaphoreTable();
  }

  /** The pid {@code p} sleeps in {@code mp.join} for, or 0 (for the wait-for graph). */
  public int mpJoinTarget(io.simkernel.kernel.proc.Process p) {
    return mpCalls.joinTarget(p);
  }

  ChildWait childWait() {
    return childWait;
  }

  Delivery delivery() {
    return delivery;
  }

  boolean checked() {
    return checker != null;
  }
}
