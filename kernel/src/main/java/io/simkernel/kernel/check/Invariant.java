package io.simkernel.kernel.check;

import io.simkernel.kernel.Kernel;
import java.util.function.Function;

/** One named invariant of the whole kernel. */
public interface Invariant {
  /** Short name, as in reports and shrunk scenarios ({@code parent-alive}). */
  String name();

  /** What must hold, and the rule it comes from. */
  String description();

  /** Returns null when the invariant holds, else a message naming pid, time and state. */
  String violation(Kernel k);

  /** An invariant from its name, its description and a check returning null when it holds. */
  static Invariant of(String name, String description, Function<Kernel, String> check) {
    return new Named(name, description, check);
  }

  /** The invariant {@link #of} makes. */
  record Named(String name, String description, Function<Kernel, String> check)
      implements Invariant {
    @Override
    public String violation(Kernel k) {
      return check.apply(k);
    }
  }
}
