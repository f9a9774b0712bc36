package io.simkernel.traces.strace;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Real PIDs → simulated PIDs. The simulator's init starts the {@code run} program as PID 2 and
 * allocates every later PID as the next free number (posix-semantics PID-3, PID-8), so a replay
 * that forks in the recorded order gives the root 2 and the k-th created process 2 + k. The
 * generated scenario names processes by these numbers (kill and wait targets, handler
 * dispatch); {@code --check} verifies the prediction against the simulated forks.
 */
public final class PidMap {
  private final Map<Integer, Integer> sim = new TreeMap<>();

  private PidMap() {}

  /** The prediction: the root → 2, then creation order. */
  static PidMap predict(ProcessTree tree) {
    PidMap m = new PidMap();
    int next = 2;
    for (TracedProcess p : tree.processes()) {
      m.sim.put(p.pid(), next++);
    }
    return m;
  }

  /** The simulated PID of a traced process, or null when the PID is not in the log's tree. */
  public Integer sim(int real) {
    return sim.get(real);
  }

  /** Real → simulated, ordered by real PID. */
  public Map<Integer, Integer> asMap() {
    return Collections.unmodifiableMap(sim);
  }

  /** {@code 9301 (sim 3)}, or the bare number for a PID outside the tree. */
  public String describe(int real) {
    Integer s = sim.get(real);
    return s == null ? String.valueOf(real) : real + " (sim " + s + ")";
  }
}
