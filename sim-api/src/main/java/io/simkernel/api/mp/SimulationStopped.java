package io.simkernel.api.mp;

import io.simkernel.api.run.RunResult;

/**
 * The simulation stopped before the call returned: the main process would block forever (a
 * deadlock, with the wait-for chain in {@link #result()}'s detail), or a limit was reached.
 */
public final class SimulationStopped extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient RunResult result;

  SimulationStopped(String call, RunResult result) {
    super(call + " did not return: " + result.reason() + ": " + result.detail());
    this.result = result;
  }

  public RunResult result() {
    return result;
  }
}
