package io.simkernel.cli.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The command line's {@code -D name=value} options and {@code --seeds} ranges. {@code run} takes
 * one value per name; {@code sweep} takes lists ({@code mib=1,64,1024}) and integer ranges
 * ({@code mib=0..1024:256}, {@code --seeds 1..20}). Errors are {@link IllegalArgumentException}s
 * whose message the command prints as a usage error.
 */
public final class Defines {
  /** More runs than this in one list is a typo (a range with a missing step), not a plan. */
  static final int MAX_VALUES = 100_000;

  private Defines() {}

  /** {@code -D name=value} options, one value each, in command-line order. */
  public static Map<String, String> single(List<String> specs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String spec : specs) {
      String[] nv = split(spec);
      if (out.put(nv[0], nv[1]) != null) {
        throw new IllegalArgumentException("-D " + nv[0] + " is given twice; expected each"
            + " parameter once");
      }
    }
    return out;
  }

  /** {@code -D name=v1,v2,...} options (ranges expanded, repeats dropped), in order. */
  public static Map<String, List<String>> lists(List<String> specs) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String spec : specs) {
      String[] nv = split(spec);
      List<String> values = new ArrayList<>();
      for (String part : nv[1].split(",", -1)) {
        if (part.isEmpty()) {
          throw new IllegalArgumentException("-D " + spec + " has an empty value; expected"
              + " values separated by commas, as in -D " + nv[0] + "=1,64,1024");
        }
        for (String v : expand(part, "-D " + nv[0])) {
          if (!values.contains(v)) {
            values.add(v);
          }
        }
      }
      if (out.put(nv[0], values) != null) {
        throw new IllegalArgumentException("-D " + nv[0] + " is given twice; expected one -D"
            + " per parameter with every value, as in -D " + nv[0] + "=1,64,1024");
      }
    }
    return out;
  }

  /** {@code 1..20}, {@code 1,5,9}, {@code 0..100:10}: distinct replicate numbers, ascending. */
  public static List<Long> seeds(String spec) {
    TreeSet<Long> out = new TreeSet<>();
    for (String part : spec.split(",", -1)) {
      for (String v : expand(part.strip(), "--seeds")) {
        long n;
        try {
          n = Long.parseLong(v);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("--seeds " + spec + ": `" + v + "` is not an"
              + " integer; expected a list or range of integers, as in --seeds 1..20");
        }
        if (n < 0) {
          throw new IllegalArgumentException("--seeds " + spec + ": replicate numbers are 0 or"
              + " more; expected, as in --seeds 1..20");
        }
        out.add(n);
      }
    }
    return List.copyOf(out);
  }

  private static String[] split(String spec) {
    int eq = spec.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("-D " + spec + ": expected NAME=VALUE, as in -D mib=64");
    }
    String name = spec.substring(0, eq);
    if (!isName(name)) {
      throw new IllegalArgumentException("-D " + spec + ": `" + name + "` is not a parameter"
          + " name; expected letters, digits and _ not starting with a digit");
    }
    return new String[] {name, spec.substring(eq + 1)};
  }

  private static boolean isName(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
        return false;
      }
    }
    return !s.isEmpty();
  }

  /** {@code A..B} or {@code A..B:STEP} of integers, else the value itself. */
  private static List<String> expand(String v, String what) {
    int dots = v.indexOf("..");
    if (dots < 0) {
      return List.of(v);
    }
    String hi = v.substring(dots + 2);
    long step = 1;
    int colon = hi.indexOf(':');
    try {
      if (colon >= 0) {
        step = Long.parseLong(hi.substring(colon + 1));
        hi = hi.substring(0, colon);
      }
      long a = Long.parseLong(v.substring(0, dots));
      long b = Long.parseLong(hi);
      if (step <= 0 || b < a) {
        throw new IllegalArgumentException(what + " " + v + ": expected a range FROM..TO with"
            + " FROM <= TO and an optional positive step, as in 0..1024:256");
      }
      if ((b - a) / step >= MAX_VALUES) {
        throw new IllegalArgumentException(what + " " + v + " has more than " + MAX_VALUES
            + " values; expected a smaller range or a step, as in 0..1024:256");
      }
      List<String> out = new ArrayList<>();
      for (long x = a; x <= b && x >= a; x += step) {
        out.add(Long.toString(x));
      }
      return out;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " " + v + ": a range takes integers; expected"
          + " FROM..TO[:STEP], as in 0..1024:256");
    }
  }
}
