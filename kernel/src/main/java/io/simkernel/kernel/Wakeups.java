package io.simkernel.kernel;

import io.simkernel.api.Constants;
import io.simkernel.api.Signals;
import io.simkernel.api.trace.EventKind;
import io.simkernel.kernel.proc.Process;
import io.simkernel.kernel.proc.TaskState;
import io.simkernel.kernel.sched.Cpu;
import io.simkernel.kernel.signal.SigInfo;
import io.simkernel.kernel.signal.SignalOps;
import io.simkernel.kernel.wait.WaitQueue;

/**
 * Sleeping and waking, and the state changes signals cause from outside a process: putting a
 * process to sleep on a wait queue or a timer, waking it (one, or all of a queue's sleepers),
 * making it runnable on an idle CPU, kicking it when a signal becomes deliverable (ST-2: an
 * interruptible sleep ends; a running process is interrupted at the signal's time), stopping and
 * continuing it (job control, CH-4, WT-10, WT-11).
 */
final class Wakeups {
  private final Kernel k;

  Wakeups(Kernel k) {
    this.k = k;
  }


  /** Puts a process to sleep on a queue (interruptible). */
  void block(Process p, WaitQueue q, String why) {
    k.table().advance(p, TaskState.TASK_INTERRUPTIBLE, why, k.now());
    if (q != null) {
      q.add(p.pid());
    }
    p.setBlockedOn(q);
  }

  /** Puts a process to sleep until virtual time {@code t} (a timer event wakes it). */
  void sleepUntil(Process p, long t, String why) {
    block(p, null, why);
    int gen = p.nextTimerGen();
    k.queue().push(t, Kernel.event(Kernel.EV_TIMER, gen, p.pid()));
  }

  /** Puts a vfork parent in uninterruptible (killable) sleep until its child execs or exits. */
  void blockUninterruptible(Process p, String why) {
    k.table().advance(p, TaskState.TASK_UNINTERRUPTIBLE, why, k.now());
    p.setBlockedOn(null);
  }

  void wake(Process p) {
    TaskState s = p.state();
    if (s != TaskState.TASK_INTERRUPTIBLE && s != TaskState.TASK_UNINTERRUPTIBLE) {
      return;
    }
    WaitQueue q = p.blockedOn();
    if (q != null) {
      q.remove(p.pid());
      p.setBlockedOn(null);
    }
    k.table().advance(p, TaskState.TASK_RUNNING, "woken", k.now());
    // the waker is the process whose action this is (Linux: sched_wakeup's common_pid), 0 for a
    // timer — the interrupt context, <idle>-0 in an ftrace of an idle CPU
    k.trace().emit(EventKind.SCHED_WAKEUP, p.pid(), k.trace().context(), 0, 0);
    makeRunnable(p);
  }

  /** Wakes the longest sleeper on a queue, if any (wake one: a lock or semaphore release). */
  void wakeOne(WaitQueue q) {
    int pid = q.pollFirst();
    Process p = pid == 0 ? null : k.table().get(pid);
    if (p != null) {
      p.setBlockedOn(null);
      wake(p);
    }
  }

  void wakeAll(WaitQueue q) {
    for (int pid : q.drain()) {
      Process p = k.table().get(pid);
      if (p != null) {
        p.setBlockedOn(null);
        wake(p);
      }
    }
  }

  void makeRunnable(Process p) {
    k.scheduler().enqueue(p.pid());
    Cpu idle = k.scheduler().idleCpu();
    if (idle != null) {
      k.scheduler().invalidate(idle);
      k.scheduler().park(idle, Cpu.Stop.DISPATCH, k.now() + k.cost().wakeupNs());
      k.scheduleCpu(idle);
    }
  }

  void kick(Process p) {
    TaskState s = p.state();
    if (s == TaskState.TASK_INTERRUPTIBLE) {
      wake(p); // ST-2: an interruptible sleep ends on a deliverable signal
      return;
    }
    if (s == TaskState.TASK_UNINTERRUPTIBLE) {
      if (p.signals().isPending(Signals.SIGKILL)) {
        wake(p); // VF-3: the vfork wait is killable
      }
      return;
    }
    if (s != TaskState.TASK_RUNNING) {
      return;
    }
    Cpu c = k.scheduler().cpuOf(p.pid());
    if (c == null || c.inKernel()) {
      return; // queued: delivered when dispatched; in a syscall: delivered on its return
    }
    long now = k.now();
    if (c.stopTime() > now && c.stopTime() > c.segmentStart()) {
      k.scheduler().interrupt(c, p, now);
      k.scheduler().invalidate(c);
      k.scheduleCpu(c);
    }
  }

  void resume(Process p, boolean continued) {
    k.table().advance(p, TaskState.TASK_RUNNING, continued ? "SIGCONT" : "SIGKILL", k.now());
    if (continued) {
      k.trace().emit(EventKind.TASK_CONTINUE, p.pid(), Signals.SIGCONT, 0, 0);
      p.setStopReport(0); // WT-11: an unreported stop is discarded
      p.setContinueReport(true);
      Process parent = k.table().get(p.ppid());
      if (parent != null) {
        if (!SignalOps.noChildStop(parent)) {
          k.signalOps().send(parent, new SigInfo(Signals.SIGCHLD, Constants.CLD_CONTINUED, p.pid(),
              p.uid(), Signals.SIGCONT, 0)); // CH-4
        }
        wakeAll(parent.childWait());
      }
    }
    makeRunnable(p);
  }

  void stopProcess(Process p, int sig) {
    k.table().advance(p, TaskState.TASK_STOPPED, Signals.name(sig), k.now());
    k.trace().emit(EventKind.TASK_STOP, p.pid(), sig, 0, 0);
    p.setStopReport(sig);
    p.setContinueReport(false);
    Process parent = k.table().get(p.ppid());
    if (parent != null) {
      if (!SignalOps.noChildStop(parent)) {
        k.signalOps().send(parent, new SigInfo(Signals.SIGCHLD, Constants.CLD_STOPPED, p.pid(), p.uid(),
            sig, 0)); // CH-4
      }
      wakeAll(parent.childWait());
    }
  }
}
