package io.simkernel.kernel.property;

import static org.junit.jupiter.api.Assertions.fail;

import io.simkernel.api.gen.ScenarioGenerator;
import io.simkernel.api.gen.ScenarioGenerator.Action;
import io.simkernel.api.gen.ScenarioGenerator.Config;
import io.simkernel.api.gen.ScenarioGenerator.Family;
import io.simkernel.api.gen.SelfChecks;
import io.simkernel.kernel.Sim;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The WINDOWS, FILES and LOCKS families — each with the process tree under swarm weights and
 * under a focused fixed mix (long bodies, the family weighted high), and all nine families
 * together under swarm weights: every scenario runs in checked mode (every invariant after
 * every event), completes with every process reaped, its self-checks hold (windows.md A21-A27
 * for exit codes, waits, TerminateProcess, inheritance and KILL_ON_JOB_CLOSE; open(2)/write(2)
 * and posix-semantics FK-3 for files; no lost update under sem_open semaphores and mp.lock),
 * and a second run gives the same event hash and output.
 *
 * <p>{@code -Dsimkernel.property.wflSeeds=N} seeds per mix (default 50: 7 mixes, 350 scenarios,
 * each run twice); {@code -Dsimkernel.property.wflFirstSeed=S} moves the window.
 */
class WinFilesLocksPropertyTest {
  private static final int SEEDS = Integer.getInteger("simkernel.property.wflSeeds", 50);
  private static final long FIRST = Long.getLong("simkernel.property.wflFirstSeed", 5_000_000L);

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    for (long seed = FIRST; seed < FIRST + SEEDS; seed++) {
      for (Action a : List.of(Action.CREATEPROCESS, Action.FILE, Action.LOCK)) {
        all.add(Arguments.of(a.family().name() + " swarm", seed,
            Config.swarm(seed, EnumSet.of(Family.PROCESS, a.family()))));
        all.add(Arguments.of(a.family().name() + " focused", seed, focused(a)));
      }
      all.add(Arguments.of("all swarm", seed, Config.swarm(seed, EnumSet.allOf(Family.class))));
    }
    return all.stream();
  }

  /** The fixed mix with long bodies and the action weighted high: several blocks a scenario. */
  static Config focused(Action a) {
    return Config.defaults().withWeight(a, 8).withLimits(12, 4, 64);
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("cases")
  void runsCleanlyAndSelfChecksHold(String mix, long seed, Config config) {
    String text = new ScenarioGenerator(config).generate(seed);
    Sim.Run run = Sim.run(text);
    List<String> bad = new ArrayList<>(RunProperties.safetyAndLiveness(run, false));
    bad.addAll(SelfChecks.failures(run.stdout()));
    Sim.Run again = Sim.run(text);
    if (again.result().eventHash() != run.result().eventHash()
        || !again.stdout().equals(run.stdout())) {
      bad.add("second run differs: event hash " + Long.toHexString(again.result().eventHash())
          + " vs " + Long.toHexString(run.result().eventHash()));
    }
    if (!bad.isEmpty()) {
      fail(mix + " seed " + seed + ":\n  " + String.join("\n  ", bad)
          + "\n--- scenario ---\n" + text + "--- stdout ---\n" + run.stdout());
    }
  }
}
