package io.simkernel.traces.strace;

import io.simkernel.api.Constants;
import io.simkernel.api.SigAction;
import io.simkernel.api.Signals;
import io.simkernel.traces.strace.StraceEvent.Call;
import io.simkernel.traces.strace.StraceEvent.Delivery;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A process's signal state as the log shows it changing: dispositions from rt_sigaction, the
 * blocked mask from rt_sigprocmask, handler entry and rt_sigreturn, and the resets of fork and
 * execve. The importer uses it to drop calls that change nothing and to know, at each
 * {@code --- SIGX ---} line, whether a handler ran or the line is a ptrace artifact; the facts
 * derived from a log use it for auto-reaping. The rules are posix-semantics FK-3 (a fork child
 * inherits dispositions and mask), EX-2/EX-3 (execve resets caught signals to SIG_DFL, keeps
 * SIG_IGN and the mask), HA-2 (handler entry blocks sa_mask and the signal), HA-3
 * (SA_RESETHAND), HA-9 (SIG_BLOCK/SIG_UNBLOCK/SIG_SETMASK) and SI-2 (KILL and STOP unblockable).
 */
final class SignalTracker {
  static final long DFL = 0;
  static final long IGN = 1;
  /** The sigaction flags the simulator knows; SA_RESTORER is glibc's business, not ours. */
  static final long KNOWN_FLAGS = Constants.SA_RESTART | Constants.SA_NOCLDWAIT
      | Constants.SA_NOCLDSTOP | Constants.SA_RESETHAND | Constants.SA_NODEFER
      | Constants.SA_SIGINFO | Constants.SA_ONSTACK;

  final long[] handler = new long[Signals.NSIG + 1];
  final long[] flags = new long[Signals.NSIG + 1];
  final long[] mask = new long[Signals.NSIG + 1];
  long blocked;
  private final Deque<Long> frames = new ArrayDeque<>();

  /** A copy (fork: the child starts with the parent's state and no handler frames). */
  SignalTracker forkCopy() {
    SignalTracker t = new SignalTracker();
    System.arraycopy(handler, 0, t.handler, 0, handler.length);
    System.arraycopy(flags, 0, t.flags, 0, flags.length);
    System.arraycopy(mask, 0, t.mask, 0, mask.length);
    t.blocked = blocked;
    return t;
  }

  /** A full copy, handler frames included. */
  SignalTracker copy() {
    SignalTracker t = forkCopy();
    t.frames.addAll(frames);
    return t;
  }

  /** Applies one event of this process; returns true when it changed the state. */
  boolean apply(StraceEvent e) {
    if (e instanceof Delivery d) {
      return enterHandler(d.signo());
    }
    if (!(e instanceof Call c)) {
      return false;
    }
    return switch (c.name()) {
      case "rt_sigaction", "sigaction" -> c.succeeded() && sigaction(c);
      case "rt_sigprocmask", "sigprocmask" -> c.succeeded() && procmask(c);
      case "rt_sigreturn", "sigreturn" -> sigreturn(c);
      case "execve", "execveat" -> c.succeeded() && exec();
      default -> false;
    };
  }

  /** What {@code rt_sigaction(SIG, act, ...)} asks for: handler, known flags, mask; or null. */
  static long[] requestedAction(Call c) {
    int sig = Args.signal(c.arg(0));
    Map<String, String> act = Args.struct(c.arg(1));
    String h = act.get("sa_handler");
    if (sig < 1 || h == null) {
      return null; // act is NULL: a query
    }
    long handler = h.equals("SIG_DFL") ? DFL : h.equals("SIG_IGN") ? IGN : Args.parseLong(h, -1);
    if (handler < 0) {
      return null;
    }
    long f = 0;
    for (String name : Args.flags(act.getOrDefault("sa_flags", "0"))) {
      Long v = Constants.lookup(name);
      f |= v == null ? 0 : v;
    }
    Long m = Args.sigset(act.getOrDefault("sa_mask", "[]"));
    return new long[] {sig, handler, f & KNOWN_FLAGS, m == null ? 0 : m};
  }

  private boolean sigaction(Call c) {
    long[] a = requestedAction(c);
    if (a == null) {
      return false;
    }
    int sig = (int) a[0];
    boolean changed = handler[sig] != a[1] || flags[sig] != a[2] || mask[sig] != a[3];
    handler[sig] = a[1];
    flags[sig] = a[2];
    mask[sig] = a[3];
    return changed;
  }

  /** The mask after {@code rt_sigprocmask(how, set, ...)}, or null for a query. */
  Long maskAfter(Call c) {
    Long set = Args.sigset(c.arg(1));
    if (set == null) {
      return null;
    }
    long m = switch (c.arg(0)) {
      case "SIG_BLOCK" -> blocked | set;
      case "SIG_UNBLOCK" -> blocked & ~set;
      case "SIG_SETMASK" -> set;
      default -> blocked;
    };
    return m & ~Signals.UNBLOCKABLE;
  }

  private boolean procmask(Call c) {
    Long m = maskAfter(c);
    if (m == null || m == blocked) {
      return false;
    }
    blocked = m;
    return true;
  }

  /** A delivery runs the handler (HA-2, HA-3) when there is one; anything else changes nothing. */
  private boolean enterHandler(int sig) {
    if (!Signals.isValid(sig) || handler[sig] == DFL || handler[sig] == IGN) {
      return false;
    }
    frames.push(blocked);
    long m = blocked | mask[sig];
    if ((flags[sig] & Constants.SA_NODEFER) == 0) {
      m |= Signals.bit(sig);
    }
    blocked = m & ~Signals.UNBLOCKABLE;
    if ((flags[sig] & Constants.SA_RESETHAND) != 0) {
      handler[sig] = DFL;
    }
    return true;
  }

  private boolean sigreturn(Call c) {
    Long shown = Args.sigset(Args.struct(c.arg(0)).getOrDefault("mask", ""));
    Long saved = frames.isEmpty() ? null : frames.pop();
    Long m = shown != null ? shown : saved;
    if (m != null) {
      blocked = m & ~Signals.UNBLOCKABLE;
    }
    return true;
  }

  private boolean exec() {
    for (int s = 1; s <= Signals.NSIG; s++) {
      if (handler[s] != IGN) {
        handler[s] = DFL;
      }
      flags[s] = 0;
      mask[s] = 0;
    }
    frames.clear();
    return true;
  }

  /** Handler frames open (signals being handled). */
  int depth() {
    return frames.size();
  }

  /** True when a handler is installed for some signal. */
  boolean anyHandler() {
    for (int s = 1; s <= Signals.NSIG; s++) {
      if (handler[s] != DFL && handler[s] != IGN) {
        return true;
      }
    }
    return false;
  }

  /** SIG_IGN, or SIG_DFL for a signal whose default is to ignore it (SG-11, SIGCONT too). */
  boolean ignored(int sig) {
    if (handler[sig] == IGN) {
      return true;
    }
    SigAction a = Signals.defaultAction(sig);
    return handler[sig] == DFL && (a == SigAction.IGN || a == SigAction.CONT);
  }

  /** "handler", "ignore" or "default", as the ground truth's {@code disposition} field. */
  String disposition(int sig) {
    if (!Signals.isValid(sig)) {
      return "default";
    }
    return handler[sig] == IGN ? "ignore" : handler[sig] == DFL ? "default" : "handler";
  }

  /** The parent auto-reaps its children: SIGCHLD is SIG_IGN or has SA_NOCLDWAIT (ZB-1). */
  boolean autoReaps() {
    return handler[Signals.SIGCHLD] == IGN
        || (flags[Signals.SIGCHLD] & Constants.SA_NOCLDWAIT) != 0;
  }

  /** Signal names of a mask, for messages. */
  static List<String> names(long m) {
    List<String> out = new ArrayList<>();
    for (int s = 1; s <= Signals.NSIG; s++) {
      if ((m & Signals.bit(s)) != 0) {
        out.add(Signals.name(s));
      }
    }
    return out;
  }
}
