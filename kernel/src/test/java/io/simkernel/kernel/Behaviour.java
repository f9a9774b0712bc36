package io.simkernel.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.simkernel.api.run.ProcessRecord;
import io.simkernel.api.run.StopReason;
import io.simkernel.api.trace.EventKind;
import io.simkernel.api.trace.TraceEvent;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small helpers shared by the behaviour tests (ForkTest, WaitTest, ...): each of those runs a
 * scenario in checked mode through {@link Sim} and judges the outcome against the numbered
 * rules of shared/reference/posix-semantics.md — expected values come from the rules, never
 * from what the simulator printed.
 */
final class Behaviour {
  private Behaviour() {}

  /** Runs the scenario and requires that it completed (every process ended and was reaped). */
  static Sim.Run completed(String scenario) {
    Sim.Run r = Sim.run(scenario);
    assertEquals(StopReason.COMPLETED, r.result().reason(), () -> describe(r));
    return r;
  }

  /** Everything useful to read when an assertion fails. */
  static String describe(Sim.Run r) {
    return "reason=" + r.result().reason() + " detail=" + r.result().detail()
        + "\n--- stdout ---\n" + r.stdout() + "--- stderr ---\n" + r.stderr()
        + "--- processes ---\n" + r.result().processes()
        + "\n--- zombies ---\n" + r.result().zombies()
        + "\n--- alive ---\n" + r.result().leftAlive();
  }

  /** The record of the process that had this PID (it must have ended). */
  static ProcessRecord record(Sim.Run r, int pid) {
    for (ProcessRecord p : r.result().processes()) {
      if (p.pid() == pid) {
        return p;
      }
    }
    throw new AssertionError("no record of pid " + pid + "\n" + describe(r));
  }

  /** Every event of one kind, in order. */
  static List<TraceEvent> events(Sim.Run r, EventKind kind) {
    return r.events().stream().filter(e -> e.kind() == kind).toList();
  }

  /** The first event of a kind about a PID. */
  static TraceEvent first(Sim.Run r, EventKind kind, int pid) {
    return r.events().stream().filter(e -> e.kind() == kind && e.pid() == pid).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind.tracepoint() + " for pid " + pid));
  }

  /** The number printed after {@code key=} in the output (decimal, may be negative). */
  static long number(Sim.Run r, String key) {
    Matcher m = Pattern.compile("(?m)\\b" + Pattern.quote(key) + "=(-?\\d+)").matcher(r.stdout());
    if (!m.find()) {
      throw new AssertionError("no `" + key + "=` in the output\n" + describe(r));
    }
    return Long.parseLong(m.group(1));
  }
}
