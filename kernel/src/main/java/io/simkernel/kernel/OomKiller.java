package io.simkernel.kernel;

import io.simkernel.api.Signals;
import io.simkernel.kernel.proc.Exits;
import io.simkernel.kernel.proc.Process;
import io.simkernel.kernel.signal.SigInfo;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

/**
 * The OOM killer, as mm/oom_kill.c: when no frame is left, {@code select_bad_process} walks every
 * process (in PID order here, creation order in Linux) and picks the one with the highest badness
 * — its resident set — the later one on a tie; init is never chosen. The victim gets SIGKILL from
 * the kernel (SI_KERNEL), and so does every process sharing its memory (a vfork pair). While a
 * victim is still dying no new one is chosen ({@code oom_evaluate_task} aborts on an OOM victim):
 * the allocating process backs off and retries, so memory comes back when the victim exits.
 * With nothing to kill the kernel panics, as Linux does.
 */
final class OomKiller {
  /** How long a process whose allocation failed waits before retrying (one jiffy at HZ=1000). */
  static final long BACKOFF_NS = 1_000_000;
  /** Retries after which a victim that does not die is no longer waited for. */
  private static final int PATIENCE = 100;

  private final Kernel k;
  private final IntArrayList dying = new IntArrayList();
  private int waited;

  OomKiller(Kernel k) {
    this.k = k;
  }

  /**
   * Out of memory while {@code requester} needed a frame: kills a victim unless one is already
   * dying. Returns the victim, or null when the requester is to wait for an earlier one.
   */
  Process outOfMemory(Process requester) {
    for (int i = dying.size() - 1; i >= 0; i--) {
      Process d = k.table().get(dying.get(i));
      if (d == null || !d.state().isAlive() || d.mm() == null) {
        dying.removeAtIndex(i);
      }
    }
    if (!dying.isEmpty() && ++waited < PATIENCE) {
      return null;
    }
    dying.clear();
    waited = 0;
    Process victim = select();
    if (victim == null) {
      victim = requester;
    }
    if (victim.pid() == 1) {
      throw new Exits.InitDiedException(io.simkernel.api.WaitStatus.signaled(Signals.SIGKILL,
          false)); // "Out of memory and no killable processes": a panic
    }
    kill(victim);
    return victim;
  }

  /** An allocation by the kernel itself failed (a copy to user memory): a victim is chosen. */
  void outOfMemoryInKernel() {
    if (dying.isEmpty()) {
      Process victim = select();
      if (victim != null) {
        kill(victim);
      }
    }
  }

  private Process select() {
    Process[] chosen = {null};
    long[] points = {-1};
    k.table().forEach(p -> {
      if (p.pid() == 1 || !p.state().isAlive() || p.isExiting() || p.mm() == null) {
        return;
      }
      long badness = p.mm().residentPages();
      if (badness >= points[0]) {
        points[0] = badness;
        chosen[0] = p;
      }
    });
    return chosen[0];
  }

  private void kill(Process victim) {
    k.memoryReport().oomKill(victim);
    dying.add(victim.pid());
    k.send(victim, SigInfo.kernel(Signals.SIGKILL));
    k.table().forEach(p -> {
      if (p != victim && p.mm() == victim.mm() && p.state().isAlive() && p.pid() != 1) {
        dying.add(p.pid());
        k.send(p, SigInfo.kernel(Signals.SIGKILL));
      }
    });
  }
}
