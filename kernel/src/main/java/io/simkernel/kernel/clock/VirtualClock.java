package io.simkernel.kernel.clock;

/** Virtual time in nanoseconds since boot. It only moves forward. */
public final class VirtualClock {
  private long now;

  public long now() {
    return now;
  }

  /** Moves the clock to {@code t}; going back is a kernel bug and fails loudly. */
  public void advanceTo(long t) {
    if (t < now) {
      throw new IllegalStateException("virtual clock would go back from " + now + " ns to " + t + " ns");
    }
    now = t;
  }
}
