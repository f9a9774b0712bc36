package io.simkernel.cli.check;

import io.simkernel.api.run.ProcessRecord;
import io.simkernel.api.run.RunResult;
import io.simkernel.api.run.StopReason;
import io.simkernel.api.scenario.Scenario;
import io.simkernel.api.trace.EventKind;
import io.simkernel.api.trace.TraceEvent;
import io.simkernel.kernel.Kernel;
import io.simkernel.kernel.KernelOptions;
import io.simkernel.kernel.asm.ScenarioException;
import io.simkernel.kernel.asm.ScenarioParser;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks one scenario: a checked run (every invariant after every event), the liveness rules at
 * quiescence, the user properties, and a second run that must agree with the first event for
 * event. Thread-safe: every call builds its own kernels.
 */
public final class SeedChecker {
  private final List<Property> properties;
  private final Set<String> plantedBugs;

  public SeedChecker(List<Property> properties, Set<String> plantedBugs) {
    this.properties = List.copyOf(properties);
    this.plantedBugs = Set.copyOf(plantedBugs);
  }

  /** Null when the scenario passes; else the first failure found. */
  public Failure check(String scenarioText) {
    Scenario s;
    try {
      s = ScenarioParser.parse("check.sks", scenarioText);
    } catch (ScenarioException e) {
      return new Failure(Failure.Kind.CRASH, "unparseable", e.format());
    }
    List<TraceEvent> events = new ArrayList<>();
    java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
    RunResult first;
    try {
      first = run(s, events, stdout);
    } catch (RuntimeException e) {
      return new Failure(Failure.Kind.CRASH, e.getClass().getSimpleName(), String.valueOf(e));
    }
    Failure f = judge(first, events);
    if (f != null) {
      return f;
    }
    // a generated program's own assertions: `-> A expect B` lines (copy-on-write, pipes)
    List<String> selfCheck = io.simkernel.api.gen.SelfChecks.failures(
        stdout.toString(java.nio.charset.StandardCharsets.UTF_8));
    if (!selfCheck.isEmpty()) {
      return new Failure(Failure.Kind.PROPERTY, Failure.SELF_CHECK, selfCheck.get(0));
    }
    RunResult second = run(s, new ArrayList<>(), OutputStream.nullOutputStream());
    if (second.eventHash() != first.eventHash() || second.events() != first.events()) {
      return new Failure(Failure.Kind.NONDETERMINISM, "same-seed-same-run", "event hash "
          + Long.toHexString(first.eventHash()) + " then " + Long.toHexString(second.eventHash()));
    }
    return null;
  }

  private RunResult run(Scenario s, List<TraceEvent> events, OutputStream stdout) {
    KernelOptions o = KernelOptions.of(stdout, OutputStream.nullOutputStream())
        .withChecked(true).withSink(events::add);
    for (String bug : plantedBugs) {
      o = o.withPlantedBug(bug);
    }
    return Kernel.boot(s, o).run();
  }

  private Failure judge(RunResult r, List<TraceEvent> events) {
    if (r.reason() == StopReason.INVARIANT_VIOLATION) {
      int colon = r.detail().indexOf(':');
      String name = colon > 0 ? r.detail().substring(0, colon) : r.detail();
      return new Failure(Failure.Kind.INVARIANT, name, r.detail());
    }
    for (ProcessRecord z : r.zombies()) {
      if (z.ppid() == 1) { // posix-semantics ZB-4: init reaps every zombie it is given
        return new Failure(Failure.Kind.LIVENESS, "zombie-never-reaped", "init (pid 1) never"
            + " reaped zombie " + z.pid() + " (" + z.command() + ")");
      }
    }
    if (r.reason() == StopReason.DEADLOCK) {
      return new Failure(Failure.Kind.LIVENESS, "blocked-forever", waitFor(r, events));
    }
    for (Property p : properties) {
      String v = p.violation(events, r);
      if (v != null) {
        return new Failure(Failure.Kind.PROPERTY, p.name(), v);
      }
    }
    return null;
  }

  /**
   * The culprits of a deadlock: who is blocked, in what, and what it waits for. The kernel's
   * stop detail carries its wait-for graph (WaitForGraph: pipe readers waiting for the holders
   * of the write end, and so on), which is the chain when there is one.
   */
  static String waitFor(RunResult r, List<TraceEvent> events) {
    int colon = r.detail().indexOf(": pid ");
    if (colon >= 0) {
      return "wait-for chain: " + r.detail().substring(colon + 2);
    }
    StringBuilder sb = new StringBuilder();
    for (ProcessRecord p : r.leftAlive()) {
      String in = "";
      for (TraceEvent e : events) {
        if (e.kind() == EventKind.SCHED_BLOCK && e.pid() == p.pid()) {
          in = e.text();
        }
      }
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append("pid ").append(p.pid()).append(" (").append(p.command()).append(") state ")
          .append(p.state());
      if (!in.isEmpty()) {
        sb.append(" in ").append(in);
      }
      if (in.equals("wait")) {
        List<String> kids = new ArrayList<>();
        for (ProcessRecord c : r.leftAlive()) {
          if (c.ppid() == p.pid()) {
            kids.add(c.pid() + " (" + c.state() + ")");
          }
        }
        sb.append(" for children ").append(kids);
      }
    }
    return sb.toString();
  }
}
