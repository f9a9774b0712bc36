package io.simkernel.kernel.signal;

/**
 * A process's interval timers (Linux keeps them in {@code signal_struct}): {@code ITIMER_REAL}
 * counts virtual wall time and raises SIGALRM ({@code alarm} is the same timer); {@code
 * ITIMER_VIRTUAL} counts the process's user CPU time and raises SIGVTALRM; {@code ITIMER_PROF}
 * counts user and system CPU time and raises SIGPROF. Not inherited over fork (FK-4), kept over
 * execve (EX-4), gone at exit.
 */
public final class ITimers {
  long realDeadline = -1;
  long realInterval;
  int realGen;
  long virtLeft;
  long virtInterval;
  long profLeft;
  long profInterval;

  /** Absolute virtual time the real timer fires, or -1 when disarmed. */
  public long realDeadline() {
    return realDeadline;
  }

  public long realInterval() {
    return realInterval;
  }

  /** Generation of the real timer; a timer event of another generation is stale. */
  public int realGen() {
    return realGen;
  }

  /** Arms (value > 0) or disarms (value 0) the real timer at {@code now}; returns the new generation. */
  public int setReal(long now, long value, long interval) {
    realGen++;
    realDeadline = value > 0 ? now + value : -1;
    realInterval = value > 0 ? interval : 0;
    return realGen;
  }

  /** The real timer fired at {@code now}: re-armed by its interval, or disarmed. */
  public int fireReal(long now) {
    return setReal(now, realInterval, realInterval);
  }

  public long virtLeft() {
    return virtLeft;
  }

  public long virtInterval() {
    return virtInterval;
  }

  public long profLeft() {
    return profLeft;
  }

  public long profInterval() {
    return profInterval;
  }

  public void setVirtual(long value, long interval) {
    virtLeft = value;
    virtInterval = value > 0 ? interval : 0;
  }

  public void setProf(long value, long interval) {
    profLeft = value;
    profInterval = value > 0 ? interval : 0;
  }

  /**
   * Charges CPU time; returns a bit set of the timers that expired: 1 for ITIMER_VIRTUAL, 2 for
   * ITIMER_PROF (each re-armed by its interval).
   */
  public int charge(long userNs, long sysNs) {
    int fired = 0;
    if (virtLeft > 0 && userNs > 0) {
      virtLeft -= userNs;
      if (virtLeft <= 0) {
        fired |= 1;
        virtLeft = virtInterval;
      }
    }
    long cpu = userNs + sysNs;
    if (profLeft > 0 && cpu > 0) {
      profLeft -= cpu;
      if (profLeft <= 0) {
        fired |= 2;
        profLeft = profInterval;
      }
    }
    return fired;
  }

  /** How long user code may run before a CPU-time timer expires, or Long.MAX_VALUE. */
  public long cpuHorizon() {
    long h = Long.MAX_VALUE;
    if (virtLeft > 0) {
      h = virtLeft;
    }
    if (profLeft > 0) {
      h = Math.min(h, profLeft);
    }
    return h;
  }

  /** Disarms every timer (exit). */
  public void clear() {
    realGen++;
    realDeadline = -1;
    realInterval = 0;
    virtLeft = 0;
    virtInterval = 0;
    profLeft = 0;
    profInterval = 0;
  }

  /** Whether any timer is armed. */
  public boolean armed() {
    return realDeadline >= 0 || virtLeft > 0 || profLeft > 0;
  }
}
