package io.simkernel.cli.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A sweep's grid: the cartesian product of the swept parameters' values (the others at their
 * defaults) times the replicate numbers, as a list of {@link Task}s in canonical order. Sharding
 * deals that list out round-robin, so every shard gets a fair share of cheap and expensive
 * points however the grid is shaped, and the union of the shards is exactly the list.
 */
public final class Grid {
  private final List<Point> points;
  private final List<Task> tasks;

  private Grid(List<Point> points, List<Long> reps) {
    this.points = List.copyOf(points);
    List<Task> all = new ArrayList<>();
    for (Point p : points) {
      for (long r : reps) {
        all.add(new Task(p, r, p.seedFor(r)));
      }
    }
    this.tasks = List.copyOf(all);
  }

  /**
   * The grid of a scenario declaring {@code declared} (name → default, in declaration order),
   * sweeping {@code swept} (name → values).
   *
   * @throws IllegalArgumentException when a swept name is not declared
   */
  public static Grid of(Map<String, String> declared, Map<String, List<String>> swept,
      List<Long> reps) {
    for (String name : swept.keySet()) {
      if (!declared.containsKey(name)) {
        throw new IllegalArgumentException("-D " + name + ": the scenario declares no parameter `"
            + name + "`; expected " + (declared.isEmpty() ? "a `param " + name
            + "=DEFAULT` line in the scenario" : "one of " + String.join(", ", declared.keySet())));
      }
    }
    List<String> names = List.copyOf(declared.keySet());
    List<List<String>> axes = new ArrayList<>();
    for (String n : names) {
      axes.add(swept.containsKey(n) ? swept.get(n) : List.of(declared.get(n)));
    }
    List<Point> points = new ArrayList<>();
    product(names, axes, 0, new ArrayList<>(), points);
    Collections.sort(points);
    return new Grid(points, reps);
  }

  private static void product(List<String> names, List<List<String>> axes, int i,
      List<String> prefix, List<Point> out) {
    if (i == axes.size()) {
      out.add(new Point(names, prefix));
      return;
    }
    for (String v : axes.get(i)) {
      prefix.add(v);
      product(names, axes, i + 1, prefix, out);
      prefix.remove(prefix.size() - 1);
    }
  }

  /** Every point, in canonical order. */
  public List<Point> points() {
    return points;
  }

  /** Every run, in canonical order (point, then replicate). */
  public List<Task> tasks() {
    return tasks;
  }

  /** Shard {@code index} of {@code count} (0-based): tasks index, index+count, ... */
  public List<Task> shard(int index, int count) {
    List<Task> out = new ArrayList<>();
    for (int i = index; i < tasks.size(); i += count) {
      out.add(tasks.get(i));
    }
    return out;
  }
}
