package io.simkernel.cli;

import io.simkernel.api.gen.ScenarioGenerator;
import io.simkernel.api.gen.Shrinker;
import io.simkernel.cli.check.Failure;
import io.simkernel.cli.check.Property;
import io.simkernel.cli.check.SeedChecker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code simkernel check}: runs generated scenarios for a range of seeds in checked mode, and
 * shrinks the first failure to a minimal scenario (see {@link io.simkernel.cli.check}).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Property-tests the kernel on generated scenarios and shrinks a failure.",
        "Each seed's scenario runs in checked mode (every invariant after every event), twice",
        "(the runs must agree event for event), and is judged by the liveness rules and any",
        "--property. The first failure is shrunk to a minimal .sks scenario in the output",
        "directory; its path and the command that reproduces it are printed.",
        "Exit status: 0 when every seed passed, 1 on a failure, 125 for a bad command line."})
final class CheckCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--seeds", paramLabel = "A..B", description = "seeds to run (default 1..1000)")
  String seeds = "1..1000";

  @Option(names = "--time", paramLabel = "DURATION",
      description = "stop starting new seeds after this much wall time (e.g. 60s, 10m)")
  String time;

  @Option(names = "--swarm", description = "randomise the generator's mix per seed (swarm testing)")
  boolean swarm;

  @Option(names = "--families", paramLabel = "LIST", split = ",",
      description = "operation families to generate: process (default), autoreap, exec, pipe,"
          + " memory, windows, files, locks, or all")
  List<String> families = new ArrayList<>(List.of("process"));

  @Option(names = "--property", paramLabel = "P",
      description = "a property every run must have: max-zombies=N, no-exit-status=N")
  List<String> properties = new ArrayList<>();

  @Option(names = "--scenario", paramLabel = "FILE",
      description = "check this scenario file instead of generated ones")
  Path scenario;

  @Option(names = "--threads", paramLabel = "N", description = "parallel runs (default: all cores)")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--max-shrink", paramLabel = "N", description = "candidate runs while shrinking")
  int maxShrink = 3000;

  @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", description = "where the shrunk"
      + " scenario is written (default: the current directory)")
  Path outputDir = Path.of(".");

  @Option(names = "--plant-bug", paramLabel = "NAME", hidden = true,
      description = "switch on a deliberate kernel bug (to test the checker)")
  List<String> plantedBugs = new ArrayList<>();

  @Override
  public Integer call() throws IOException, InterruptedException {
    long[] range = parseSeeds();
    long budgetNs = time == null ? Long.MAX_VALUE : parseDuration(time);
    List<Property> props = new ArrayList<>();
    try {
      for (String p : properties) {
        props.add(Property.parse(p));
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    for (String b : plantedBugs) {
      if (!knownBugs().contains(b)) {
        throw new ParameterException(spec.commandLine(), "no planted bug named `" + b
            + "`; expected one of " + new TreeSet<>(knownBugs()));
      }
    }
    EnumSet<ScenarioGenerator.Family> mix = parseFamilies();
    SeedChecker checker = new SeedChecker(props, new TreeSet<>(plantedBugs));
    PrintStream err = System.err;
    if (scenario != null) {
      String text = Files.readString(scenario, StandardCharsets.UTF_8);
      Failure f = checker.check(text);
      if (f == null) {
        err.println("check: " + scenario + " passes");
        return 0;
      }
      return report(checker, -1, text, f);
    }
    ScenarioGenerator.Config defaults = ScenarioGenerator.Config.defaults();
    for (ScenarioGenerator.Action a : ScenarioGenerator.Action.values()) {
      if (a.family() != ScenarioGenerator.Family.PROCESS && mix.contains(a.family())) {
        defaults = defaults.withWeight(a, 1);
      }
    }
    ScenarioGenerator gen = new ScenarioGenerator(defaults);
    long start = System.nanoTime(); // wall time bounds the search only; it never enters a run
    Progress progress = new Progress(err, range[1] - range[0] + 1);
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      long batch = Math.max(1, threads) * 8L;
      for (long from = range[0]; from <= range[1]; from += batch) {
        if (System.nanoTime() - start > budgetNs) {
          err.println("check: time budget reached after " + progress.done + " seeds");
          break;
        }
        List<Future<Failure>> futures = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (long seed = from; seed < from + batch && seed <= range[1]; seed++) {
          String text = generate(gen, mix, seed);
          texts.add(text);
          futures.add(pool.submit(() -> checker.check(text)));
        }
        for (int i = 0; i < futures.size(); i++) {
          Failure f = futures.get(i).get();
          progress.step();
          if (f != null) { // the lowest failing seed of the batch: deterministic
            progress.finish();
            return report(checker, from + i, texts.get(i), f);
          }
        }
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    progress.finish();
    err.printf(Locale.ROOT, "check: %d seeds passed (%s)%n", progress.done, range[0] + ".."
        + (range[0] + progress.done - 1));
    return 0;
  }

  private String generate(ScenarioGenerator defaults, EnumSet<ScenarioGenerator.Family> mix,
      long seed) {
    if (!swarm) {
      return defaults.generate(seed);
    }
    return new ScenarioGenerator(ScenarioGenerator.Config.swarm(seed, mix)).generate(seed);
  }

  private EnumSet<ScenarioGenerator.Family> parseFamilies() {
    EnumSet<ScenarioGenerator.Family> mix = EnumSet.noneOf(ScenarioGenerator.Family.class);
    for (String f : families) {
      if (f.equals("all")) {
        mix.addAll(EnumSet.allOf(ScenarioGenerator.Family.class));
        continue;
      }
      try {
        mix.add(ScenarioGenerator.Family.valueOf(f.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "no family named `" + f
            + "`; expected process, autoreap, exec, pipe, memory, windows, files, locks or all");
      }
    }
    mix.add(ScenarioGenerator.Family.PROCESS); // the tree the other families live in
    return mix;
  }

  private int report(SeedChecker checker, long seed, String text, Failure f) throws IOException {
    PrintStream err = System.err;
    err.println("check: " + (seed >= 0 ? "seed " + seed : scenario.toString()) + " fails: " + f);
    Shrinker.Result r = Shrinker.shrink(text,
        candidate -> f.sameAs(checker.check(Shrinker.bounded(candidate))), maxShrink);
    String name = seed >= 0 ? "simkernel-check-seed" + seed + ".sks" : "simkernel-check-shrunk.sks";
    Path out = outputDir.resolve(name);
    StringBuilder sb = new StringBuilder();
    sb.append("# shrunk by simkernel check from ").append(seed >= 0 ? "seed " + seed : scenario)
        .append(" (").append(r.originalLines()).append(" lines) to ").append(r.lines())
        .append(" lines\n# failure: ").append(f.toString().replace('\n', ' ')).append('\n');
    sb.append("# reproduce: ").append(reproduce(out)).append('\n');
    sb.append(r.scenario());
    Files.writeString(out, sb.toString(), StandardCharsets.UTF_8);
    err.printf(Locale.ROOT, "check: shrunk from %d to %d lines in %d runs: %s%n",
        r.originalLines(), r.lines(), r.attempts(), out);
    err.println("reproduce: " + reproduce(out));
    return 1;
  }

  private String reproduce(Path file) {
    StringBuilder sb = new StringBuilder("simkernel check --scenario ").append(file);
    for (String p : properties) {
      sb.append(" --property ").append(p);
    }
    for (String b : new TreeSet<>(plantedBugs)) {
      sb.append(" --plant-bug ").append(b);
    }
    return sb.toString();
  }

  private long[] parseSeeds() {
    String[] parts = seeds.split("\\.\\.", -1);
    try {
      long a = Long.parseLong(parts[0].trim());
      long b = parts.length > 1 ? Long.parseLong(parts[1].trim()) : a;
      if (parts.length > 2 || b < a) {
        throw new NumberFormatException();
      }
      return new long[] {a, b};
    } catch (NumberFormatException e) {
      throw new ParameterException(spec.commandLine(), "bad --seeds `" + seeds
          + "`; expected A..B with A <= B, e.g. 1..10000");
    }
  }

  private long parseDuration(String d) {
    String s = d.trim();
    long unit;
    String num;
    if (s.endsWith("ms")) {
      unit = 1_000_000L;
      num = s.substring(0, s.length() - 2);
    } else if (s.endsWith("s")) {
      unit = 1_000_000_000L;
      num = s.substring(0, s.length() - 1);
    } else if (s.endsWith("m")) {
      unit = 60_000_000_000L;
      num = s.substring(0, s.length() - 1);
    } else if (s.endsWith("h")) {
      unit = 3_600_000_000_000L;
      num = s.substring(0, s.length() - 1);
    } else {
      throw new ParameterException(spec.commandLine(), "bad --time `" + d
          + "`; expected a duration such as 60s, 10m or 1h");
    }
    try {
      return Math.multiplyExact(Long.parseLong(num), unit);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new ParameterException(spec.commandLine(), "bad --time `" + d
          + "`; expected a duration such as 60s, 10m or 1h");
    }
  }

  /** A progress line on stderr: rewritten in place on a terminal, every 10 % otherwise. */
  private static final class Progress {
    private final PrintStream err;
    private final long total;
    private final boolean terminal = System.console() != null;
    private final long start = System.nanoTime();
    long done;
    private long lastPrinted;

    Progress(PrintStream err, long total) {
      this.err = err;
      this.total = total;
    }

    void step() {
      done++;
      long now = System.nanoTime();
      boolean tenth = done * 10 / total != (done - 1) * 10 / total;
      if (terminal ? now - lastPrinted > 200_000_000L : tenth) {
        lastPrinted = now;
        double rate = done / Math.max(1e-9, (now - start) / 1e9);
        String line = String.format(Locale.ROOT, "check: %d/%d seeds, %.0f seeds/s", done, total,
            rate);
        err.print(terminal ? "\r" + line : line + "\n");
      }
    }

    void finish() {
      if (terminal) {
        err.print("\r");
      }
    }
  }

  static Set<String> knownBugs() {
    return Set.of(io.simkernel.kernel.KernelOptions.BUG_INIT_FORGETS_ORPHANS);
  }
}
