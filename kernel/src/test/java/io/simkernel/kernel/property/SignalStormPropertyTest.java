package io.simkernel.kernel.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.gen.SignalStormGenerator;
import io.simkernel.api.run.StopReason;
import io.simkernel.kernel.Sim;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random signal storms across process trees (kill and killpg of every kind of signal, stops and
 * continues, handlers with every flag, masks changing under fire), each run in checked mode — so
 * after every event: SIGKILL/SIGSTOP never blocked or caught, zombies with no pending signals or
 * timers, stopped processes not scheduled, PID references — and run twice for determinism.
 */
class SignalStormPropertyTest {
  static LongStream seeds() {
    return LongStream.rangeClosed(1, Long.getLong("simkernel.storm.seeds", 250));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aSignalStormKeepsEveryInvariantEndsAndRepeats(long seed) {
    String scenario = SignalStormGenerator.generate(seed);
    Sim.Run a = Sim.run(scenario);
    String context = "seed " + seed + ": " + a.result().reason() + " " + a.result().detail()
        + "\n--- scenario ---\n" + scenario + "--- stdout ---\n" + a.stdout()
        + "--- alive ---\n" + a.result().leftAlive();
    assertEquals(StopReason.COMPLETED, a.result().reason(), context);
    assertTrue(a.result().zombies().isEmpty(), context);
    Sim.Run b = Sim.run(scenario);
    assertEquals(a.result().eventHash(), b.result().eventHash(), "determinism, " + context);
    assertEquals(a.stdout(), b.stdout(), "determinism, " + context);
  }
}
