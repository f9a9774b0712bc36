package io.simkernel.cli;

import io.simkernel.cli.sweep.Defines;
import io.simkernel.cli.sweep.ResultFiles;
import io.simkernel.cli.sweep.ScenarioFiles;
import io.simkernel.cli.sweep.Sweep;
import io.simkernel.kernel.asm.ScenarioException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code simkernel sweep FILE.sks -D name=v1,v2 ... [--seeds 1..20] [-o results.csv]}: runs a
 * scenario over a grid of parameter values and replicates. The logic lives in
 * {@link io.simkernel.cli.sweep}; this class is the command line.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = {"Runs a scenario over a grid of parameters and seeds, on every core.",
        "One CSV row per run (parameters, seed, exit status, counters, metrics,",
        "provenance) and a JSON Lines record with its detail. Rerunning skips the",
        "runs already in the files."})
final class SweepCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE.sks", description = "the scenario, with `param` declarations")
  Path file;

  @Option(names = "-D", paramLabel = "NAME=V1,V2,...",
      description = "values of a parameter: a list, or an integer range FROM..TO[:STEP]")
  List<String> defines = new ArrayList<>();

  @Option(names = "--seeds", paramLabel = "RANGE", defaultValue = "1",
      description = "replicates of every point, as in 1..20 or 1,2,5 (default: ${DEFAULT-VALUE});"
          + " each run's seed is derived from its point and replicate")
  String seeds;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE.csv",
      description = "the CSV (default: the scenario's name with .csv, in the current directory);"
          + " the JSON Lines go beside it, with .jsonl")
  Path output;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N",
      description = "simulations at once (default: the number of cores)")
  Integer jobs;

  @Option(names = "--shard", paramLabel = "I/N",
      description = "run only shard I of N (0 <= I < N) of the grid; `simkernel merge` joins them")
  String shard;

  @Option(names = "--fresh", description = "ignore results already in the output files")
  boolean fresh;

  @Option(names = "--no-progress", description = "no progress bar")
  boolean noProgress;

  @Option(names = "--quiet", description = "no progress bar and no summary")
  boolean quiet;

  @Option(names = "--checked", description = "check every kernel invariant after every event")
  boolean checked;

  @Override
  public Integer call() throws IOException, InterruptedException {
    String text = ScenarioFiles.read(file);
    if (text == null) {
      return Main.EXIT_TOOL_FAILED;
    }
    int[] sh = shard();
    Path csv = output != null ? output : Path.of(stem(file) + ".csv");
    Sweep.Config config;
    try {
      config = new Sweep.Config(file.toString(), text, Defines.lists(defines),
          Defines.seeds(seeds), csv, ResultFiles.jsonlFor(csv),
          jobs != null ? jobs : Runtime.getRuntime().availableProcessors(), sh[0], sh[1], fresh,
          checked, Main.version(), quiet || noProgress ? null : System.err, System.err);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Sweep.Outcome out;
    try {
      out = Sweep.run(config);
    } catch (ScenarioException e) {
      System.err.println(e.format());
      return Main.EXIT_TOOL_FAILED;
    } catch (IllegalArgumentException e) {
      System.err.println("simkernel: " + e.getMessage());
      return Main.EXIT_TOOL_FAILED;
    }
    if (!quiet) {
      PrintStream err = System.err;
      err.printf("simkernel sweep: %d runs (%d run now, %d already done) → %s, %s%n",
          out.rows().size(), out.ran(), out.reused(), csv, config.jsonl());
    }
    if (out.failed() > 0) {
      System.err.println("simkernel: " + out.failed() + " run(s) failed inside simkernel"
          + " (exit_status 125; the JSON Lines say why); rerunning the sweep retries them");
      return Main.EXIT_TOOL_FAILED;
    }
    return 0;
  }

  private int[] shard() {
    if (shard == null) {
      return new int[] {0, 1};
    }
    String[] p = shard.split("/", -1);
    try {
      int i = Integer.parseInt(p[0]);
      int n = Integer.parseInt(p[1]);
      if (p.length == 2 && n >= 1 && i >= 0 && i < n) {
        return new int[] {i, n};
      }
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      // reported below
    }
    throw new CommandLine.ParameterException(spec.commandLine(), "--shard " + shard
        + ": expected I/N with 0 <= I < N, as in --shard 0/4 (Slurm: $SLURM_ARRAY_TASK_ID/N)");
  }

  private static String stem(Path p) {
    String name = p.getFileName().toString();
    return name.endsWith(".sks") ? name.substring(0, name.length() - 4) : name;
  }
}
