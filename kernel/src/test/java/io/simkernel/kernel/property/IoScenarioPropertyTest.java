package io.simkernel.kernel.property;

import static org.junit.jupiter.api.Assertions.fail;

import io.simkernel.api.gen.ScenarioGenerator;
import io.simkernel.api.gen.ScenarioGenerator.Config;
import io.simkernel.api.gen.ScenarioGenerator.Family;
import io.simkernel.api.gen.SelfChecks;
import io.simkernel.kernel.Sim;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated scenarios mixing every family — process trees, SIGCHLD ignored, exec (and failing
 * execs), pipes across fork (end-of-file, partial and blocking writes, SIGPIPE/EPIPE, dup2) and
 * anonymous memory across fork (MAP_PRIVATE copy-on-write isolation, MAP_SHARED sharing) — under
 * swarm weights: each runs in checked mode (every invariant after every event), completes with
 * every process reaped, its self-checks hold (posix-semantics section 18 for memory, pipe(7) for
 * pipes: {@code -> A expect B} lines), and a second run gives the same event hash.
 *
 * <p>{@code -Dsimkernel.property.ioSeeds=N} (default 300).
 */
class IoScenarioPropertyTest {
  private static final int SEEDS = Integer.getInteger("simkernel.property.ioSeeds", 300);

  static LongStream seeds() {
    return LongStream.range(3_000_000, 3_000_000 + SEEDS);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyFamilyTogetherRunsCleanly(long seed) {
    Config c = Config.swarm(seed, EnumSet.allOf(Family.class));
    String text = new ScenarioGenerator(c).generate(seed);
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
      fail("seed " + seed + ":\n  " + String.join("\n  ", bad) + "\n--- scenario ---\n" + text
          + "--- stdout ---\n" + run.stdout());
    }
  }
}
