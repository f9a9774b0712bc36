package io.simkernel.cli.sweep;

import io.simkernel.api.trace.EventKind;
import io.simkernel.api.trace.TraceEvent;
import io.simkernel.api.trace.TraceSink;

/**
 * The most zombies alive at once during a run, from the kernel's events: a process is a zombie
 * from {@code sched_process_exit} until {@code sched_process_free} (its reaping, or the kernel's
 * own for an auto-reaped child). The run's result lists only the zombies left at the end, and a
 * sweep studying a reaping policy needs the peak.
 */
final class ZombieCounter implements TraceSink {
  private long now;
  private long max;

  @Override
  public void accept(TraceEvent e) {
    if (e.kind() == EventKind.SCHED_PROCESS_EXIT) {
      now++;
      max = Math.max(max, now);
    } else if (e.kind() == EventKind.SCHED_PROCESS_FREE && now > 0) {
      now--;
    }
  }

  long max() {
    return max;
  }
}
