package io.simkernel.kernel.check;

/** An invariant does not hold: a simulator bug, reported with its evidence. */
public final class InvariantViolation extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String invariant;

  public InvariantViolation(String invariant, String message) {
    super(invariant + ": " + message);
    this.invariant = invariant;
  }

  /** The name of the invariant that failed. */
  public String invariant() {
    return invariant;
  }
}
