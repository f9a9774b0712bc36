package io.simkernel.kernel;

import io.simkernel.api.Constants;
import io.simkernel.api.program.ProgramImage;
import io.simkernel.api.scenario.KernelConfig;
import io.simkernel.api.scenario.Scenario;
import io.simkernel.api.trace.EventKind;
import io.simkernel.kernel.ipc.FdTable;
import io.simkernel.kernel.proc.Process;
import io.simkernel.kernel.proc.ProcessTable;
import io.simkernel.kernel.proc.TaskState;
import io.simkernel.kernel.signal.SignalOps;

/**
 * Booting the simulated machine: PID 1 (the built-in reaper, or {@code kernel init=} a program of
 * the scenario's) and the {@code run} program as PID 2, which init starts in a session and process
 * group of its own, as a service manager does; and every process's initial resource limits.
 */
final class Boot {
  private Boot() {}


  /** Creates PID 1 and the `run` program as PID 2 (PID-8); returns the main program's PID. */
  static int boot(Kernel k) {
    ProcessTable table = k.table();
    KernelConfig config = k.config();
    Scenario scenario = k.scenario();
    int mainPid;
    Process init = table.create(0, 0, 0);
    init.setPgid(1);
    init.setSid(1);
    table.pids().retain(1);
    table.pids().retain(1);
    k.stats().processes++;
    init.setSignals(SignalOps.fresh());
    init.setTimers(new io.simkernel.kernel.signal.ITimers());
    init.setFiles(FdTable.withConsole());
    defaultLimits(init, config);
    String initPath = config.init();
    if (initPath == null) {
      init.setBuiltin(true);
      init.setArgv(new String[] {"init"});
      table.advance(init, TaskState.TASK_INTERRUPTIBLE, "built-in init waits for children", 0);
    } else {
      start(k, init, scenario.program(initPath), new String[] {initPath});
      k.makeRunnable(init);
    }
    mainPid = 1;
    if (scenario.run() != null) {
      Process main = table.create(1, 0, 0);
      // like a service manager, init starts the program in a session and group of its own
      main.setPgid(main.pid());
      main.setSid(main.pid());
      table.pids().retain(main.pid());
      table.pids().retain(main.pid());
      k.stats().processes++;
      main.setSignals(SignalOps.fresh());
      main.setTimers(new io.simkernel.kernel.signal.ITimers());
      main.setFiles(FdTable.withConsole());
      defaultLimits(main, config);
      table.addChild(init, main);
      k.trace().emit(EventKind.SCHED_PROCESS_FORK, 1, main.pid(), 0, 0, "init");
      String[] argv = new String[scenario.run().args().size() + 1];
      argv[0] = scenario.run().path();
      for (int i = 1; i < argv.length; i++) {
        argv[i] = scenario.run().args().get(i - 1);
      }
      start(k, main, scenario.program(argv[0]), argv);
      k.makeRunnable(main);
      mainPid = main.pid();
    }
    return mainPid;
  }

  /** Every limit unlimited, but RLIMIT_NPROC (kernel nproc=), SIGPENDING and CORE. */
  static void defaultLimits(Process p, KernelConfig config) {
    long inf = Constants.RLIM_INFINITY;
    for (int r = 0; r < 16; r++) {
      p.setRlimit(r, inf, inf);
    }
    long nproc = config.nproc() < 0 ? inf : config.nproc();
    p.setRlimit((int) Constants.RLIMIT_NPROC, nproc, nproc);
    // kernel/fork.c fork_init: max_threads = pages / (8 * THREAD_SIZE / PAGE_SIZE), and
    // RLIMIT_SIGPENDING = max_threads / 2 (THREAD_SIZE is 16 KiB on x86-64)
    long sigpending = Math.max(1, (config.memoryBytes() >>> 12) / 32 / 2);
    p.setRlimit((int) Constants.RLIMIT_SIGPENDING, sigpending, sigpending);
    String core = config.option("core", "0");
    long coreLimit = core.equals("unlimited") ? inf : Long.parseLong(core);
    p.setRlimit((int) Constants.RLIMIT_CORE, coreLimit, inf);
  }

  /** Starts an image in a process created at boot (exec without a previous image). */
  private static void start(Kernel k, Process p, ProgramImage img, String[] argv) {
    k.loader().start(p, img, argv);
    p.setExeced(true);
    k.stats().execs++;
    k.trace().emit(EventKind.SCHED_PROCESS_EXEC, p.pid(), p.pid(), 0, 0, img.path());
  }
}
