package io.simkernel.kernel.signal;

import io.simkernel.api.Signals;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;

/**
 * One process's signal state, as {@code struct sighand_struct} (dispositions) plus {@code
 * struct signal_struct}/{@code task_struct} fields (blocked mask, pending set) in Linux. Owned by
 * this package: others ask, they never write.
 *
 * <p>Invariants: SIGKILL and SIGSTOP are never in {@code blocked}, never ignored, never caught
 * (SI-2); a standard signal is pending at most once (SG-13) and keeps its first siginfo.
 */
public final class SignalState {
  /** Handler value for the default action. */
  public static final long SIG_DFL = 0;
  /** Handler value for ignore. */
  public static final long SIG_IGN = 1;

  // The dispositions. A fork child shares its parent's three arrays until either side changes
  // one (writeActions): most children never call sigaction, so fork copies nothing here
  // (issue 9: the fork cycle). Readers index them directly; every write goes through
  // writeActions first.
  long[] handler;
  long[] flags;
  long[] actionMask;
  /** Whether the disposition arrays may be shared with a fork relative (copy before writing). */
  private boolean actionsShared;
  long blocked;
  long pending;
  /**
   * The signal a group exit was decided with at generation (signal->group_exit_code under
   * SIGNAL_GROUP_EXIT), 0 when none: from then on the process is dying — later signals are
   * dropped (SG-11) and delivery ends it with this signal, whatever else is pending.
   */
  int groupExit;
  // Allocated on the first signal a process receives (ensureInfo): most processes never get
  // one, and fork — the hot path — then copies nothing but the dispositions and the mask.
  // siginfo of each pending standard signal: code, sender pid, status, value, uid
  int[] infoCode;
  int[] infoPid;
  int[] infoStatus;
  long[] infoValue;
  int[] infoUid;
  // queued instances of real-time signals, FIFO (SG-13): signal, code, pid, uid, value
  IntArrayList rtSig;
  IntArrayList rtCode;
  IntArrayList rtPid;
  IntArrayList rtUid;
  LongArrayList rtValue;

  /** Allocates the siginfo storage and real-time queue on first use. */
  void ensureInfo() {
    if (infoCode != null) {
      return;
    }
    infoCode = new int[Signals.NSIG + 1];
    infoPid = new int[Signals.NSIG + 1];
    infoStatus = new int[Signals.NSIG + 1];
    infoValue = new long[Signals.NSIG + 1];
    infoUid = new int[Signals.NSIG + 1];
    rtSig = new IntArrayList(0);
    rtCode = new IntArrayList(0);
    rtPid = new IntArrayList(0);
    rtUid = new IntArrayList(0);
    rtValue = new LongArrayList(0);
  }
  /** sigsuspend: the mask to restore when the handler returns (Linux's saved_sigmask). */
  long savedMask;
  boolean suspending;

  /** A fresh state: every disposition SIG_DFL, nothing blocked or pending. */
  public SignalState() {
    handler = new long[Signals.NSIG + 1];
    flags = new long[Signals.NSIG + 1];
    actionMask = new long[Signals.NSIG + 1];
  }

  private SignalState(SignalState parent) {
    handler = parent.handler;
    flags = parent.flags;
    actionMask = parent.actionMask;
    actionsShared = true;
    parent.actionsShared = true;
  }

  /** The copy a fork child gets: dispositions and mask inherited, pending set empty (FK-3, FK-4). */
  public SignalState forkCopy() {
    SignalState c = new SignalState(this);
    c.blocked = blocked;
    return c;
  }

  /**
   * Makes the disposition arrays this process's own before a write (copy-on-write after fork;
   * the relative keeps the old arrays, and copies too if it writes later).
   */
  void writeActions() {
    if (actionsShared) {
      handler = handler.clone();
      flags = flags.clone();
      actionMask = actionMask.clone();
      actionsShared = false;
    }
  }

  /** At execve: caught signals reset to SIG_DFL, ignored stay ignored, flags and masks cleared (EX-2). */
  public void resetForExec() {
    writeActions();
    for (int s = 1; s <= Signals.NSIG; s++) {
      if (handler[s] != SIG_IGN) {
        handler[s] = SIG_DFL;
      }
      flags[s] = 0;
      actionMask[s] = 0;
    }
  }

  /** Queued real-time instances, all numbers together. */
  public int queuedRealtime() {
    return rtSig == null ? 0 : rtSig.size();
  }

  /** Exit: a zombie keeps no pending signals (issue invariant; nothing can deliver them). */
  public void clearPending() {
    pending = 0;
    if (rtSig == null) {
      return;
    }
    rtSig.clear();
    rtCode.clear();
    rtPid.clear();
    rtUid.clear();
    rtValue.clear();
  }

  public long handler(int sig) {
    return handler[sig];
  }

  public long flags(int sig) {
    return flags[sig];
  }

  public long actionMask(int sig) {
    return actionMask[sig];
  }

  public long blocked() {
    return blocked;
  }

  /** The signal a group exit was decided with (complete_signal's fatal path), or 0. */
  public int groupExit() {
    return groupExit;
  }

  public long pending() {
    return pending;
  }

  /** Pending and not blocked. */
  public long deliverable() {
    return pending & ~blocked;
  }

  public boolean isPending(int sig) {
    return (pending & Signals.bit(sig)) != 0;
  }
}
