package io.simkernel.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.simkernel.api.run.StopReason;
import io.simkernel.api.scenario.Scenario;
import io.simkernel.kernel.asm.ScenarioParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Same scenario + same seed gives the same run, event for event (DESIGN.md rule 1); a random
 * tie-break between same-time events changes the order, never the correctness.
 */
class ReproducibilityTest {

  /** Children that all wake at the same virtual time, signals and reaping in between. */
  private static final String BUSY = """
      kernel cpus=2 TIEBREAK
      program /bin/p
      text
      main:
        signal SIGUSR1, handler
        mov r10, 0
      again:
        fork
        jz r0, child
        add r10, 1
        jlt r10, 4, again
        mov r11, 0
      reap:
        wait
        jlt r0, 0, done
        wexitstatus r2, r1
        add r11, r2
        jmp reap
      done:
        print "sum=%d\\n", r11
        exit 0
      child:
        sleep 2ms
        getppid
        kill r0, SIGUSR1
        compute 1ms
        exit r10
      handler:
        ret
      end
      run /bin/p
      """;

  @Test
  void theSameScenarioRunTwiceGivesTheSameEventsAndOutput() {
    String text = BUSY.replace("TIEBREAK", "");
    Sim.Run a = Sim.run(text);
    Sim.Run b = Sim.run(text);
    assertEquals(StopReason.COMPLETED, a.result().reason(), a.result().detail());
    assertEquals("sum=6\n", a.stdout()); // exit codes 0+1+2+3
    assertEquals(a.result().eventHash(), b.result().eventHash());
    assertEquals(a.stdout(), b.stdout());
    assertEquals(a.events(), b.events());
    assertEquals(a.result().virtualNs(), b.result().virtualNs());
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, -7})
  void randomTieBreakWithAnySeedStillCompletesCorrectly(long seed) {
    Scenario s = ScenarioParser.parse("test.sks", BUSY.replace("TIEBREAK", "tiebreak=random"));
    Sim.Run r = Sim.run(s.withConfig(s.config().withSeed(seed)));
    assertEquals(StopReason.COMPLETED, r.result().reason(), r.result().detail());
    assertEquals("sum=6\n", r.stdout());
    assertEquals(0, r.result().mainStatus());
  }

  @Test
  void randomTieBreakIsReproducibleForOneSeed() {
    Scenario s = ScenarioParser.parse("test.sks", BUSY.replace("TIEBREAK", "tiebreak=random seed=9"));
    Sim.Run a = Sim.run(s);
    Sim.Run b = Sim.run(s);
    assertEquals(a.result().eventHash(), b.result().eventHash());
    assertEquals(a.events(), b.events());
  }

  @Test
  void theSeedOnTheKernelLineEqualsTheSeedGivenByConfiguration() {
    Scenario viaLine = ScenarioParser.parse("test.sks",
        BUSY.replace("TIEBREAK", "tiebreak=random seed=5"));
    Scenario viaConfig = ScenarioParser.parse("test.sks",
        BUSY.replace("TIEBREAK", "tiebreak=random"));
    Sim.Run a = Sim.run(viaLine);
    Sim.Run b = Sim.run(viaConfig.withConfig(viaConfig.config().withSeed(5)));
    assertEquals(a.result().eventHash(), b.result().eventHash());
  }
}
