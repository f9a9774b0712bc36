package io.simkernel.kernel.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.gen.WinScenarioGenerator;
import io.simkernel.api.run.StopReason;
import io.simkernel.kernel.Sim;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random CreateProcess / handle / job / exit sequences (WinScenarioGenerator), each run in checked
 * mode — so after every event: handles refer to live objects and are counted exactly, a process
 * object with open handles keeps its PID, job membership agrees, PID references, parents — and
 * run twice for determinism (the same seed gives the same events and output).
 */
class WinPropertyTest {
  static LongStream seeds() {
    return LongStream.rangeClosed(1, Long.getLong("simkernel.win.seeds", 200));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aRandomWin32ScenarioKeepsEveryInvariantEndsAndRepeats(long seed) {
    String scenario = WinScenarioGenerator.generate(seed);
    Sim.Run a = Sim.run(scenario);
    String context = "seed " + seed + ": " + a.result().reason() + " " + a.result().detail()
        + "\n--- scenario ---\n" + scenario + "--- stdout ---\n" + a.stdout()
        + "--- alive ---\n" + a.result().leftAlive();
    assertEquals(StopReason.COMPLETED, a.result().reason(), context);
    assertTrue(a.result().zombies().isEmpty(), context);
    Sim.Run b = Sim.run(scenario);
    assertEquals(a.result().eventHash(), b.result().eventHash(), "determinism, " + context);
    assertEquals(a.events(), b.events(), "determinism, " + context);
    assertEquals(a.stdout(), b.stdout(), "determinism, " + context);
  }
}
