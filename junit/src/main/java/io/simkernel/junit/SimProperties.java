package io.simkernel.junit;

import io.simkernel.api.gen.ScenarioGenerator;
import io.simkernel.api.gen.ScenarioGenerator.Config;
import io.simkernel.api.gen.ScenarioGenerator.Family;
import io.simkernel.api.gen.Shrinker;
import io.simkernel.api.run.RunResult;
import io.simkernel.api.run.StopReason;
import io.simkernel.api.scenario.Scenario;
import io.simkernel.api.trace.TraceEvent;
import io.simkernel.kernel.Kernel;
import io.simkernel.kernel.KernelOptions;
import io.simkernel.kernel.asm.ScenarioException;
import io.simkernel.kernel.asm.ScenarioParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * Generated scenarios as JUnit 5 dynamic tests, with the user's properties and shrinking:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> noProcessEverExitsWith3() {
 *   return SimProperties.generated(Config.defaults())
 *       .seeds(1, 200)
 *       .property("no-exit-3", run -> run.result().processes().stream()
 *           .filter(p -> p.status() == 0x300).map(p -> "pid " + p.pid() + " exited 3")
 *           .findFirst().orElse(null))
 *       .tests();
 * }
 * }</pre>
 *
 * <p>Each seed's test runs the scenario in checked mode and fails on, in this order: a scenario
 * that does not parse or a simulator exception ({@code crash}), a kernel invariant
 * ({@code invariant <name>}), a run that does not complete with every process reaped
 * ({@code liveness}, unless {@link #allowIncomplete}), a user property (its name), and a second
 * run that differs ({@code determinism}, unless {@link #skipDeterminism}). A failure is shrunk
 * (delta debugging over lines, then literals) while the same check still fails, written to
 * {@code reportDir/<name>-seed<N>.sks} (default {@code target/simkernel-junit}), and reported as
 * an {@link AssertionFailedError} whose message holds the path and the shrunk scenario.
 *
 * <p>Builders are mutable and single-use; the tests they make are independent and run in any
 * order. Everything is deterministic: a seed names a scenario, and the shrinker is seedless.
 */
public final class SimProperties {
  private final LongFunction<String> generator;
  private final Map<String, RunCheck> properties = new LinkedHashMap<>();
  private long firstSeed = 1;
  private int count = 100;
  private boolean completion = true;
  private boolean determinism = true;
  private int shrinkBudget = 2000;
  private Path reportDir = Path.of("target", "simkernel-junit");
  private String name = "simkernel";

  private SimProperties(LongFunction<String> generator) {
    this.generator = generator;
  }

  /** Scenarios from {@link ScenarioGenerator} with a fixed configuration. */
  public static SimProperties generated(Config config) {
    ScenarioGenerator g = new ScenarioGenerator(config);
    return new SimProperties(g::generate);
  }

  /** Swarm scenarios: each seed draws its own mix of the given families' actions. */
  public static SimProperties swarm(Set<Family> families) {
    Set<Family> f = EnumSet.copyOf(families);
    return new SimProperties(seed -> new ScenarioGenerator(Config.swarm(seed, f))
        .generate(seed));
  }

  /** Scenarios from any generator of the user's: a seed in, a scenario's text out. */
  public static SimProperties from(LongFunction<String> generator) {
    return new SimProperties(generator);
  }

  /** Seeds {@code first .. first+count-1}. */
  public SimProperties seeds(long first, int count) {
    this.firstSeed = first;
    this.count = count;
    return this;
  }

  /** Adds a property; its name identifies the failure for shrinking and in reports. */
  public SimProperties property(String propertyName, RunCheck check) {
    properties.put(propertyName, check);
    return this;
  }

  /** Runs stopped by a limit or a deadlock, or leaving zombies, are not failures. */
  public SimProperties allowIncomplete() {
    this.completion = false;
    return this;
  }

  /** Runs each scenario once instead of twice. */
  public SimProperties skipDeterminism() {
    this.determinism = false;
    return this;
  }

  /** At most this many candidate runs while shrinking (default 2000). */
  public SimProperties shrinkBudget(int runs) {
    this.shrinkBudget = runs;
    return this;
  }

  /** Where shrunk scenarios are written (default {@code target/simkernel-junit}). */
  public SimProperties reportTo(Path dir) {
    this.reportDir = dir;
    return this;
  }

  /** A prefix for the test and file names (default {@code simkernel}). */
  public SimProperties named(String testName) {
    this.name = testName;
    return this;
  }

  /** One dynamic test per seed. */
  public Stream<DynamicTest> tests() {
    return LongStream.range(firstSeed, firstSeed + count).mapToObj(seed ->
        DynamicTest.dynamicTest(name + " seed " + seed, () -> checkSeed(seed)));
  }

  /** Checks one seed, throwing {@link AssertionFailedError} with the shrunk scenario. */
  public void checkSeed(long seed) {
    String text = generator.apply(seed);
    String[] failure = judge(seed, text);
    if (failure == null) {
      return;
    }
    String which = failure[0];
    Shrinker.Result small = Shrinker.shrink(text, t -> {
      String[] f = judge(seed, Shrinker.bounded(t));
      return f != null && f[0].equals(which);
    }, shrinkBudget);
    String[] smallFailure = judge(seed, small.scenario());
    Path file = reportDir.resolve(name.replaceAll("[^A-Za-z0-9_.-]", "_") + "-seed" + seed
        + ".sks");
    String header = "# shrunk by simkernel-junit from seed " + seed + " (" + small.originalLines()
        + " lines) to " + small.lines() + " lines\n# failure: " + which + ": "
        + smallFailure[1].replace('\n', ' ') + "\n";
    try {
      Files.createDirectories(reportDir);
      Files.writeString(file, header + small.scenario(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    throw new AssertionFailedError("seed " + seed + " fails " + which + ": " + failure[1]
        + "\nshrunk from " + small.originalLines() + " to " + small.lines() + " lines in "
        + small.attempts() + " runs: " + file.toAbsolutePath() + "\n" + small.scenario());
  }

  /** Null when every check passes, else {name, evidence} of the first that fails. */
  private String[] judge(long seed, String text) {
    Scenario s;
    try {
      s = ScenarioParser.parse("generated.sks", text);
    } catch (ScenarioException e) {
      return new String[] {"crash", e.format()};
    }
    SimRun run;
    try {
      run = run(seed, text, s);
    } catch (RuntimeException e) {
      return new String[] {"crash", String.valueOf(e)};
    }
    RunResult r = run.result();
    if (r.reason() == StopReason.INVARIANT_VIOLATION) {
      int colon = r.detail().indexOf(':');
      return new String[] {"invariant " + (colon > 0 ? r.detail().substring(0, colon)
          : r.detail()), r.detail()};
    }
    if (completion && (r.reason() != StopReason.COMPLETED || !r.zombies().isEmpty())) {
      return new String[] {"liveness", r.reason() + " " + r.detail() + " zombies "
          + r.zombies()};
    }
    for (Map.Entry<String, RunCheck> p : properties.entrySet()) {
      String v = p.getValue().violation(run);
      if (v != null) {
        return new String[] {p.getKey(), v};
      }
    }
    if (determinism) {
      RunResult again = run(seed, text, s).result();
      if (again.eventHash() != r.eventHash()) {
        return new String[] {"determinism", "event hash " + Long.toHexString(r.eventHash())
            + " then " + Long.toHexString(again.eventHash())};
      }
    }
    return null;
  }

  private static SimRun run(long seed, String text, Scenario s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<TraceEvent> events = new ArrayList<>();
    RunResult r = Kernel.boot(s, KernelOptions.of(out, err).withChecked(true)
        .withSink(events::add)).run();
    return new SimRun(seed, text, r, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8), List.copyOf(events));
  }
}
