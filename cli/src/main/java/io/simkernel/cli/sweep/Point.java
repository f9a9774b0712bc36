package io.simkernel.cli.sweep;

import com.google.common.hash.Hashing;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One point of a parameter grid: every parameter the scenario declares, in declaration order,
 * with its value at this point (swept or default). Values are kept as the text the user wrote,
 * because they are substituted as text into the scenario and must round-trip through CSV files
 * unchanged.
 *
 * @param names the parameter names, in the scenario's declaration order
 * @param values the values, position by position
 */
public record Point(List<String> names, List<String> values) implements Comparable<Point> {
  /** Orders values as numbers when both are numbers (so 64 comes before 1024), else as text. */
  public static final Comparator<String> VALUE_ORDER = Point::compareValues;

  public Point {
    names = List.copyOf(names);
    values = List.copyOf(values);
    if (names.size() != values.size()) {
      throw new IllegalArgumentException("names and values differ in length");
    }
  }

  /** The point as a map, in declaration order: what {@code ScenarioParser.parse} takes. */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      m.put(names.get(i), values.get(i));
    }
    return m;
  }

  public String value(String name) {
    int i = names.indexOf(name);
    return i < 0 ? null : values.get(i);
  }

  /**
   * The kernel seed of replicate {@code rep} at this point: a hash of the parameter values and
   * the replicate number only. Nothing about the rest of the grid enters it, so adding a value
   * to a sweep, or sharding it differently, never changes the seed — and so the result — of any
   * other run. Names are sorted so that reordering {@code param} lines changes nothing either.
   */
  public long seedFor(long rep) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing(names::get));
    StringBuilder sb = new StringBuilder("simkernel-sweep-seed/1\n");
    for (int i : order) {
      sb.append(names.get(i)).append('=').append(values.get(i)).append('\n');
    }
    sb.append("rep=").append(rep).append('\n');
    return Hashing.sha256().hashString(sb, StandardCharsets.UTF_8).asLong() & Long.MAX_VALUE;
  }

  /** {@code mib=64 fork=classic}: for messages and keys. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      sb.append(i == 0 ? "" : " ").append(names.get(i)).append('=').append(values.get(i));
    }
    return sb.toString();
  }

  /** {@code -D mib=64 -D fork=classic}: the part of a command line that selects this point. */
  public String defines() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      sb.append(i == 0 ? "" : " ").append("-D ").append(names.get(i)).append('=')
          .append(values.get(i));
    }
    return sb.toString();
  }

  /**
   * The canonical order of points: parameter by parameter in declaration order, each by
   * {@link #VALUE_ORDER}. It depends on the values alone, so a merge of shards can rebuild the
   * order of an unsharded sweep from the rows, without knowing the command line.
   */
  @Override
  public int compareTo(Point o) {
    int n = Math.min(values.size(), o.values.size());
    for (int i = 0; i < n; i++) {
      int c = names.get(i).compareTo(o.names.get(i));
      if (c != 0) {
        return c;
      }
      c = compareValues(values.get(i), o.values.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(values.size(), o.values.size());
  }

  static int compareValues(String a, String b) {
    BigDecimal x = number(a);
    BigDecimal y = number(b);
    if (x != null && y != null) {
      int c = x.compareTo(y);
      return c != 0 ? c : a.compareTo(b); // 64 and 64.0: still a total order
    }
    if (x != null || y != null) {
      return x != null ? -1 : 1; // numbers before words
    }
    return a.compareTo(b);
  }

  /** The value as a decimal number, or null when it is not one (a word, a size like 4KiB). */
  static BigDecimal number(String s) {
    if (s.isEmpty() || s.length() > 40) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9') && c != '-' && c != '+' && c != '.') {
        return null;
      }
    }
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
