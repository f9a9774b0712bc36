package io.simkernel.api.trace;

import io.simkernel.api.trace.KernelEvent.CreateProcess;
import io.simkernel.api.trace.KernelEvent.HandleClose;
import io.simkernel.api.trace.KernelEvent.HandleOpen;
import io.simkernel.api.trace.KernelEvent.ImageLoad;
import io.simkernel.api.trace.KernelEvent.JobAssign;
import io.simkernel.api.trace.KernelEvent.JobTerminate;
import io.simkernel.api.trace.KernelEvent.Limit;
import io.simkernel.api.trace.KernelEvent.PageFaultUser;
import io.simkernel.api.trace.KernelEvent.Reparent;
import io.simkernel.api.trace.KernelEvent.SchedBlock;
import io.simkernel.api.trace.KernelEvent.SchedProcessExec;
import io.simkernel.api.trace.KernelEvent.SchedProcessExit;
import io.simkernel.api.trace.KernelEvent.SchedProcessFork;
import io.simkernel.api.trace.KernelEvent.SchedProcessFree;
import io.simkernel.api.trace.KernelEvent.SchedProcessWait;
import io.simkernel.api.trace.KernelEvent.SchedSwitch;
import io.simkernel.api.trace.KernelEvent.SchedWakeup;
import io.simkernel.api.trace.KernelEvent.SignalDeliver;
import io.simkernel.api.trace.KernelEvent.SignalGenerate;
import io.simkernel.api.trace.KernelEvent.Stamp;
import io.simkernel.api.trace.KernelEvent.TaskContinue;
import io.simkernel.api.trace.KernelEvent.TaskStop;
import io.simkernel.api.trace.KernelEvent.Write;

/**
 * {@link KernelEvent#of}: generic to typed, one case per kind, checking that nothing is lost
 * (unused slots zero, flags 0/1, narrow fields in range, text where the kind has one and only
 * there). Kept out of {@link KernelEvent} so that file stays the readable catalogue of records.
 */
final class KernelEvents {
  private KernelEvents() {}

  static KernelEvent of(TraceEvent e) {
    Check k = new Check(e);
    Stamp s = Stamp.of(e);
    return switch (e.kind()) {
      case SCHED_PROCESS_FORK -> new SchedProcessFork(s, e.pid(), k.narrow("a", e.a()),
          k.flag("b", e.b()), e.c(), k.text());
      case SCHED_PROCESS_EXEC -> new SchedProcessExec(s, e.pid(), k.narrow("a", e.a()),
          k.zero("b", e.b()).zero("c", e.c()).text());
      case SCHED_PROCESS_EXIT -> new SchedProcessExit(s, e.pid(), k.narrow("a", e.a()),
          k.zero("b", e.b()).zero("c", e.c()).text());
      case SCHED_PROCESS_WAIT -> new SchedProcessWait(s, e.pid(), k.narrow("a", e.a()),
          k.narrow("b", e.b()), k.noText().flag("c", e.c()));
      case SCHED_PROCESS_FREE -> new SchedProcessFree(s, e.pid(), k.narrow("a", e.a()),
          k.zero("c", e.c()).noText().flag("b", e.b()));
      case SCHED_SWITCH -> new SchedSwitch(s, e.pid(), k.narrow("a", e.a()),
          k.zero("c", e.c()).noText().narrow("b", e.b()));
      case SCHED_WAKEUP -> new SchedWakeup(s, e.pid(),
          k.zero("b", e.b()).zero("c", e.c()).noText().narrow("a", e.a()));
      case SCHED_BLOCK -> new SchedBlock(s, e.pid(), k.letter("a", e.a()),
          k.zero("b", e.b()).zero("c", e.c()).text());
      case SIGNAL_GENERATE -> new SignalGenerate(s, e.pid(), k.narrow("a", e.a()),
          k.narrow("b", e.b()), k.noText().narrow("c", e.c()));
      case SIGNAL_DELIVER -> new SignalDeliver(s, e.pid(), k.narrow("a", e.a()),
          k.narrow("b", e.b()), k.noText().c());
      case REPARENT -> new Reparent(s, e.pid(), k.narrow("a", e.a()),
          k.zero("c", e.c()).noText().narrow("b", e.b()));
      case PAGE_FAULT_USER -> new PageFaultUser(s, e.pid(), e.a(), k.flag("b", e.b()),
          k.noText().narrow("c", e.c()));
      case WRITE -> new Write(s, e.pid(), k.narrow("a", e.a()), e.b(), k.noText().c());
      case TASK_STOP -> new TaskStop(s, e.pid(),
          k.zero("b", e.b()).zero("c", e.c()).noText().narrow("a", e.a()));
      case TASK_CONTINUE -> new TaskContinue(s, e.pid(),
          k.zero("b", e.b()).zero("c", e.c()).noText().narrow("a", e.a()));
      case LIMIT -> new Limit(s, e.pid(),
          k.zero("a", e.a()).zero("b", e.b()).zero("c", e.c()).text());
      case CREATE_PROCESS -> new CreateProcess(s, e.pid(), k.narrow("a", e.a()), e.b(),
          k.flag("c", e.c()), k.text());
      case IMAGE_LOAD -> new ImageLoad(s, e.pid(), e.a(), e.b(), e.c(), k.text());
      case HANDLE_OPEN -> new HandleOpen(s, e.pid(), e.a(), k.narrow("b", e.b()),
          k.noText().c());
      case HANDLE_CLOSE -> new HandleClose(s, e.pid(), e.a(), k.narrow("b", e.b()),
          k.noText().c());
      case JOB_ASSIGN -> new JobAssign(s, e.pid(), e.a(),
          k.zero("c", e.c()).noText().narrow("b", e.b()));
      case JOB_TERMINATE -> new JobTerminate(s, e.pid(), e.a(), e.b(),
          k.noText().narrow("c", e.c()));
    };
  }

  /** The checks, each failing with the event, the field and the value in the message. */
  private static final class Check {
    private final TraceEvent e;

    Check(TraceEvent e) {
      this.e = e;
    }

    private IllegalArgumentException bad(String field, Object value, String expected) {
      return new IllegalArgumentException("event #" + e.seq() + " (" + e.kind().tracepoint()
          + "): field " + field + " is " + value + "; expected " + expected);
    }

    int narrow(String field, long v) {
      if (v != (int) v) {
        throw bad(field, v, "a 32-bit integer");
      }
      return (int) v;
    }

    boolean flag(String field, long v) {
      if (v != 0 && v != 1) {
        throw bad(field, v, "0 or 1");
      }
      return v == 1;
    }

    char letter(String field, long v) {
      if (v < 'A' || v > 'Z') {
        throw bad(field, v, "a state letter (S=83, D=68)");
      }
      return (char) v;
    }

    Check zero(String field, long v) {
      if (v != 0) {
        throw bad(field, v, "0 (" + e.kind().tracepoint() + " does not use it)");
      }
      return this;
    }

    Check noText() {
      if (e.text() != null) {
        throw bad("text", '"' + e.text() + '"', "none (" + e.kind().tracepoint() + " has no text)");
      }
      return this;
    }

    String text() {
      if (e.text() == null) {
        throw bad("text", "absent", "a text (" + e.kind().tracepoint() + " always has one)");
      }
      return e.text();
    }

    long c() {
      return e.c();
    }
  }
}
