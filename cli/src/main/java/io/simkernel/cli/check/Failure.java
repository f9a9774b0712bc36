package io.simkernel.cli.check;

/**
 * How a run failed. {@code kind} + {@code name} identify "the same failure" for shrinking (the
 * shrunk scenario must fail the same invariant); {@code detail} is the evidence.
 */
public record Failure(Kind kind, String name, String detail) {
  /** Classes of failure. */
  public enum Kind {
    /** A kernel invariant failed in checked mode. */
    INVARIANT,
    /** The same scenario and seed gave two different runs. */
    NONDETERMINISM,
    /** A liveness rule failed at quiescence: a zombie never reaped, a process blocked forever. */
    LIVENESS,
    /** A user property failed. */
    PROPERTY,
    /** The simulator threw. */
    CRASH
  }

  /** Whether another failure is the same one (what shrinking preserves). */
  public boolean sameAs(Failure other) {
    if (other == null || kind != other.kind || !name.equals(other.name)) {
      return false;
    }
    // a self-check's expectation is in the text: with the name alone, shrinking keeps only the
    // print of an unset register ("-> 0 expect 4"); the same line keeps the value that failed
    return !name.equals(SELF_CHECK) || detail.equals(other.detail);
  }

  /** The name of a failed {@code -> A expect B} line of a generated program. */
  public static final String SELF_CHECK = "self-check";

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + name + ": " + detail;
  }
}
