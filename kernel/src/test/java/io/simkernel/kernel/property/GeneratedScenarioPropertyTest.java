package io.simkernel.kernel.property;

import static org.junit.jupiter.api.Assertions.fail;

import io.simkernel.api.gen.ScenarioGenerator;
import io.simkernel.api.gen.ScenarioGenerator.Config;
import io.simkernel.api.gen.ScenarioGenerator.Generated;
import io.simkernel.kernel.Sim;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property tests of the process lifecycle over generated scenarios: for each seed a scenario is
 * generated and run in checked mode (every kernel invariant after every event); then the run's
 * end-of-run properties are checked (RunProperties), its reparentings replayed against a model
 * (ReparentModel) and every result the programs printed held against the trace (ConsoleModel).
 * A failure names the seed and prints the scenario, which reproduces it as it is:
 * {@code simkernel run} it, or paste it into {@code Sim.run}.
 *
 * <p>How many seeds: {@code -Dsimkernel.property.seeds=N} (default 500, with fixed weights; a
 * sixth of them again under a time limit), {@code -Dsimkernel.property.swarmSeeds=N} (default
 * 500, with per-seed swarm weights) and {@code -Dsimkernel.property.firstSeed=S} (default 1).
 * Each seed costs about 3 ms (three runs: two checked, one not), so the defaults take a few
 * seconds on two cores; a nightly run can raise them a hundredfold.
 */
class GeneratedScenarioPropertyTest {
  private static final long FIRST = Long.getLong("simkernel.property.firstSeed", 1);
  private static final int SEEDS = Integer.getInteger("simkernel.property.seeds", 500);
  private static final int SWARM_SEEDS = Integer.getInteger("simkernel.property.swarmSeeds", 500);
  /**
   * How soon the built-in init must reap a zombie child: generous against the cost model's
   * reap cost (14 us), far below the gaps between a scenario's exits.
   */
  private static final long INIT_REAP_BOUND_NS = 1_000_000L;
  /** Short enough that most generated runs are cut off by it. */
  private static final long TIME_LIMIT_NS = 2_000_000L;

  static LongStream seeds() {
    return LongStream.range(FIRST, FIRST + SEEDS);
  }

  static LongStream swarmSeeds() {
    // apart from the default seeds, so that a seed number alone says which family failed
    return LongStream.range(FIRST + 1_000_000, FIRST + 1_000_000 + SWARM_SEEDS);
  }

  static LongStream limitedSeeds() {
    return LongStream.range(FIRST, FIRST + Math.max(1, SEEDS / 6));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void generatedScenarioRunsCleanAndReapsEveryZombie(long seed) {
    check(new ScenarioGenerator(Config.defaults()).generateWithFacts(seed), "default", false);
  }

  @ParameterizedTest(name = "swarm seed {0}")
  @MethodSource("swarmSeeds")
  void swarmScenarioRunsCleanAndReapsEveryZombie(long seed) {
    check(new ScenarioGenerator(Config.swarm(seed)).generateWithFacts(seed), "swarm", false);
  }

  /**
   * A time limit stops a run in the middle of anything — a wait, a reparenting, a kill — and the
   * run must still be free of violations, end cleanly with TIME_LIMIT or COMPLETED, and be
   * deterministic.
   */
  @ParameterizedTest(name = "time-limited seed {0}")
  @MethodSource("limitedSeeds")
  void timeLimitedScenarioStopsCleanlyAtTheLimit(long seed) {
    Config c = Config.defaults().withTimeLimitNs(TIME_LIMIT_NS);
    check(new ScenarioGenerator(c).generateWithFacts(seed), "time-limited", true);
  }

  private static void check(Generated g, String kind, boolean limited) {
    Sim.Run run = Sim.run(g.text());
    List<String> bad = new ArrayList<>(RunProperties.safetyAndLiveness(run, limited));
    if (bad.isEmpty()) {
      bad.addAll(RunProperties.conservation(run));
      bad.addAll(RunProperties.matchesGenerator(g, run));
      bad.addAll(ReparentModel.check(run));
      bad.addAll(ConsoleModel.check(g, run));
      bad.addAll(RunProperties.initReapsPromptly(run, INIT_REAP_BOUND_NS));
      bad.addAll(RunProperties.leaksNameLiveParents(run, INIT_REAP_BOUND_NS));
      bad.addAll(RunProperties.determinism(run, Sim.run(g.text()), Sim.runFast(g.text())));
    }
    if (!bad.isEmpty()) {
      fail(report(g, kind, run, bad));
    }
  }

  /** Everything needed to reproduce and understand a failure, in one assertion message. */
  static String report(Generated g, String kind, Sim.Run run, List<String> bad) {
    StringBuilder sb = new StringBuilder();
    sb.append(kind).append(" seed ").append(g.seed()).append(": ").append(bad.size())
        .append(" propert").append(bad.size() == 1 ? "y" : "ies").append(" broken\n");
    for (String b : bad) {
      sb.append("  - ").append(b).append('\n');
    }
    sb.append("result: ").append(run.result().reason()).append(", ")
        .append(run.result().events()).append(" events, ").append(run.result().virtualNs())
        .append(" ns\n--- scenario (reproduces as is) ---\n").append(g.text())
        .append("--- stdout ---\n").append(run.stdout());
    if (!run.stderr().isEmpty()) {
      sb.append("--- stderr ---\n").append(run.stderr());
    }
    return sb.toString();
  }
}
