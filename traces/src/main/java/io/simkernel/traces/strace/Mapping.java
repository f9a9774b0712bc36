package io.simkernel.traces.strace;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The real → simulated PID correspondence a run actually produced, found from its structure
 * rather than assumed: the root is the main program, and the k-th process that a real process
 * created is the k-th fork of its simulated counterpart. Also renders both kinds of PIDs.
 */
final class Mapping {
  private final Map<Integer, Integer> simOf = new TreeMap<>();
  private final Map<Integer, Integer> realOf = new TreeMap<>();

  Mapping(ProcessTree tree, SimulatedRun run) {
    put(tree.root().pid(), run.result().mainPid());
    for (TracedProcess p : tree.processes()) {
      Integer sp = simOf.get(p.pid());
      if (sp == null) {
        continue;
      }
      List<Integer> simKids = run.forksBy(sp);
      for (int i = 0; i < p.children().size() && i < simKids.size(); i++) {
        put(p.children().get(i).pid(), simKids.get(i));
      }
    }
  }

  private void put(int real, int sim) {
    simOf.put(real, sim);
    realOf.put(sim, real);
  }

  /** The simulated PID of a real one, or null when the run has no counterpart. */
  Integer sim(int real) {
    return simOf.get(real);
  }

  /**
   * What the simulator should show for an expected process: init for strace and init, -1 for
   * the kernel's auto-reap, the counterpart for a traced PID; null when there is none.
   */
  Integer expectedSim(int who) {
    if (who == Expectations.TRACER || who == 1) {
      return 1;
    }
    if (who == Expectations.AUTO) {
      return -1;
    }
    return simOf.get(who);
  }

  /** An expected process, for the report. */
  String realName(int who) {
    if (who == Expectations.TRACER) {
      return "strace (init, 1, in the replay)";
    }
    if (who == Expectations.AUTO) {
      return "the kernel (auto-reap)";
    }
    if (who == 1) {
      return "init (1)";
    }
    if (who == Expectations.UNKNOWN) {
      return "unknown";
    }
    Integer s = simOf.get(who);
    return s == null ? who + " (no simulated counterpart)" : who + " (sim " + s + ")";
  }

  /** A simulated process, named by its real counterpart when it has one. */
  String simName(long simPid) {
    if (simPid == 1) {
      return "init (1)";
    }
    if (simPid == -1) {
      return "the kernel (auto-reap)";
    }
    if (simPid == 0) {
      return "nobody";
    }
    Integer r = realOf.get((int) simPid);
    return r == null ? "sim " + simPid : r + " (sim " + simPid + ")";
  }

  /** The real PID of a simulated one, or null when it has no traced counterpart. */
  Integer realOf(Integer simPid) {
    return simPid == null ? null : realOf.get(simPid);
  }

  /** Real → simulated, in real-PID order. */
  Map<Integer, Integer> asMap() {
    return simOf;
  }
}
