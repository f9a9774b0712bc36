package io.simkernel.cli.check;

import io.simkernel.api.WaitStatus;
import io.simkernel.api.run.ProcessRecord;
import io.simkernel.api.run.RunResult;
import io.simkernel.api.trace.EventKind;
import io.simkernel.api.trace.TraceEvent;
import java.util.List;

/**
 * A user property over a run: the events and the final result. Built-ins for the command line:
 * {@code max-zombies=N} (never more than N zombies at once) and {@code no-exit-status=N} (no
 * process exits with code N). Java users implement the interface.
 */
public interface Property {
  /** Short name, as in reports ({@code max-zombies=2}). */
  String name();

  /** Null when the property holds, else the evidence. */
  String violation(List<TraceEvent> events, RunResult result);

  /** Parses {@code name=value}; throws IllegalArgumentException with the valid forms. */
  static Property parse(String spec) {
    int eq = spec.indexOf('=');
    String key = eq < 0 ? spec : spec.substring(0, eq);
    long n;
    try {
      n = eq < 0 ? -1 : Long.parseLong(spec.substring(eq + 1));
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 0 || !(key.equals("max-zombies") || key.equals("no-exit-status"))) {
      throw new IllegalArgumentException("unknown property `" + spec
          + "`; expected max-zombies=N or no-exit-status=N");
    }
    long limit = n;
    if (key.equals("max-zombies")) {
      return new Property() {
        public String name() {
          return spec;
        }

        public String violation(List<TraceEvent> events, RunResult result) {
          return maxZombies(events, limit);
        }
      };
    }
    return new Property() {
      public String name() {
        return spec;
      }

      public String violation(List<TraceEvent> events, RunResult result) {
        for (ProcessRecord p : result.processes()) {
          if (WaitStatus.wifexited(p.status()) && WaitStatus.wexitstatus(p.status()) == limit) {
            return "pid " + p.pid() + " exited with status " + limit;
          }
        }
        return null;
      }
    };
  }

  private static String maxZombies(List<TraceEvent> events, long limit) {
    int zombies = 0;
    for (TraceEvent e : events) {
      if (e.kind() == EventKind.SCHED_PROCESS_EXIT) {
        zombies++;
      } else if (e.kind() == EventKind.SCHED_PROCESS_FREE) {
        zombies--;
      }
      if (zombies > limit) {
        return zombies + " zombies at " + e.timeNs() + " ns (event #" + e.seq() + "), more than "
            + limit;
      }
    }
    return null;
  }
}
