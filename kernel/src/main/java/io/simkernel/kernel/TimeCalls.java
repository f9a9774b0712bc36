package io.simkernel.kernel;

import io.simkernel.api.Constants;
import io.simkernel.api.Errno;
import io.simkernel.kernel.proc.Process;
import io.simkernel.kernel.signal.Delivery;
import io.simkernel.kernel.signal.ITimers;
import io.simkernel.kernel.signal.SignalOps;

/**
 * The time calls: alarm, setitimer/getitimer (ITIMER_REAL, VIRTUAL, PROF) and sleep/nanosleep,
 * with Linux's restart_block for an interrupted sleep. Results by the raw Linux convention, as
 * {@link Syscalls} leaves them.
 */
final class TimeCalls {
  private final Kernel k;

  TimeCalls(Kernel k) {
    this.k = k;
  }

  /** alarm: the real interval timer without an interval; r1 = what was left of the previous one. */
  int alarm(Process p, long value) {
    if (value < 0) {
      return Syscalls.result(p, Errno.EINVAL.negated());
    }
    ITimers t = p.timers();
    long left = t.realDeadline() >= 0 ? t.realDeadline() - k.now() : 0;
    k.armRealTimer(p, t.setReal(k.now(), value, 0));
    return Syscalls.result(p, 0, left);
  }

  /** setitimer(which, value, interval): r1, r2 = the old value and interval. */
  int setitimer(Process p, long which, long value, long interval) {
    if (value < 0 || interval < 0 || which < 0 || which > Constants.ITIMER_PROF) {
      return Syscalls.result(p, Errno.EINVAL.negated());
    }
    getitimer(p, which);
    ITimers t = p.timers();
    if (which == Constants.ITIMER_REAL) {
      k.armRealTimer(p, t.setReal(k.now(), value, interval));
    } else if (which == Constants.ITIMER_VIRTUAL) {
      t.setVirtual(value, interval);
    } else {
      t.setProf(value, interval);
    }
    return Syscalls.result(p, 0);
  }

  /** getitimer(which): r1 = time left, r2 = interval. */
  int getitimer(Process p, long which) {
    ITimers t = p.timers();
    long[] r = p.regs();
    if (which == Constants.ITIMER_REAL) {
      r[1] = t.realDeadline() >= 0 ? t.realDeadline() - k.now() : 0;
      r[2] = t.realInterval();
    } else if (which == Constants.ITIMER_VIRTUAL) {
      r[1] = t.virtLeft();
      r[2] = t.virtInterval();
    } else if (which == Constants.ITIMER_PROF) {
      r[1] = t.profLeft();
      r[2] = t.profInterval();
    } else {
      return Syscalls.result(p, Errno.EINVAL.negated());
    }
    return Syscalls.result(p, 0);
  }

  /**
   * nanosleep: the deadline is kept across wake-ups (and across a restart after a stop, as
   * Linux's restart_block does); interrupted for a handler it returns -EINTR with the time left
   * in r1 (HA-5: never restarted by SA_RESTART).
   */
  int sleep(Process p, long d) {
    long now = k.now();
    if (p.wakeAt() < 0) {
      if (d < 0) {
        return Syscalls.result(p, Errno.EINVAL.negated());
      }
      if (d == 0) {
        return Syscalls.result(p, 0, 0);
      }
      p.setWakeAt(now + d);
    }
    if (now >= p.wakeAt()) {
      p.setWakeAt(-1);
      return Syscalls.result(p, 0, 0);
    }
    if (SignalOps.hasDeliverable(p)) {
      p.regs()[1] = p.wakeAt() - now;
      p.setRestartCode(Delivery.ERESTART_RESTARTBLOCK);
      return Syscalls.RESTART;
    }
    k.sleepUntil(p, p.wakeAt(), "sleep");
    return Syscalls.BLOCKED;
  }
}
