package io.simkernel.traces.replay;

import io.simkernel.api.scenario.KernelConfig;
import java.util.Locale;

/**
 * Rebuilds a {@link KernelConfig} from the text {@link KernelConfig#describe()} printed into a
 * trace header ({@code cpus=1 timeslice=4000000ns seed=0 ...}), so a replay runs with the
 * recorded configuration — including what the command line changed ({@code run --seed}) — not
 * merely the scenario's {@code kernel} line. The result must describe itself exactly as the
 * header does; anything else (a key this version does not know how to set, a value it cannot
 * read) is an error, because a replay under a different configuration would report divergences
 * that are not there.
 */
final class ConfigText {
  private ConfigText() {}

  /** The configuration {@code text} describes; throws IllegalArgumentException saying why not. */
  static KernelConfig parse(String text) {
    KernelConfig c = KernelConfig.DEFAULTS;
    for (String item : text.trim().split(" +")) {
      int eq = item.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("\"" + item + "\" is not key=value");
      }
      String key = item.substring(0, eq);
      String value = item.substring(eq + 1);
      c = c.with(key, value, parsed(key, value));
    }
    if (!c.describe().equals(text)) {
      throw new IllegalArgumentException("rebuilt as \"" + c.describe() + "\"");
    }
    return c;
  }

  private static long parsed(String key, String value) {
    try {
      return switch (key) {
        case "timeslice", "time_limit" -> Long.parseLong(strip(value, "ns"));
        case "nproc", "events_max", "insns_max" ->
            value.equals("unlimited") ? KernelConfig.UNLIMITED : Long.parseLong(value);
        case "tiebreak" -> KernelConfig.TieBreak.valueOf(value.toUpperCase(Locale.ROOT)).ordinal();
        case "cpus", "seed", "memory", "pid_max" -> Long.parseLong(value);
        default -> 0; // kept as text (init, fork, core, ...)
      };
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot read " + key + "=" + value);
    }
  }

  private static String strip(String value, String unit) {
    if (!value.endsWith(unit)) {
      throw new IllegalArgumentException(value);
    }
    return value.substring(0, value.length() - unit.length());
  }
}
