package io.simkernel.api.mp;

import io.simkernel.api.run.RunResult;

/**
 * What the Java multiprocessing API needs of a simulator: run one scenario text from the start
 * and report what it printed and how it ended. The kernel module provides it (found with
 * {@link java.util.ServiceLoader}); sim-api cannot depend on the kernel.
 */
public interface MpEngine {
  /** Parses and runs {@code scenarioText} (bad text: IllegalArgumentException). */
  Outcome run(String scenarioText);

  /** The console output and the result of one run. */
  record Outcome(RunResult result, String stdout, String stderr) {}
}
