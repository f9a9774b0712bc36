package io.simkernel.kernel;

import io.simkernel.api.run.RunResult;
import io.simkernel.api.scenario.Scenario;
import io.simkernel.api.trace.TraceEvent;
import io.simkernel.kernel.asm.ScenarioParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test harness: runs scenario text in checked mode (every invariant after every event) and
 * captures the console and the events.
 */
public final class Sim {
  private Sim() {}

  /** What a run produced. */
  public record Run(RunResult result, String stdout, String stderr, List<TraceEvent> events) {
    public int exitStatus() {
      return result.shellStatus();
    }
  }

  /** Parses and runs a scenario in checked mode, recording every event. */
  public static Run run(String scenarioText) {
    return run(ScenarioParser.parse("test.sks", scenarioText));
  }

  public static Run run(Scenario scenario) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<TraceEvent> events = new ArrayList<>();
    RunResult r = Kernel.boot(scenario, KernelOptions.of(out, err).withChecked(true)
        .withSink(events::add)).run();
    return new Run(r, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
        events);
  }

  /** Runs without checking or recording (for long runs). */
  public static Run runFast(String scenarioText) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    RunResult r = Kernel.boot(ScenarioParser.parse("test.sks", scenarioText),
        KernelOptions.of(out, err)).run();
    return new Run(r, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
        List.of());
  }
}
