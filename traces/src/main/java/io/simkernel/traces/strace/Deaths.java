package io.simkernel.traces.strace;

import io.simkernel.api.Signals;
import io.simkernel.traces.strace.StraceEvent.Call;
import io.simkernel.traces.strace.StraceEvent.Delivery;
import io.simkernel.traces.strace.StraceEvent.Exit;

/**
 * Why a process was killed, and whether the replay can kill it the same way. A death is
 * replayable when a traced call sends the signal — kill, tgkill/tkill (raise), sigqueue — or a
 * parent-death signal set with prctl fires (PD-2); the scenario replays that call, and the
 * victim waits for it. Otherwise the signal came from the kernel for a reason the simulator does
 * not model yet, or from outside the trace, and the import says which.
 */
final class Deaths {
  /** A cause: replayable or not, described for comments and reports. */
  record Cause(boolean replayable, String description, String feature) {}

  private final ProcessTree tree;
  private final Descriptors pipes;

  Deaths(ProcessTree tree, Descriptors pipes) {
    this.tree = tree;
    this.pipes = pipes;
  }

  Cause cause(TracedProcess p) {
    Exit x = p.end();
    int sig = x.signo();
    for (TracedProcess q : tree.processes()) {
      for (StraceEvent e : q.events()) {
        if (e instanceof Call c && c.line() < x.line() && c.succeeded() && sends(c, sig, p, q)) {
          String who = q == p ? "its own " + c.name() : "the " + c.name() + " of " + q.pid();
          return new Cause(true, who + " at line " + c.line(), null);
        }
      }
    }
    if (sig == Signals.SIGPIPE) {
      for (StraceEvent e : p.events()) {
        if (e instanceof Call c && "EPIPE".equals(c.result().errno())
            && pipes.onPipe(p.pid(), c.line())) {
          return new Cause(true, "the kernel, for its " + Code.brief(c) + " (line " + c.endLine()
              + ") to a pipe with no reader left (SIGPIPE and EPIPE, pipe(7)); the replay makes "
              + "the same pipe", null);
        }
      }
    }
    for (StraceEvent e : p.events()) {
      if (e instanceof Call c && c.name().equals("prctl") && c.arg(0).equals("PR_SET_PDEATHSIG")
          && Args.signal(c.arg(1)) == sig && p.parent() != null
          && p.parent().end().line() < x.line()) {
        return new Cause(true, "its parent-death signal (prctl at line " + c.line() + ")", null);
      }
    }
    return unreplayable(p, sig);
  }

  /** Does {@code c}, made by {@code q}, send {@code sig} to {@code p}? */
  private boolean sends(Call c, int sig, TracedProcess p, TracedProcess q) {
    switch (c.name()) {
      case "kill", "rt_sigqueueinfo" -> {
        long pid = Args.parseLong(c.arg(0), 0);
        if (Args.signal(c.arg(1)) != sig) {
          return false;
        }
        // a group (0, -g) or everyone (-1): process groups are not followed here, so any
        // group-wide kill of this signal counts as a cause (KL-1)
        return pid <= 0 ? q != p || pid != -1 : tree.ownerOf((int) pid) == p;
      }
      case "tgkill" -> {
        return Args.signal(c.arg(2)) == sig && tree.ownerOf((int) Args.parseLong(c.arg(1), 0)) == p;
      }
      case "tkill" -> {
        return Args.signal(c.arg(1)) == sig && tree.ownerOf((int) Args.parseLong(c.arg(0), 0)) == p;
      }
      default -> {
        return false;
      }
    }
  }

  private Cause unreplayable(TracedProcess p, int sig) {
    String name = Signals.isValid(sig) ? Signals.name(sig) : "signal " + sig;
    if (sig == Signals.SIGPIPE) {
      for (StraceEvent e : p.events()) {
        if (e instanceof Call c && "EPIPE".equals(c.result().errno())) {
          return new Cause(false, "the kernel raised SIGPIPE because " + Code.brief(c)
              + " (line " + c.endLine() + ") wrote to a pipe with no reader, and the log does "
              + "not show that pipe's making (its pipe call or inheritance)", "pipes");
        }
      }
    }
    Delivery d = lastDelivery(p, sig);
    if (sig == Signals.SIGSEGV || sig == Signals.SIGBUS || sig == Signals.SIGFPE
        || sig == Signals.SIGILL || sig == Signals.SIGTRAP || sig == Signals.SIGSYS) {
      return new Cause(false, "a fault in user code (" + (d == null ? name : d.code())
          + "); the log does not show the faulting instruction", "faults");
    }
    if (d != null && d.senderPid() > 0 && tree.ownerOf(d.senderPid()) == null) {
      return new Cause(false, name + " sent by pid " + d.senderPid() + ", outside the trace",
          "outside");
    }
    if (d != null && d.senderPid() == p.pid()) {
      return new Cause(false, "the kernel sent " + name + " on the process's behalf ("
          + d.code() + ", line " + d.line() + ") for something the log does not show", "kernel");
    }
    return new Cause(false, name + " from outside the trace (no traced call sent it"
        + (sig == Signals.SIGKILL ? ": the OOM killer or another process" : "") + ")", "outside");
  }

  private static Delivery lastDelivery(TracedProcess p, int sig) {
    Delivery last = null;
    for (StraceEvent e : p.events()) {
      if (e instanceof Delivery d && d.signo() == sig) {
        last = d;
      }
    }
    return last;
  }
}
