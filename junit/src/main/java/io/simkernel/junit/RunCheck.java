package io.simkernel.junit;

/** A user property over one run: null when it holds, else the evidence (one line). */
@FunctionalInterface
public interface RunCheck {
  String violation(SimRun run);
}
