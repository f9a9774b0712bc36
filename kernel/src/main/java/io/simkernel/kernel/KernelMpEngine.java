package io.simkernel.kernel;

import io.simkernel.api.mp.MpEngine;
import io.simkernel.api.run.RunResult;
import io.simkernel.kernel.asm.ScenarioParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The kernel's {@link MpEngine} for the Java multiprocessing API (sim-api
 * {@code io.simkernel.api.mp}), registered in META-INF/services: each run parses the scenario
 * the API built and boots a fresh kernel in checked mode (every invariant after every event).
 */
public final class KernelMpEngine implements MpEngine {
  @Override
  public Outcome run(String scenarioText) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    RunResult r = Kernel.boot(ScenarioParser.parse("mp-api.sks", scenarioText),
        KernelOptions.of(out, err).withChecked(true)).run();
    return new Outcome(r, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }
}
