package io.simkernel.kernel.check;

import io.simkernel.kernel.Kernel;

/** One named invariant of the whole kernel. */
public interface Invariant {
  /** Short name, as in reports and shrunk scenarios ({@code parent-alive}). */
  String name();

  /** What must hold, and the rule it comes from. */
  String description();

  /** Returns null when the invariant holds, else a message naming pid, time and state. */
  String violation(Kernel k);
}
