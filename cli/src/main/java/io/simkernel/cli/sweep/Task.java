package io.simkernel.cli.sweep;

/**
 * One simulation of a sweep: a grid point, a replicate number, and the kernel seed derived from
 * both ({@link Point#seedFor}).
 */
public record Task(Point point, long rep, long seed) implements Comparable<Task> {
  /** The identity of the run in result files: its point and replicate. */
  public String key() {
    return point.describe() + " rep=" + rep;
  }

  @Override
  public int compareTo(Task o) {
    int c = point.compareTo(o.point);
    return c != 0 ? c : Long.compare(rep, o.rep);
  }
}
