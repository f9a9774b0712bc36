package io.simkernel.kernel.property;

import io.simkernel.api.Signals;
import io.simkernel.api.WaitStatus;
import io.simkernel.api.gen.ScenarioGenerator.Generated;
import io.simkernel.api.gen.ScenarioGenerator.Node;
import io.simkernel.api.run.ProcessRecord;
import io.simkernel.api.run.RunResult;
import io.simkernel.api.run.StopReason;
import io.simkernel.api.trace.EventKind;
import io.simkernel.api.trace.TraceEvent;
import io.simkernel.kernel.Sim;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The properties every run of a generated scenario must have, as checks that return what is
 * wrong (empty when all hold) instead of throwing: a test then reports every broken property of
 * a seed at once, with the seed and the scenario, which is what it takes to reproduce and
 * minimise the failure. The kernel's own invariants (InvariantChecker) already ran after every
 * event; these are the end-of-run properties that need the whole run, or the generator's
 * knowledge of the scenario, to state.
 */
final class RunProperties {
  private RunProperties() {}

  /**
   * Safety and liveness of one run: no invariant violation; completion unless the scenario set a
   * limit; at completion nothing left alive and no zombie (every zombie is eventually reaped).
   */
  static List<String> safetyAndLiveness(Sim.Run run, boolean limited) {
    List<String> bad = new ArrayList<>();
    RunResult r = run.result();
    if (r.reason() == StopReason.INVARIANT_VIOLATION) {
      bad.add("invariant violated: " + r.detail());
      return bad; // the rest of the run is not meaningful after the first violation
    }
    boolean expected = r.reason() == StopReason.COMPLETED
        || limited && r.reason() == StopReason.TIME_LIMIT;
    if (!expected) {
      bad.add("run ended with " + r.reason() + " (" + r.detail() + "), expected COMPLETED"
          + (limited ? " or TIME_LIMIT" : "") + "; left alive: " + r.leftAlive());
    }
    if (r.reason() == StopReason.COMPLETED) {
      if (!r.zombies().isEmpty()) {
        bad.add("zombies left at completion (never reaped): " + r.zombies());
      }
      if (!r.leftAlive().isEmpty()) {
        bad.add("processes alive at completion: " + r.leftAlive());
      }
    }
    return bad;
  }

  /**
   * Conservation: every process created is init, the main program or the child of a successful
   * fork; at completion every process but init has exited and was released exactly once, by the
   * parent it had at that moment (its creator, or the reaper that adopted it).
   */
  static List<String> conservation(Sim.Run run) {
    List<String> bad = new ArrayList<>();
    RunResult r = run.result();
    if (r.processesCreated() != 2 + r.forks()) {
      bad.add("processesCreated=" + r.processesCreated() + " but 1 (init) + 1 (main) + forks ("
          + r.forks() + ") = " + (2 + r.forks()));
    }
    long forkEvents = count(run.events(), EventKind.SCHED_PROCESS_FORK);
    if (forkEvents != r.forks() + 1) { // + init starting the main program
      bad.add(forkEvents + " sched_process_fork events for " + r.forks() + " forks + main");
    }
    if (r.reason() != StopReason.COMPLETED || r.processesCreated() > RunResult.MAX_RECORDS) {
      return bad;
    }
    if (r.processes().size() != r.processesCreated() - 1) {
      bad.add(r.processes().size() + " exit records for " + (r.processesCreated() - 1)
          + " processes besides init");
    }
    TreeMap<Integer, Integer> parentAtEnd = finalParents(run.events());
    TreeMap<Integer, Integer> frees = new TreeMap<>();
    for (TraceEvent e : run.events()) {
      if (e.kind() == EventKind.SCHED_PROCESS_FREE) {
        frees.merge(e.pid(), 1, Integer::sum);
      }
    }
    for (ProcessRecord p : r.processes()) {
      Integer parent = parentAtEnd.get(p.pid());
      if (!p.exited() || p.state() != 'X' || p.reapedBy() == 0) {
        bad.add("pid " + p.pid() + " was not reaped: " + p);
      } else if (p.reapedBy() != -1 && parent != null && p.reapedBy() != parent) {
        bad.add("pid " + p.pid() + " was reaped by " + p.reapedBy() + ", not by its parent "
            + parent + ": " + p);
      }
      if (frees.getOrDefault(p.pid(), 0) != 1) {
        bad.add("pid " + p.pid() + " released " + frees.getOrDefault(p.pid(), 0)
            + " times (I-8: exactly once)");
      }
    }
    return bad;
  }

  /**
   * Differential: what the generator predicts against what the kernel did. A fork site runs at
   * most once (no loop contains one); no body ignores SIGCHLD, so nothing is auto-reaped; a
   * process ends by its body's exit or, when the scenario kills, by SIGTERM or SIGKILL. Without
   * kills every fork runs and the exit statuses are exactly the bodies' exit codes.
   */
  static List<String> matchesGenerator(Generated g, Sim.Run run) {
    List<String> bad = new ArrayList<>();
    RunResult r = run.result();
    if (r.forks() > g.forkSites()) {
      bad.add(r.forks() + " forks, but the scenario has only " + g.forkSites() + " fork sites");
    }
    if (r.reason() != StopReason.COMPLETED) {
      return bad;
    }
    TreeMap<Integer, Integer> predicted = new TreeMap<>();
    for (Node n : g.nodes()) {
      predicted.merge(WaitStatus.exited(n.exitCode()), 1, Integer::sum);
    }
    TreeMap<Integer, Integer> seen = new TreeMap<>();
    for (ProcessRecord p : r.processes()) {
      seen.merge(p.status(), 1, Integer::sum);
      if (p.reapedBy() == -1) {
        bad.add("pid " + p.pid() + " was auto-reaped, yet no process ignores SIGCHLD: " + p);
      }
      boolean killed = WaitStatus.wifsignaled(p.status())
          && (WaitStatus.wtermsig(p.status()) == Signals.SIGKILL
              || WaitStatus.wtermsig(p.status()) == Signals.SIGTERM);
      if (!predicted.containsKey(p.status()) && !(killed && g.killsChildren())) {
        bad.add("pid " + p.pid() + " ended with status 0x" + Integer.toHexString(p.status())
            + ", which no body's exit nor the scenario's kills produce: " + p);
      }
    }
    if (!g.killsChildren()) {
      if (r.forks() != g.forkSites()) {
        bad.add(r.forks() + " forks, but without kills all " + g.forkSites() + " sites run");
      }
      if (!seen.equals(predicted)) {
        bad.add("exit statuses " + hex(seen) + ", predicted " + hex(predicted));
      }
    }
    return bad;
  }

  /**
   * Determinism: a second run of the same text gives the same event hash and the same console;
   * so does a run without checking or recording (checked mode only observes).
   */
  static List<String> determinism(Sim.Run first, Sim.Run again, Sim.Run fast) {
    List<String> bad = new ArrayList<>();
    compare(bad, "second checked run", first, again);
    compare(bad, "unchecked run", first, fast);
    return bad;
  }

  private static void compare(List<String> bad, String what, Sim.Run a, Sim.Run b) {
    if (a.result().eventHash() != b.result().eventHash()) {
      bad.add(what + ": event hash " + Long.toHexString(b.result().eventHash()) + " != "
          + Long.toHexString(a.result().eventHash()));
    }
    if (!a.stdout().equals(b.stdout()) || !a.stderr().equals(b.stderr())) {
      bad.add(what + ": console output differs:\n" + b.stdout());
    }
    if (a.result().reason() != b.result().reason() || a.result().events() != b.result().events()
        || a.result().virtualNs() != b.result().virtualNs()) {
      bad.add(what + ": " + b.result().reason() + " after " + b.result().events() + " events at "
          + b.result().virtualNs() + " ns, first run " + a.result().reason() + " after "
          + a.result().events() + " events at " + a.result().virtualNs() + " ns");
    }
  }

  /**
   * Bounded liveness for init (ZB-4: init behaves as a loop that waits whenever it has a
   * waitable child): a zombie child of the built-in init — one that exits under it or is adopted
   * as a zombie — is released within {@code boundNs} of virtual time. "Eventually" alone would
   * miss an init that reaps only when some other child happens to exit, since in a bounded run
   * the last exit always sweeps up whatever was left.
   */
  static List<String> initReapsPromptly(Sim.Run run, long boundNs) {
    List<String> bad = new ArrayList<>();
    TreeMap<Integer, Integer> parent = new TreeMap<>();
    TreeMap<Integer, Long> exited = new TreeMap<>();
    TreeMap<Integer, Long> zombieOfInit = new TreeMap<>(); // pid -> since when
    for (TraceEvent e : run.events()) {
      switch (e.kind()) {
        case SCHED_PROCESS_FORK -> parent.put((int) e.a(), e.pid());
        case REPARENT -> {
          parent.put(e.pid(), (int) e.b());
          if (e.b() == 1 && exited.containsKey(e.pid())) {
            zombieOfInit.put(e.pid(), e.timeNs());
          }
        }
        case SCHED_PROCESS_EXIT -> {
          exited.put(e.pid(), e.timeNs());
          if (parent.getOrDefault(e.pid(), 0) == 1) {
            zombieOfInit.put(e.pid(), e.timeNs());
          }
        }
        case SCHED_PROCESS_FREE -> zombieOfInit.remove(e.pid());
        default -> { }
      }
      for (var z : zombieOfInit.entrySet()) {
        if (e.timeNs() - z.getValue() > boundNs) {
          bad.add("zombie " + z.getKey() + " has been init's since " + z.getValue()
              + " ns and is still not reaped at " + e.timeNs() + " ns (ZB-4)");
          return bad;
        }
      }
    }
    return bad;
  }

  /**
   * When a limit stops a run, a zombie left over is a leak of a live parent that has not waited
   * (yet): the result names that parent, and it is among the processes left alive. init leaks
   * nothing, except a zombie that became its child within {@code boundNs} of the end, whose
   * reaping was still due.
   */
  static List<String> leaksNameLiveParents(Sim.Run run, long boundNs) {
    List<String> bad = new ArrayList<>();
    RunResult r = run.result();
    TreeMap<Integer, Long> becameInitsAt = new TreeMap<>();
    for (TraceEvent e : run.events()) {
      if (e.kind() == EventKind.SCHED_PROCESS_EXIT || e.kind() == EventKind.REPARENT) {
        becameInitsAt.put(e.pid(), e.timeNs()); // the later of the two is what counts
      }
    }
    for (ProcessRecord z : r.zombies()) {
      if (z.ppid() == 1) {
        long since = becameInitsAt.getOrDefault(z.pid(), 0L);
        if (r.virtualNs() - since > boundNs) {
          bad.add("zombie " + z.pid() + " is init's since " + since + " ns, unreaped at the end ("
              + r.virtualNs() + " ns) (ZB-4)");
        }
      } else if (r.leftAlive().stream().noneMatch(p -> p.pid() == z.ppid())) {
        bad.add("zombie " + z.pid() + " names parent " + z.ppid()
            + ", which is not among the processes left alive " + r.leftAlive() + " (I-2)");
      }
    }
    return bad;
  }

  /** Each process's parent when the trace ends: its creator, then every reparenting. */
  static TreeMap<Integer, Integer> finalParents(List<TraceEvent> events) {
    TreeMap<Integer, Integer> parent = new TreeMap<>();
    for (TraceEvent e : events) {
      if (e.kind() == EventKind.SCHED_PROCESS_FORK) {
        parent.put((int) e.a(), e.pid());
      } else if (e.kind() == EventKind.REPARENT) {
        parent.put(e.pid(), (int) e.b());
      }
    }
    return parent;
  }

  private static long count(List<TraceEvent> events, EventKind kind) {
    return events.stream().filter(e -> e.kind() == kind).count();
  }

  private static String hex(TreeMap<Integer, Integer> statuses) {
    StringBuilder sb = new StringBuilder("{");
    statuses.forEach((s, n) -> sb.append(sb.length() > 1 ? ", " : "").append("0x")
        .append(Integer.toHexString(s)).append(" x").append(n));
    return sb.append('}').toString();
  }
}
