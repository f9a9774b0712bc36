package io.simkernel.kernel.signal;

import static io.simkernel.api.Signals.SIGCONT;
import static io.simkernel.api.Signals.SIGKILL;
import static io.simkernel.api.Signals.SIGSTOP;
import static io.simkernel.api.Signals.bit;

import io.simkernel.api.Constants;
import io.simkernel.api.Errno;
import io.simkernel.api.SigAction;
import io.simkernel.api.Signals;
import io.simkernel.api.trace.EventKind;
import io.simkernel.kernel.proc.Process;
import io.simkernel.kernel.proc.TaskState;

/**
 * Signal generation and the disposition/mask system calls: kernel/signal.c's
 * {@code __send_signal_locked}, {@code kill_something_info}, {@code do_sigaction},
 * {@code sigprocmask}. Results follow the raw syscall convention (0 or {@code -errno}).
 */
public final class SignalOps {
  /** The stop signals (SIG_KERNEL_STOP_MASK). */
  public static final long STOP_MASK = bit(SIGSTOP) | bit(Signals.SIGTSTP) | bit(Signals.SIGTTIN)
      | bit(Signals.SIGTTOU);
  /**
   * Results of a generation, as Linux's signal_generate tracepoint reports them
   * (include/trace/events/signal.h {@code enum trace_signal_result}).
   */
  public static final int DELIVERED = 0, IGNORED = 1, ALREADY_PENDING = 2, OVERFLOW_FAIL = 3,
      LOSE_INFO = 4;

  private final SignalHost host;

  public SignalOps(SignalHost host) {
    this.host = host;
  }

  /** A fresh signal state: every disposition SIG_DFL, nothing blocked or pending. */
  public static SignalState fresh() {
    return new SignalState();
  }

  /**
   * Generates a signal for a process, in the order of SG-11: dropped for an exiting or dead
   * target (ST-4), init's default dispositions filtered (SG-12), stop/continue interplay,
   * discarded when ignored and not blocked, coalesced when a standard signal is already pending
   * (SG-13). A signal left pending and unblocked wakes or interrupts the target (SG-16).
   */
  public int send(Process t, SigInfo info) {
    int sig = info.signo();
    SignalState s = t.signals();
    if (!t.state().isAlive() || t.isExiting() || s.groupExit != 0) {
      return trace(t, info, IGNORED); // prepare_signal refuses a dying task (SG-11)
    }
    if (t.pid() == 1 && s.handler[sig] == SignalState.SIG_DFL) {
      return trace(t, info, IGNORED); // SG-12, RP-7: init only gets signals it has handlers for
    }
    if ((STOP_MASK & bit(sig)) != 0) {
      s.pending &= ~bit(SIGCONT);
    } else if (sig == SIGCONT) {
      s.pending &= ~STOP_MASK;
      if (t.state() == TaskState.TASK_STOPPED) {
        host.resume(t, true);
      }
    } else if (sig == SIGKILL && t.state() == TaskState.TASK_STOPPED) {
      host.resume(t, false); // ST-3: SIGKILL ends a stop
    }
    if ((s.blocked & bit(sig)) == 0 && ignoredAtGeneration(s, sig)) {
      return trace(t, info, IGNORED);
    }
    int result = DELIVERED;
    s.ensureInfo();
    if (Signals.isRealtime(sig)) {
      result = queueRealtime(t, s, info); // SG-13: every instance queued, FIFO
      if (result == OVERFLOW_FAIL) {
        return trace(t, info, OVERFLOW_FAIL);
      }
    } else if ((s.pending & bit(sig)) != 0) {
      return trace(t, info, ALREADY_PENDING); // SG-13: the first instance's siginfo is kept
    } else {
      s.infoCode[sig] = info.code();
      s.infoPid[sig] = info.pid();
      s.infoUid[sig] = info.uid();
      s.infoStatus[sig] = info.status();
      s.infoValue[sig] = info.value();
    }
    boolean fatal = fatalAtGeneration(t, s, sig); // before this signal counts as pending
    s.pending |= bit(sig);
    trace(t, info, result);
    if (fatal) {
      // complete_signal: the group exit is decided now, SIGKILL added to wake and end the task
      s.groupExit = sig;
      s.pending |= bit(SIGKILL);
    }
    if ((s.blocked & bit(sig)) == 0) {
      host.kick(t);
    }
    return result;
  }

  /**
   * complete_signal's fatal path (kernel/signal.c): a signal whose action is to terminate
   * without a core dump (SIG_DFL with default Term, or SIGKILL), sent to a process that
   * wants_signal — not blocking it, not stopped unless it is SIGKILL, and either on a CPU or
   * without another deliverable signal already pending (TIF_SIGPENDING) — decides the process's
   * end at generation. A signal sent after that is dropped (SG-11: the target is exiting), so
   * SIGTERM then SIGKILL ends the process with SIGTERM, and a handled signal sent after a fatal
   * one never runs its handler.
   */
  private boolean fatalAtGeneration(Process t, SignalState s, int sig) {
    if ((s.blocked & bit(sig)) != 0 || s.handler[sig] != SignalState.SIG_DFL
        || Signals.defaultAction(sig) != SigAction.TERM) {
      return false; // not sig_fatal, or a core-dumping signal (sig_kernel_coredump)
    }
    if (sig == SIGKILL) {
      return true;
    }
    if (t.state() == TaskState.TASK_STOPPED) {
      return false; // wants_signal: a stopped task wants only SIGKILL
    }
    return host.isOnCpu(t) || (s.pending & ~s.blocked) == 0;
  }

  /**
   * Queues one instance of a real-time signal. Beyond RLIMIT_SIGPENDING (counted per target
   * process here) sigqueue fails with EAGAIN; any other sender still marks the signal pending,
   * without a queued siginfo (Linux's LOSE_INFO).
   */
  private static int queueRealtime(Process t, SignalState s, SigInfo info) {
    long limit = t.rlimitSoft((int) Constants.RLIMIT_SIGPENDING);
    if (Long.compareUnsigned(s.rtSig.size(), limit) >= 0) {
      return info.code() == Constants.SI_QUEUE ? OVERFLOW_FAIL : LOSE_INFO;
    }
    s.rtSig.add(info.signo());
    s.rtCode.add(info.code());
    s.rtPid.add(info.pid());
    s.rtUid.add(info.uid());
    s.rtValue.add(info.value());
    return DELIVERED;
  }

  /** sig_ignored(): SIG_IGN, or SIG_DFL whose default is to ignore (SIGCONT's included). */
  private static boolean ignoredAtGeneration(SignalState s, int sig) {
    long h = s.handler[sig];
    if (h == SignalState.SIG_IGN) {
      return true;
    }
    SigAction a = Signals.defaultAction(sig);
    return h == SignalState.SIG_DFL && (a == SigAction.IGN || a == SigAction.CONT);
  }

  private int trace(Process t, SigInfo info, int result) {
    host.trace().emit(EventKind.SIGNAL_GENERATE, t.pid(), info.signo(), info.pid(), result);
    return result;
  }

  // -- kill family (posix-semantics §14)

  /** kill(2): the four target forms of KL-1 with the error precedence of KL-3. */
  public long kill(Process caller, long pid, long sig) {
    if (pid == Integer.MIN_VALUE) {
      return Errno.ESRCH.negated(); // KL-3, WT-5
    }
    if (pid > 0) {
      Process t = host.table().get(pid);
      if (t == null || t.state() == TaskState.EXIT_DEAD) {
        return Errno.ESRCH.negated();
      }
      return sendChecked(caller, t, sig, 0);
    }
    if (pid == -1) {
      long[] result = {0, 0}; // count, retval
      host.table().forEach(t -> {
        if (t.pid() > 1 && t != caller && t.state() != TaskState.EXIT_DEAD) {
          long err = sendChecked(caller, t, sig, 0);
          result[0]++;
          if (err != Errno.EPERM.negated()) {
            result[1] = err;
          }
        }
      });
      return result[0] > 0 ? result[1] : Errno.ESRCH.negated();
    }
    return killGroup(caller, pid == 0 ? caller.pgid() : -pid, sig, 0);
  }

  /** __kill_pgrp_info: 0 if any member was signalled, else the last member's error, or ESRCH. */
  public long killGroup(Process caller, long pgrp, long sig, int code) {
    long[] result = {0, Errno.ESRCH.negated()}; // success, retval
    host.table().forEach(t -> {
      if (t.pgid() == pgrp && t.state() != TaskState.EXIT_DEAD) {
        long err = sendChecked(caller, t, sig, code);
        if (err == 0) {
          result[0] = 1;
        }
        result[1] = err;
      }
    });
    return result[0] != 0 ? 0 : result[1];
  }

  /**
   * sigqueue(3), KL-7: one target (no group forms), the value queued with SI_QUEUE; ESRCH,
   * EINVAL, EPERM as kill; EAGAIN when the real-time queue is full.
   */
  public long sigqueue(Process caller, long pid, long sig, long value) {
    Process t = pid > 0 ? host.table().get(pid) : null;
    if (t == null || t.state() == TaskState.EXIT_DEAD) {
      return Errno.ESRCH.negated(); // find_vpid finds no process 0 or below
    }
    if (sig < 0 || sig > Signals.NSIG) {
      return Errno.EINVAL.negated();
    }
    if (!mayKill(caller, t, (int) sig)) {
      return Errno.EPERM.negated();
    }
    if (sig == 0) {
      return 0;
    }
    int r = send(t, new SigInfo((int) sig, (int) Constants.SI_QUEUE, caller.pid(), caller.uid(), 0,
        value));
    return r == OVERFLOW_FAIL ? Errno.EAGAIN.negated() : 0;
  }

  /**
   * killpg(3), KL-6: glibc's and musl's {@code kill(-pgrp, sig)} after rejecting a negative
   * group — so group 0 is the caller's and group 1 is kill(-1), every process but init and the
   * caller.
   */
  public long killpg(Process caller, long pgrp, long sig) {
    if (pgrp < 0) {
      return Errno.EINVAL.negated();
    }
    return kill(caller, -pgrp, sig);
  }

  /** check_kill_permission then send: EINVAL for a bad number, EPERM per KL-4; 0 only checks. */
  private long sendChecked(Process caller, Process t, long sig, int code) {
    if (sig < 0 || sig > Signals.NSIG) {
      return Errno.EINVAL.negated();
    }
    if (!mayKill(caller, t, (int) sig)) {
      return Errno.EPERM.negated();
    }
    if (sig != 0) {
      send(t, new SigInfo((int) sig, code, caller.pid(), caller.uid(), 0, 0));
    }
    return 0;
  }

  /** KL-4: root, the same real UID, or SIGCONT within the session. */
  public static boolean mayKill(Process caller, Process t, int sig) {
    return caller.uid() == 0 || caller.uid() == t.uid()
        || (sig == SIGCONT && caller.sid() == t.sid());
  }

  // -- dispositions and masks (posix-semantics §13)

  /**
   * sigaction(2) as the scenario exposes it (HA-1): returns 0 or -EINVAL, with the old handler,
   * flags and mask in {@code old[0..2]}. {@code handler == QUERY} only reports. Numbers 32 and 33
   * are rejected as glibc's wrapper does.
   */
  public long sigaction(Process p, long sig, long handler, long flags, long mask, long[] old) {
    if (sig < 1 || sig > Signals.NSIG || sig == 32 || sig == 33) {
      return Errno.EINVAL.negated();
    }
    int s = (int) sig;
    SignalState st = p.signals();
    old[0] = st.handler[s];
    old[1] = st.flags[s];
    old[2] = st.actionMask[s];
    if (handler == Constants.QUERY) {
      return 0;
    }
    if (s == SIGKILL || s == SIGSTOP) {
      return Errno.EINVAL.negated();
    }
    st.writeActions(); // copy-on-write after fork
    st.handler[s] = handler;
    st.flags[s] = flags;
    st.actionMask[s] = mask & ~Signals.UNBLOCKABLE;
    if (ignoredAtGeneration(st, s)) {
      st.pending &= ~bit(s); // SG-15 (do_sigaction's sig_handler_ignored, SIGCONT's SIG_DFL too)
    }
    return 0;
  }

  /** sigprocmask(2), HA-9: {@code set == QUERY} leaves the mask and ignores {@code how}. */
  public long sigprocmask(Process p, long how, long set, long[] old) {
    SignalState st = p.signals();
    old[0] = st.blocked;
    if (set == Constants.QUERY) {
      return 0;
    }
    long m;
    if (how == Constants.SIG_BLOCK) {
      m = st.blocked | set;
    } else if (how == Constants.SIG_UNBLOCK) {
      m = st.blocked & ~set;
    } else if (how == Constants.SIG_SETMASK) {
      m = set;
    } else {
      return Errno.EINVAL.negated();
    }
    st.blocked = m & ~Signals.UNBLOCKABLE;
    return 0;
  }

  /**
   * sigsuspend(2), HA-10, first half: installs the temporary mask (SIGKILL/SIGSTOP removed) and
   * remembers the old one, which a handler's return restores. Called once per sigsuspend call,
   * not again when the sleeping call is re-evaluated.
   */
  public void beginSuspend(Process p, long mask) {
    SignalState st = p.signals();
    if (!st.suspending) {
      st.savedMask = st.blocked;
      st.blocked = mask & ~Signals.UNBLOCKABLE;
      st.suspending = true;
    }
  }

  /** sigpending(2): pending ∩ blocked, as Linux computes it (SG-14). */
  public long sigpending(Process p) {
    SignalState st = p.signals();
    return st.pending & st.blocked;
  }

  /** Whether a signal is pending and unblocked: an interruptible sleep must end (ST-2). */
  public static boolean hasDeliverable(Process p) {
    return p.signals().deliverable() != 0;
  }

  /** Whether SIGCHLD from this parent's children is auto-reaped (ZB-1, CH-2). */
  public static boolean autoReaps(Process parent) {
    SignalState s = parent.signals();
    return s.handler[Signals.SIGCHLD] == SignalState.SIG_IGN
        || (s.flags[Signals.SIGCHLD] & Constants.SA_NOCLDWAIT) != 0;
  }

  /** Whether the parent asked not to hear of stops and continues (CH-4). */
  public static boolean noChildStop(Process parent) {
    SignalState s = parent.signals();
    return s.handler[Signals.SIGCHLD] == SignalState.SIG_IGN
        || (s.flags[Signals.SIGCHLD] & Constants.SA_NOCLDSTOP) != 0;
  }

  /**
   * force_sig_fault: a synchronous fault signal (SIGSEGV, SIGFPE...) is delivered even when
   * blocked or ignored — the disposition is reset to SIG_DFL and the signal unblocked first
   * (kernel/signal.c force_sig_info_to_task).
   */
  public void force(Process p, int sig, int code) {
    SignalState s = p.signals();
    if (s.handler[sig] == SignalState.SIG_IGN || (s.blocked & bit(sig)) != 0) {
      s.writeActions(); // copy-on-write after fork
      s.handler[sig] = SignalState.SIG_DFL;
      s.blocked &= ~bit(sig);
    }
    send(p, new SigInfo(sig, code, 0, 0, 0, 0));
  }
}
