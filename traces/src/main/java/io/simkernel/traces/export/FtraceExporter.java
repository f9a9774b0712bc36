package io.simkernel.traces.export;

import io.simkernel.api.Constants;
import io.simkernel.api.Signals;
import io.simkernel.api.WaitStatus;
import io.simkernel.api.trace.KernelEvent;
import io.simkernel.api.trace.KernelEvent.SchedProcessExec;
import io.simkernel.api.trace.KernelEvent.SchedProcessFork;
import io.simkernel.api.trace.KernelEvent.SchedSwitch;
import io.simkernel.api.trace.TraceEvent;
import io.simkernel.traces.format.TraceReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * ftrace text, as {@code /sys/kernel/tracing/trace} prints it: the usual comment header, then
 * one line per event, {@code TASK-PID [CPU] FLAGS SECONDS.MICROS: EVENT: FIELDS}, with the
 * context column padded as the kernel pads it ({@code %16s-%-7d}). Linux tracepoints print their
 * fields exactly in the kernel's format ({@code include/trace/events/sched.h}, {@code signal.h});
 * the simulator's own events use the same key=value style.
 *
 * <p>The context is the task current on the event's CPU — the one that acted; for a wake-up,
 * the waker the kernel recorded (sched_wakeup's {@code common_pid}; a timer's is {@code
 * <idle>-0}); for another event about another process (a signal sent to it), the one that was
 * running there.
 * Events no CPU was involved in (timers, the built-in init's reaping) are shown on CPU 0 in the
 * idle task's context, {@code <idle>-0}. The simulator has no interrupt or preemption state,
 * so FLAGS is always {@code .....}. A command name not known (yet) prints as {@code <...>}, as
 * ftrace's own comm cache does. Streaming: memory grows with live processes, not events.
 */
public final class FtraceExporter {
  private final Writer out;
  private final Tasks tasks = new Tasks(false, false);
  /** PID to last known command name, as ftrace's saved_cmdlines: looked up, never iterated. */
  private final Map<Integer, String> comms = new HashMap<>();
  private int[] current = new int[8];

  private FtraceExporter(Writer out) {
    this.out = out;
  }

  public static void export(TraceReader in, OutputStream os) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
    FtraceExporter x = new FtraceExporter(w);
    x.header(in);
    for (TraceEvent e = in.next(); e != null; e = in.next()) {
      x.line(Timeline.typed(in, e));
    }
    w.flush();
  }

  private void header(TraceReader in) throws IOException {
    out.write("# tracer: nop\n");
    out.write("#\n");
    out.write("# simkernel " + in.header().simulator() + ": " + in.header().scenario() + " seed "
        + in.header().seed() + "\n");
    out.write("#\n");
    out.write("#                                _-----=> irqs-off/BH-disabled\n");
    out.write("#                               / _----=> need-resched\n");
    out.write("#                              | / _---=> hardirq/softirq\n");
    out.write("#                              || / _--=> preempt-depth\n");
    out.write("#                              ||| / _-=> migrate-disable\n");
    out.write("#                              |||| /     delay\n");
    out.write("#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION\n");
    out.write("#              | |         |   |||||     |         |\n");
  }

  /** Writes one event's line, then advances the model past it. */
  void line(KernelEvent e) throws IOException {
    int cpu = Math.max(e.cpu(), 0);
    if (e instanceof SchedProcessFork f) {
      comms.putIfAbsent(f.parent(), f.parentComm()); // a parent from before the trace began
    }
    int context = e.cpu() < 0 ? 0 : contextOf(e);
    String fields = fields(e);
    out.write(String.format(Locale.ROOT, "%16s-%-7d [%03d] ..... %5d.%06d: %s: %s%n",
        context == 0 ? "<idle>" : comm(context), context, cpu, e.timeNs() / 1_000_000_000L,
        e.timeNs() / 1000 % 1_000_000, e.kind().tracepoint(), fields));
    tasks.apply(e);
    remember(e);
  }

  /** The task current on the event's CPU when it happened (the actor, when there is one). */
  private int contextOf(KernelEvent e) {
    return switch (e.kind()) {
      case SCHED_PROCESS_FORK, SCHED_PROCESS_EXEC, SCHED_PROCESS_EXIT, SCHED_PROCESS_WAIT,
          SCHED_BLOCK, SIGNAL_DELIVER, PAGE_FAULT_USER, WRITE, TASK_STOP, LIMIT -> {
        setCurrent(e.cpu(), e.pid());
        yield e.pid();
      }
      case SCHED_SWITCH -> ((SchedSwitch) e).prevPid(); // traced in the outgoing task
      // the waker: the task whose action woke it (common_pid); 0, a timer, is the idle context
      case SCHED_WAKEUP -> ((KernelEvent.SchedWakeup) e).waker();
      default -> current(e.cpu());
    };
  }

  private int current(int cpu) {
    return cpu < current.length ? current[cpu] : 0;
  }

  private void setCurrent(int cpu, int pid) {
    if (cpu >= current.length) {
      current = java.util.Arrays.copyOf(current, Math.max(cpu + 1, current.length * 2));
    }
    current[cpu] = pid;
  }

  private void remember(KernelEvent e) {
    switch (e.kind()) {
      case SCHED_PROCESS_FORK -> {
        SchedProcessFork f = (SchedProcessFork) e;
        comms.put(f.child(), comm(f.parent()));
      }
      case SCHED_PROCESS_EXEC -> comms.put(e.pid(), basename(((SchedProcessExec) e).filename()));
      case SCHED_PROCESS_EXIT -> comms.put(e.pid(), ((KernelEvent.SchedProcessExit) e).comm());
      case SCHED_SWITCH -> setCurrent(e.cpu(), e.pid());
      case CREATE_PROCESS -> {
        KernelEvent.CreateProcess c = (KernelEvent.CreateProcess) e;
        comms.put(c.child(), basename(c.image()));
      }
      default -> { }
    }
  }

  private String comm(int pid) {
    if (pid == 0) {
      return "swapper/0";
    }
    String c = comms.get(pid);
    return c != null ? c : pid == 1 ? "init" : "<...>";
  }

  private static String basename(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private String fields(KernelEvent e) {
    return switch (e.kind()) {
      case SCHED_PROCESS_FORK -> {
        SchedProcessFork f = (SchedProcessFork) e;
        String parent = comms.getOrDefault(f.parent(), f.parentComm());
        yield "comm=" + parent + " pid=" + f.parent() + " child_comm=" + parent + " child_pid="
            + f.child();
      }
      case SCHED_PROCESS_EXEC -> {
        SchedProcessExec x = (SchedProcessExec) e;
        comms.put(x.pid(), basename(x.filename())); // the context shows the new name, as Linux
        yield "filename=" + x.filename() + " pid=" + x.pid() + " old_pid=" + x.oldPid();
      }
      case SCHED_PROCESS_EXIT -> "comm=" + ((KernelEvent.SchedProcessExit) e).comm() + " pid="
          + e.pid() + " prio=120 group_dead=true";
      case SCHED_PROCESS_WAIT -> {
        KernelEvent.SchedProcessWait w = (KernelEvent.SchedProcessWait) e;
        yield "comm=" + comm(w.waiter()) + " pid=" + w.child() + " prio=120";
      }
      case SCHED_PROCESS_FREE -> "comm=" + comm(e.pid()) + " pid=" + e.pid() + " prio=120";
      case SCHED_SWITCH -> switchFields((SchedSwitch) e);
      case SCHED_WAKEUP -> {
        Task t = tasks.find(e.pid());
        int target = t == null || t.lastCpu() < 0 ? Math.max(e.cpu(), 0) : t.lastCpu();
        yield String.format(Locale.ROOT, "comm=%s pid=%d prio=120 target_cpu=%03d",
            comm(e.pid()), e.pid(), target);
      }
      case SIGNAL_GENERATE -> generateFields((KernelEvent.SignalGenerate) e);
      case SIGNAL_DELIVER -> {
        KernelEvent.SignalDeliver d = (KernelEvent.SignalDeliver) e;
        yield "sig=" + d.signal() + " errno=0 code=" + d.code() + " sa_handler="
            + Long.toHexString(d.handler()) + " sa_flags=0";
      }
      default -> ownFields(e);
    };
  }

  /**
   * Linux's format: {@code prev_state} is the letter the kernel recorded as the task left the
   * CPU (R, S, D, T, Z, X — never {@code R+}: the simulator preempts only at a slice's end in
   * user mode, where Linux calls schedule() without the preempt flag). A trace from before the
   * kernel recorded it (0) gets the letter inferred from the model.
   */
  private String switchFields(SchedSwitch s) {
    String prevState;
    if (s.prevState() != 0) {
      prevState = String.valueOf((char) s.prevState());
    } else if (s.prevPid() == 0) {
      prevState = "R";
    } else {
      Task prev = tasks.find(s.prevPid());
      prevState = prev == null ? "X" : prev.state() == TaskState.RUNNING
          || prev.state() == TaskState.RUNNABLE ? "R" : String.valueOf(prev.stateLetter());
    }
    return "prev_comm=" + comm(s.prevPid()) + " prev_pid=" + s.prevPid() + " prev_prio=120"
        + " prev_state=" + prevState + " ==> next_comm=" + comm(s.nextPid()) + " next_pid="
        + s.nextPid() + " next_prio=120";
  }

  /**
   * The generate event does not record si_code, so it is inferred: SI_KERNEL from the kernel,
   * CLD_* for a SIGCHLD from a child (from the child's state), else SI_USER.
   */
  private String generateFields(KernelEvent.SignalGenerate g) {
    int code = 0;
    Task sender = g.sender() == 0 ? null : tasks.find(g.sender());
    if (g.sender() == 0) {
      code = 0x80; // SI_KERNEL
    } else if (g.signal() == Signals.SIGCHLD && sender != null && sender.ppid() == g.target()) {
      code = childCode(sender);
    }
    return "sig=" + g.signal() + " errno=0 code=" + code + " comm=" + comm(g.target()) + " pid="
        + g.target() + " grp=1 res=" + g.result();
  }

  private static int childCode(Task child) {
    return switch (child.state()) {
      case ZOMBIE -> WaitStatus.wifexited(child.status()) ? Constants.CLD_EXITED
          : WaitStatus.wcoredump(child.status()) != 0 ? Constants.CLD_DUMPED
          : Constants.CLD_KILLED;
      case STOPPED -> Constants.CLD_STOPPED;
      default -> Constants.CLD_CONTINUED;
    };
  }

  private String ownFields(KernelEvent e) {
    String who = "comm=" + comm(e.pid()) + " pid=" + e.pid();
    return switch (e.kind()) {
      case SCHED_BLOCK -> {
        KernelEvent.SchedBlock b = (KernelEvent.SchedBlock) e;
        yield who + " state=" + b.state() + " cause=" + b.cause();
      }
      case REPARENT -> {
        KernelEvent.Reparent r = (KernelEvent.Reparent) e;
        yield who + " old_ppid=" + r.oldParent() + " new_ppid=" + r.newParent();
      }
      case PAGE_FAULT_USER -> {
        KernelEvent.PageFaultUser f = (KernelEvent.PageFaultUser) e;
        // x86 error code: bit 0 protection (a CoW fault hits a present page), 1 write, 2 user
        int err = 4 | (f.write() ? 2 : 0) | (f.faultKind() == 2 || f.faultKind() == 3 ? 1 : 0);
        yield "address=0x" + Long.toHexString(f.address()) + " ip=0x0 error_code=0x"
            + Integer.toHexString(err);
      }
      case WRITE -> {
        KernelEvent.Write w = (KernelEvent.Write) e;
        yield who + " fd=" + w.fd() + " count=" + w.bytes() + " hash="
            + io.simkernel.traces.format.Hex.of(w.bytesHash());
      }
      case TASK_STOP -> who + " sig=" + ((KernelEvent.TaskStop) e).signal();
      case TASK_CONTINUE -> who + " sig=" + ((KernelEvent.TaskContinue) e).signal();
      case LIMIT -> who + " limit=" + ((KernelEvent.Limit) e).limit();
      case CREATE_PROCESS -> {
        KernelEvent.CreateProcess c = (KernelEvent.CreateProcess) e;
        yield who + " child_pid=" + c.child() + " flags=0x" + Long.toHexString(c.flags())
            + " inherit=" + (c.inheritHandles() ? 1 : 0) + " image=" + c.image();
      }
      case IMAGE_LOAD -> {
        KernelEvent.ImageLoad l = (KernelEvent.ImageLoad) e;
        yield who + " image=" + l.image() + " pages=" + l.pages() + " entry=" + l.entry()
            + (l.relocatedBase() != 0 ? " relocated=0x" + Long.toHexString(l.relocatedBase()) : "");
      }
      case HANDLE_OPEN -> handleFields(who, ((KernelEvent.HandleOpen) e).handle(),
          ((KernelEvent.HandleOpen) e).objectType(), ((KernelEvent.HandleOpen) e).objectId());
      case HANDLE_CLOSE -> handleFields(who, ((KernelEvent.HandleClose) e).handle(),
          ((KernelEvent.HandleClose) e).objectType(), ((KernelEvent.HandleClose) e).objectId());
      case JOB_ASSIGN -> {
        KernelEvent.JobAssign j = (KernelEvent.JobAssign) e;
        yield who + " job=" + j.job() + " how="
            + (j.how() == 0 ? "assign" : j.how() == 1 ? "create" : "fork");
      }
      case JOB_TERMINATE -> {
        KernelEvent.JobTerminate j = (KernelEvent.JobTerminate) e;
        yield who + " job=" + j.job() + " exit_code=" + j.code() + " cause="
            + (j.cause() == 0 ? "terminate" : "kill_on_close");
      }
      default -> throw new IllegalStateException("not a simulator event: " + e.kind());
    };
  }

  private static String handleFields(String who, long handle, int type, long id) {
    String kind = type == 1 ? "process" : type == 2 ? "thread" : type == 3 ? "job" : "?";
    return who + " handle=0x" + Long.toHexString(handle) + " object=" + kind + " id=" + id;
  }
}
