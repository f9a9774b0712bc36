package io.simkernel.kernel.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.common.collect.ImmutableMap;
import io.simkernel.api.WaitStatus;
import io.simkernel.api.gen.ScenarioGenerator;
import io.simkernel.api.gen.ScenarioGenerator.Action;
import io.simkernel.api.gen.ScenarioGenerator.Config;
import io.simkernel.api.gen.ScenarioGenerator.Generated;
import io.simkernel.api.run.ProcessRecord;
import io.simkernel.api.run.RunResult;
import io.simkernel.api.run.StopReason;
import io.simkernel.kernel.Sim;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one exception to "every zombie is eventually reaped" (DESIGN.md, Invariants): a parent
 * that is alive and never waits keeps its zombies, and the run reports them as its leak — each
 * zombie with the parent's PID. Once that parent exits, its zombies go to init and are reaped.
 */
class ZombieLeakTest {
  /** A parent that forks a child exiting at once, then sleeps past the run's time limit. */
  private static final String NEVER_WAITS = """
      kernel time_limit=50ms
      program /bin/leaky
      text
      main:
        fork
        jz    r0, child
        sleep 1s          # never waits: the child stays a zombie under us
        exit  0
      child:
        exit  7
      end
      run /bin/leaky
      """;

  @Test
  void zombieOfALiveParentThatNeverWaitsIsReportedWithTheParentsPid() {
    Sim.Run run = Sim.run(NEVER_WAITS);
    RunResult r = run.result();

    assertEquals(StopReason.TIME_LIMIT, r.reason(), r.detail());
    assertEquals(124, r.shellStatus(), "a limit stopped the run");
    assertEquals(1, r.zombies().size(), () -> "zombies: " + r.zombies());
    ProcessRecord zombie = r.zombies().get(0);
    assertEquals(3, zombie.pid());
    assertEquals(2, zombie.ppid(), "the leak names the parent that does not wait");
    assertEquals(WaitStatus.exited(7), zombie.status());
    assertTrue(r.leftAlive().stream().anyMatch(p -> p.pid() == 2),
        () -> "the leaking parent is alive at the end: " + r.leftAlive());
  }

  @Test
  void zombiesOfAParentThatNeverWaitsAreReapedByInitOnceItExits() {
    Sim.Run run = Sim.run(NEVER_WAITS.replace("kernel time_limit=50ms", "kernel"));
    RunResult r = run.result();

    assertEquals(StopReason.COMPLETED, r.reason(), r.detail());
    assertEquals(List.of(), r.zombies());
    ProcessRecord child = r.processes().stream().filter(p -> p.pid() == 3).findFirst()
        .orElseThrow();
    assertEquals(1, child.reapedBy(), "init adopted the zombie and reaped it (RP-4, ZB-4)");
  }

  /** Bodies that fork, sleep and compute but never wait, stopped before the sleeps end. */
  static LongStream seeds() {
    return LongStream.rangeClosed(1, 40);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyZombieLeftByALimitBelongsToALiveParentThatDidNotWait(long seed) {
    Config c = Config.defaults().withWeights(ImmutableMap.of(Action.FORK, 4, Action.SLEEP, 2,
        Action.COMPUTE, 1, Action.PRINT_IDS, 1)).withTimeLimitNs(4_000_000L);
    Generated g = new ScenarioGenerator(c).generateWithFacts(seed);
    Sim.Run run = Sim.run(g.text());
    List<String> bad = new ArrayList<>(RunProperties.safetyAndLiveness(run, true));
    if (bad.isEmpty()) {
      bad.addAll(RunProperties.leaksNameLiveParents(run, 1_000_000L));
      bad.addAll(ConsoleModel.check(g, run));
    }
    if (!bad.isEmpty()) {
      fail(GeneratedScenarioPropertyTest.report(g, "never-waiting", run, bad));
    }
  }
}
