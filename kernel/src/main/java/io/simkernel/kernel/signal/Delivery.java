package io.simkernel.kernel.signal;

import static io.simkernel.api.Signals.bit;

import io.simkernel.api.Constants;
import io.simkernel.api.Errno;
import io.simkernel.api.SigAction;
import io.simkernel.api.Signals;
import io.simkernel.api.program.Layout;
import io.simkernel.api.trace.EventKind;
import io.simkernel.kernel.mm.AddressSpace;
import io.simkernel.kernel.mm.MemoryFault;
import io.simkernel.kernel.proc.Process;

/**
 * Signal delivery at the return to user mode (SG-16): kernel/signal.c's {@code get_signal} and
 * arch/x86/kernel/signal.c's {@code handle_signal}/{@code setup_rt_frame}/{@code rt_sigreturn}.
 *
 * <p>A handler frame is written to the process's own stack, as Linux's {@code rt_sigframe}: the
 * return address (the sigreturn trampoline), then r0..r15, pc, the old mask, the remaining
 * compute time and the old stack pointer. {@code ret} from the handler reaches the trampoline and
 * {@link #sigreturn} restores every one of them (HA-2).
 *
 * <p>System-call restart follows the x86 rules: a blocked call interrupted for a handler returns
 * {@code -EINTR}, unless it was {@code -ERESTARTSYS} and the handler has {@code SA_RESTART} (or
 * {@code -ERESTARTNOINTR}), in which case it is executed again after the handler; a call
 * interrupted by a signal that runs no handler is always executed again (WT-7, HA-5).
 */
public final class Delivery {
  /** Kernel-internal restart codes (include/linux/errno.h); never seen by user code. */
  public static final int ERESTARTSYS = 512, ERESTARTNOINTR = 513, ERESTARTNOHAND = 514,
      ERESTART_RESTARTBLOCK = 516;
  /** Outcome kinds of {@link #deliver}, in bits 8..15; the signal number in bits 0..7. */
  public static final int NOTHING = 0, TERMINATE = 1 << 8, STOP = 2 << 8;
  private static final long FAULT_SIGNALS = bit(Signals.SIGSEGV) | bit(Signals.SIGBUS)
      | bit(Signals.SIGILL) | bit(Signals.SIGTRAP) | bit(Signals.SIGFPE) | bit(Signals.SIGSYS);
  private static final int FRAME_WORDS = 1 + Process.REGISTERS + 4;

  private final SignalHost host;

  public Delivery(SignalHost host) {
    this.host = host;
  }

  /**
   * Delivers every pending unblocked signal (SG-17 order, SG-19 repetition), nesting handler
   * frames. Returns {@link #NOTHING} when the process returns to user code (perhaps in a handler),
   * or {@link #TERMINATE}/{@link #STOP} with the signal for the kernel to act on.
   */
  public int deliver(Process p) {
    SignalState s = p.signals();
    if (s.groupExit != 0 && p.pid() != 1) {
      // get_signal: a decided group exit goes straight to the fatal path, ending the process
      // with the signal that decided it (do_group_exit). The delivery is recorded under that
      // signal, as strace and the exporters show it (Linux's tracepoint names the SIGKILL that
      // carried it; docs/trace-format.md)
      int sig = s.groupExit;
      s.pending &= ~bit(Signals.SIGKILL);
      if (sig != Signals.SIGKILL) {
        dequeue(s, sig);
      }
      host.trace().emit(EventKind.SIGNAL_DELIVER, p.pid(), sig, s.infoCode[sig],
          SignalState.SIG_DFL);
      return TERMINATE | sig;
    }
    while (true) {
      long d = s.pending & ~s.blocked;
      if (d == 0) {
        finishRestart(p);
        return NOTHING;
      }
      long sync = d & FAULT_SIGNALS;
      int sig = Long.numberOfTrailingZeros(sync != 0 ? sync : d) + 1;
      dequeue(s, sig);
      long h = s.handler[sig];
      if (h == SignalState.SIG_IGN) {
        continue;
      }
      if (h == SignalState.SIG_DFL) {
        SigAction a = Signals.defaultAction(sig);
        if (a == SigAction.IGN || a == SigAction.CONT) {
          continue;
        }
        if (p.pid() == 1) {
          continue; // init never dies of a default action (SG-12)
        }
        host.trace().emit(EventKind.SIGNAL_DELIVER, p.pid(), sig, s.infoCode[sig], h);
        if (a == SigAction.STOP) {
          if (sig != Signals.SIGSTOP && host.isOrphanedGroup(p.pgid())) {
            continue; // PG-10: terminal stops are discarded in an orphaned group
          }
          return STOP | sig;
        }
        return TERMINATE | sig;
      }
      host.trace().emit(EventKind.SIGNAL_DELIVER, p.pid(), sig, s.infoCode[sig], h);
      if (!setupFrame(p, sig, h)) {
        return TERMINATE | Signals.SIGSEGV; // force_sigsegv: the frame could not be written
      }
    }
  }

  /**
   * Takes one instance off the pending set: a standard signal's bit (its siginfo stays in the
   * info arrays); a real-time signal's oldest queued instance, whose siginfo moves to the info
   * arrays — the bit stays while more instances are queued (SG-13, SG-17: FIFO per number).
   */
  private static void dequeue(SignalState s, int sig) {
    s.ensureInfo();
    if (!Signals.isRealtime(sig)) {
      s.pending &= ~bit(sig);
      return;
    }
    int first = -1;
    int count = 0;
    for (int i = 0; i < s.rtSig.size(); i++) {
      if (s.rtSig.get(i) == sig) {
        count++;
        if (first < 0) {
          first = i;
        }
      }
    }
    if (first >= 0) {
      s.infoCode[sig] = s.rtCode.removeAtIndex(first);
      s.infoPid[sig] = s.rtPid.removeAtIndex(first);
      s.infoUid[sig] = s.rtUid.removeAtIndex(first);
      s.infoValue[sig] = s.rtValue.removeAtIndex(first);
      s.infoStatus[sig] = 0;
      s.rtSig.removeAtIndex(first);
    } else {
      s.infoCode[sig] = 0; // LOSE_INFO: pending without a queued siginfo
      s.infoPid[sig] = 0;
      s.infoUid[sig] = 0;
      s.infoValue[sig] = 0;
    }
    if (count <= 1) {
      s.pending &= ~bit(sig);
    }
  }

  /** No handler ran: an interrupted system call is executed again (pc stays on it). */
  private static void finishRestart(Process p) {
    p.setRestartCode(0);
  }

  private boolean setupFrame(Process p, int sig, long handler) {
    SignalState s = p.signals();
    long flags = s.flags[sig];
    long[] r = p.regs();
    int pc = p.pc();
    int restart = p.restartCode();
    if (restart != 0) {
      boolean again = restart == ERESTARTNOINTR
          || (restart == ERESTARTSYS && (flags & Constants.SA_RESTART) != 0);
      if (!again) {
        r[0] = Errno.EINTR.negated();
        pc++;
        p.setWakeAt(-1); // an interrupted sleep is over (its time left is in r1)
      }
      p.setRestartCode(0);
    }
    AddressSpace mm = p.mm();
    long sp = (p.sp() - FRAME_WORDS * 8L) & -16L;
    try {
      mm.kernelStore(sp, Layout.SIGRETURN_TRAMPOLINE);
      for (int i = 0; i < Process.REGISTERS; i++) {
        mm.kernelStore(sp + 8 + 8L * i, r[i]);
      }
      long base = sp + 8 + 8L * Process.REGISTERS;
      mm.kernelStore(base, pc);
      // after sigsuspend the handler's return restores the mask from before the call (HA-10)
      mm.kernelStore(base + 8, s.suspending ? s.savedMask : s.blocked);
      mm.kernelStore(base + 16, p.computeLeft());
      mm.kernelStore(base + 24, p.sp());
    } catch (MemoryFault f) {
      return false;
    }
    int entry = p.image().pcOf(handler);
    if (entry < 0) {
      return false;
    }
    long newMask = s.blocked | s.actionMask[sig];
    if ((flags & Constants.SA_NODEFER) == 0) {
      newMask |= bit(sig);
    }
    s.blocked = newMask & ~Signals.UNBLOCKABLE; // HA-2
    s.suspending = false;
    if ((flags & Constants.SA_RESETHAND) != 0) {
      s.writeActions(); // copy-on-write after fork
      s.handler[sig] = SignalState.SIG_DFL; // HA-3: only the handler field changes
    }
    r[0] = sig;
    if ((flags & Constants.SA_SIGINFO) != 0) {
      s.ensureInfo();
      r[1] = s.infoCode[sig];
      r[2] = s.infoPid[sig];
      r[3] = s.infoStatus[sig];
      r[4] = s.infoValue[sig];
      r[5] = s.infoUid[sig];
    }
    p.setSp(sp);
    p.setPc(entry);
    p.setComputeLeft(0);
    return true;
  }

  /**
   * rt_sigreturn: {@code ret} has popped the trampoline address, so sp points at the saved
   * registers. Restores registers, pc, mask (SIGKILL/SIGSTOP never blocked), compute and sp.
   * Returns false when the frame cannot be read (the kernel then forces SIGSEGV).
   */
  public boolean sigreturn(Process p) {
    AddressSpace mm = p.mm();
    long at = p.sp();
    long[] r = p.regs();
    try {
      long[] saved = new long[Process.REGISTERS];
      for (int i = 0; i < Process.REGISTERS; i++) {
        saved[i] = mm.kernelLoad(at + 8L * i);
      }
      long base = at + 8L * Process.REGISTERS;
      long pc = mm.kernelLoad(base);
      long mask = mm.kernelLoad(base + 8);
      long compute = mm.kernelLoad(base + 16);
      long sp = mm.kernelLoad(base + 24);
      if (pc < 0 || pc >= p.image().length()) {
        return false;
      }
      System.arraycopy(saved, 0, r, 0, Process.REGISTERS);
      p.setPc((int) pc);
      p.signals().blocked = mask & ~Signals.UNBLOCKABLE;
      p.setComputeLeft(compute);
      p.setSp(sp);
      return true;
    } catch (MemoryFault f) {
      return false;
    }
  }
}
