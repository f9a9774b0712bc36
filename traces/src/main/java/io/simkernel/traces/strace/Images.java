package io.simkernel.traces.strace;

import io.simkernel.traces.strace.StraceEvent.Call;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Names of the images the scenario defines. Every successful execve starts a program of its own
 * — two processes that exec {@code /usr/bin/sleep} do different things — named by the recorded
 * path when that path is exec'd once, else {@code PATH@PID} ({@code PATH@PID.2} for a second
 * exec of it by the same process). A relative path ({@code ./zombie}) becomes absolute
 * ({@code /zombie}): scenario images live at absolute paths. A failed execve keeps its recorded
 * path, which the scenario does not define, so the simulator's execve fails with ENOENT as the
 * real one did (EX-9).
 */
final class Images {
  private final Map<String, Integer> successes = new TreeMap<>();
  private final Set<String> failures = new TreeSet<>();
  private final Map<String, Integer> perProcess = new TreeMap<>();

  Images(ProcessTree tree) {
    for (TracedProcess p : tree.processes()) {
      for (StraceEvent e : p.events()) {
        if (e instanceof Call c && isExec(c) && path(c) != null) {
          if (c.succeeded()) {
            successes.merge(normalize(path(c)), 1, Integer::sum);
          } else if (!c.result().unknown()) {
            failures.add(path(c));
          }
        }
      }
    }
  }

  static boolean isExec(Call c) {
    return c.name().equals("execve") || c.name().equals("execveat");
  }

  /** The path an exec call names (decoded), or null. */
  static String path(Call c) {
    return Args.string(c.arg(c.name().equals("execveat") ? 1 : 0));
  }

  /** argv as recorded, or an empty list when strace did not show it. */
  static List<String> argv(Call c) {
    List<String> a = Args.stringArray(c.arg(c.name().equals("execveat") ? 2 : 1));
    return a == null ? List.of() : a;
  }

  /** {@code ./x} and {@code x} → {@code /x}; absolute paths unchanged. */
  static String normalize(String recorded) {
    String p = recorded;
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    return p.startsWith("/") ? p : "/" + p;
  }

  /** A simulated image path without the {@code @PID} suffix this class adds. */
  static String strip(String simPath) {
    return simPath.replaceFirst("@\\d+(\\.\\d+)?$", "");
  }

  /** The program name for the exec of {@code recorded} by {@code p}. */
  String name(TracedProcess p, String recorded, boolean root) {
    String n = normalize(recorded);
    int nth = perProcess.merge(p.pid() + " " + n, 1, Integer::sum);
    boolean plain = !failures.contains(n)
        && (root || successes.getOrDefault(n, 0) == 1) && nth == 1;
    return plain ? n : n + "@" + p.pid() + (nth > 1 ? "." + nth : "");
  }
}
