package io.simkernel.cli.sweep;

import com.google.common.hash.Hashing;
import io.simkernel.api.run.RunResult;
import io.simkernel.api.scenario.Scenario;
import io.simkernel.kernel.Kernel;
import io.simkernel.kernel.KernelOptions;
import io.simkernel.kernel.asm.ScenarioException;
import io.simkernel.kernel.asm.ScenarioParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a sweep: the grid's runs (or one shard of them) not already in the result files, in
 * parallel, one simulation per task; then writes every row of the grid, sorted, to the CSV and
 * the JSON Lines. See the package documentation for why each choice keeps results independent
 * of threads, shards and history.
 */
public final class Sweep {
  /**
   * What to run and where the results go.
   *
   * @param scenarioName the scenario's path as the user gave it (messages, reproduce commands)
   * @param progress where the progress bar goes, or null for none
   * @param notes where notes (reused and dropped rows) go
   */
  public record Config(String scenarioName, String scenarioText, Map<String, List<String>> swept,
      List<Long> reps, Path csv, Path jsonl, int jobs, int shardIndex, int shardCount,
      boolean fresh, boolean checked, String version, PrintStream progress, PrintStream notes) {}

  /** What a sweep did: the runs it made, reused and dropped, and the rows it wrote. */
  public record Outcome(int ran, int reused, int dropped, int failed, List<Row> rows) {}

  private final Config c;
  private final String hash;

  private Sweep(Config c) {
    this.c = c;
    this.hash = Hashing.sha256().hashString(c.scenarioText(), StandardCharsets.UTF_8).toString();
  }

  /**
   * Runs it.
   *
   * @throws ScenarioException when the scenario, at some grid point, does not assemble
   * @throws IllegalArgumentException for a parameter the scenario does not declare, or result
   *     files that are not a sweep's
   */
  public static Outcome run(Config c) throws IOException, InterruptedException {
    return new Sweep(c).run();
  }

  private Outcome run() throws IOException, InterruptedException {
    Map<String, String> declared = ScenarioParser.parameters(c.scenarioName(), c.scenarioText());
    for (String name : declared.keySet()) {
      if (Row.STATS.contains(name) || Row.PROVENANCE.contains(name)) {
        throw new IllegalArgumentException(c.scenarioName() + ": the parameter `" + name
            + "` has the name of a result column; expected a parameter name other than "
            + String.join(", ", Row.STATS) + ", " + String.join(", ", Row.PROVENANCE));
      }
    }
    Grid grid = Grid.of(declared, c.swept(), c.reps());
    List<Task> tasks = grid.shard(c.shardIndex(), c.shardCount());
    Map<Point, Scenario> scenarios = assemble(tasks);
    Map<String, Row> previous = c.fresh() ? Map.of() : previous();
    List<Task> todo = new ArrayList<>();
    int reused = 0;
    for (Task t : tasks) {
      Row old = previous.get(t.key());
      if (old != null && old.completes(t, c.version(), hash)) {
        reused++;
      } else {
        todo.add(t);
      }
    }
    int dropped = dropped(previous, tasks);
    List<Row> fresh = execute(todo, scenarios, tasks.size(), reused);
    Map<String, Row> byKey = new LinkedHashMap<>();
    fresh.forEach(r -> byKey.put(r.key(), r));
    List<Row> rows = new ArrayList<>();
    for (Task t : tasks) {
      rows.add(byKey.containsKey(t.key()) ? byKey.get(t.key()) : previous.get(t.key()));
    }
    Collections.sort(rows); // tasks are in canonical order already; this states the contract
    ResultFiles.writeAtomically(c.csv(), ResultFiles.csv(List.copyOf(declared.keySet()), rows));
    ResultFiles.writeAtomically(c.jsonl(), ResultFiles.jsonl(rows));
    int failed = (int) rows.stream().filter(r -> r.exitStatus() == Row.TOOL_FAILED).count();
    return new Outcome(todo.size(), reused, dropped, failed, rows);
  }

  /** Assembles the scenario once per point, before anything runs: a bad value stops it all. */
  private Map<Point, Scenario> assemble(List<Task> tasks) {
    Map<Point, Scenario> out = new LinkedHashMap<>();
    for (Task t : tasks) {
      if (!out.containsKey(t.point())) {
        try {
          out.put(t.point(), ScenarioParser.parse(c.scenarioName(), c.scenarioText(),
              t.point().asMap()));
        } catch (ScenarioException e) {
          throw new ScenarioException(e.file(), e.line(), e.column(), e.message()
              + " [at the grid point " + t.point().describe() + "]");
        }
      }
    }
    return out;
  }

  /** Rows already written: the CSV's, then the JSON Lines' (later lines win: the journal). */
  private Map<String, Row> previous() throws IOException {
    Map<String, Row> rows = new LinkedHashMap<>();
    if (Files.exists(c.csv())) {
      ResultFiles.readCsv(c.csv()).rows().forEach(r -> rows.put(r.key(), r));
    }
    if (Files.exists(c.jsonl())) {
      ResultFiles.Loaded j = ResultFiles.readJsonl(c.jsonl(), false);
      j.rows().forEach(r -> rows.put(r.key(), r));
      if (j.badLines() > 0) {
        c.notes().println("simkernel: note: " + j.badLines() + " unreadable line(s) of "
            + c.jsonl() + " skipped (a sweep interrupted while writing?); those runs are redone");
      }
    }
    return rows;
  }

  private int dropped(Map<String, Row> previous, List<Task> tasks) {
    if (previous.isEmpty()) {
      return 0;
    }
    java.util.Set<String> keys = new java.util.HashSet<>(); // membership only
    tasks.forEach(t -> keys.add(t.key()));
    int n = (int) previous.keySet().stream().filter(k -> !keys.contains(k)).count();
    if (n > 0) {
      c.notes().println("simkernel: note: " + n + " row(s) of " + c.csv() + " are not in this"
          + " grid" + (c.shardCount() > 1 ? " shard" : "") + " and are left out of the new file");
    }
    return n;
  }

  /** Runs the tasks on {@code jobs} threads; each finished row goes to the journal at once. */
  private List<Row> execute(List<Task> todo, Map<Point, Scenario> scenarios, int total,
      int done) throws IOException, InterruptedException {
    List<Row> rows = new ArrayList<>();
    if (todo.isEmpty()) {
      return rows;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, c.jobs()), threads());
    OpenOption[] mode = c.fresh()
        ? new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE}
        : new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.APPEND};
    Path dir = c.jsonl().toAbsolutePath().getParent();
    Files.createDirectories(dir);
    boolean cut = !c.fresh() && endsInsideALine(c.jsonl());
    try (BufferedWriter journal = Files.newBufferedWriter(c.jsonl(), StandardCharsets.UTF_8,
        mode); Progress bar = Progress.start("sweep", total, done, c.progress())) {
      if (cut) {
        journal.write('\n'); // after the half line of a killed sweep: keep the next one whole
      }
      CompletionService<Row> cs = new ExecutorCompletionService<>(pool);
      for (Task t : todo) {
        cs.submit(() -> runOne(t, scenarios.get(t.point())));
      }
      for (int i = 0; i < todo.size(); i++) {
        Row r = cs.take().get();
        journal.write(ResultFiles.jsonLine(r));
        journal.flush(); // a killed sweep keeps every run it finished
        rows.add(r);
        bar.step();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("a sweep task failed outside its run", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return rows;
  }

  private static boolean endsInsideALine(Path file) throws IOException {
    if (!Files.exists(file) || Files.size(file) == 0) {
      return false;
    }
    try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(file)) {
      java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
      ch.position(ch.size() - 1).read(last);
      return last.get(0) != '\n';
    }
  }

  private static ThreadFactory threads() {
    AtomicInteger n = new AtomicInteger();
    // the command-line launcher gives the main thread 4 MiB of stack; simulations get the same
    return r -> {
      Thread t = new Thread(null, r, "simkernel-sweep-" + n.incrementAndGet(), 4L << 20);
      t.setDaemon(true);
      return t;
    };
  }

  /** One simulation: its own kernel, its console discarded, nothing shared with the others. */
  private Row runOne(Task t, Scenario base) {
    String reproduce = "simkernel run " + c.scenarioName()
        + (t.point().names().isEmpty() ? "" : " " + t.point().defines()) + " --seed " + t.seed();
    try {
      Scenario s = base.withConfig(base.config().withSeed(t.seed()));
      ZombieCounter zombies = new ZombieCounter();
      KernelOptions o = KernelOptions.of(OutputStream.nullOutputStream(),
          OutputStream.nullOutputStream()).withChecked(c.checked()).withSink(zombies);
      RunResult r = Kernel.boot(s, o).run();
      return Row.of(t, r, zombies.max(), c.version(), hash, reproduce);
    } catch (RuntimeException | StackOverflowError e) {
      // a simulator bug in one run must not lose the others: recorded, and redone on resume
      return Row.failed(t, e.toString(), c.version(), hash, reproduce);
    }
  }
}
