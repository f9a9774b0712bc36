package io.simkernel.cli;

import static io.simkernel.cli.SweepFixtures.maskCsv;
import static io.simkernel.cli.SweepFixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped experiment and cluster script: fork cost follows the real-Linux curve with the
 * calibrated cost model, and docs/slurm-sweep.sh shards and merges as documented.
 */
class ExampleExperimentTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @TempDir
  Path dir;

  @Test
  void forkCostHasTheShapeOfTheRealLinuxCurve() throws IOException {
    Path csv = dir.resolve("fork-cost.csv");
    CliHarness.Outcome o = CliHarness.run("sweep", "--quiet",
        ROOT.resolve("examples/experiments/fork-cost.sks").toString(), "-D", "mib=0,64,1024",
        "-D", "fork=classic,ondemand", "-o", csv.toString());
    assertEquals(0, o.status(), o.stderr());
    List<String> lines = read(csv).lines().toList();
    List<String> header = List.of(lines.get(0).split(","));
    Map<String, long[]> classic = Map.of("0", new long[] {40_000, 43_000, 115_000, 125_000},
        "64", new long[] {1_050_000, 1_250_000, 2_200_000, 2_450_000},
        "1024", new long[] {16_500_000, 17_500_000, 34_500_000, 36_500_000});
    int checked = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split(",");
      long fork = Long.parseLong(c[header.indexOf("fork_ns")]);
      long cycle = Long.parseLong(c[header.indexOf("cycle_ns")]);
      assertEquals("0", c[header.indexOf("exit_status")]);
      if (c[1].equals("classic")) { // real medians: 40.9 µs, 1.1 ms, 17.2 ms; 121 µs, 2.3 ms, 35.6 ms
        long[] r = classic.get(c[0]);
        assertTrue(fork >= r[0] && fork <= r[1], line);
        assertTrue(cycle >= r[2] && cycle <= r[3], line);
      } else { // shared page tables: the empty process's cost at every size
        assertTrue(fork < 43_000 && cycle < 125_000, line);
      }
      checked++;
    }
    assertEquals(6, checked);
  }

  @Test
  void theSlurmScriptRunsShardsAndMergesThemIntoTheUnshardedResult() throws Exception {
    SweepFixtures.write(dir, "tiny.sks", SweepFixtures.TINY);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String simkernel = java + " -cp " + System.getProperty("java.class.path") + " "
        + Main.class.getName();
    for (String task : new String[] {"0", "1", "merge"}) {
      ProcessBuilder pb = new ProcessBuilder("bash", ROOT.resolve("docs/slurm-sweep.sh")
          .toString()).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(dir.resolve("slurm-" + task + ".log").toFile());
      if (task.equals("merge")) {
        pb.command().add("merge");
      } else {
        pb.environment().put("SLURM_ARRAY_TASK_ID", task);
        pb.environment().put("SLURM_ARRAY_TASK_COUNT", "2");
        pb.environment().put("SLURM_CPUS_PER_TASK", "1");
      }
      pb.environment().put("SIMKERNEL", simkernel);
      pb.environment().put("SCENARIO", "tiny.sks");
      pb.environment().put("GRID", "-D n=1,2 -D mode=a,b");
      pb.environment().put("SEEDS", "1..2");
      Process p = pb.start();
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
      assertEquals(0, p.exitValue(), () -> readQuietly(dir.resolve("slurm-" + task + ".log")));
    }
    assertEquals(0, CliHarness.run("sweep", "--quiet", dir.resolve("tiny.sks").toString(), "-D",
        "n=1,2", "-D", "mode=a,b", "--seeds", "1..2", "-o", dir.resolve("whole.csv").toString())
        .status());
    assertEquals(maskCsv(read(dir.resolve("whole.csv"))),
        maskCsv(read(dir.resolve("results" + File.separator + "all.csv"))));
    assertTrue(Files.exists(dir.resolve("results/shard-1-of-2.jsonl")));
  }

  private static String readQuietly(Path p) {
    try {
      return read(p);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
