package io.simkernel.cli;

import static io.simkernel.cli.SweepFixtures.maskCsv;
import static io.simkernel.cli.SweepFixtures.maskJsonl;
import static io.simkernel.cli.SweepFixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --shard i/n} and {@code simkernel merge}: shards run apart, merged, equal the whole. */
class MergeCommandTest {
  @TempDir
  Path dir;

  private static final String[] GRID = {"-D", "n=1,2,3", "-D", "mode=a,b", "--seeds", "1..2"};

  private String[] sweep(String out, String... extra) {
    String[] head = {"sweep", "tiny.sks", "--quiet", "-j", "1", "-o", out};
    String[] all = new String[head.length + GRID.length + extra.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(GRID, 0, all, head.length, GRID.length);
    System.arraycopy(extra, 0, all, head.length + GRID.length, extra.length);
    return all;
  }

  @Test
  void shardsRunAsSeparateProcessesMergeIntoExactlyTheUnshardedResult() throws Exception {
    SweepFixtures.write(dir, "tiny.sks", SweepFixtures.TINY);
    assertEquals(0, SweepFixtures.runProcess(dir, sweep("s0.csv", "--shard", "0/3")),
        () -> log());
    assertEquals(0, SweepFixtures.runProcess(dir, sweep("s1.csv", "--shard", "1/3")),
        () -> log());
    assertEquals(0, SweepFixtures.runProcess(dir, sweep("s2.csv", "--shard", "2/3")),
        () -> log());
    assertEquals(0, SweepFixtures.runProcess(dir, sweep("all.csv")), () -> log());
    assertEquals(0, SweepFixtures.runProcess(dir, "merge", "s2.csv", "s0.csv", "s1.csv", "-o",
        "merged.csv"), () -> log());
    String all = read(dir.resolve("all.csv"));
    assertEquals(1 + 12, all.lines().count());
    for (int i = 0; i < 3; i++) {
      assertEquals(1 + 4, read(dir.resolve("s" + i + ".csv")).lines().count(), "a third each");
    }
    assertEquals(maskCsv(all), maskCsv(read(dir.resolve("merged.csv"))));
    assertEquals(maskJsonl(read(dir.resolve("all.jsonl"))),
        maskJsonl(read(dir.resolve("merged.jsonl"))));
  }

  @Test
  void mergingInProcessKeepsEveryCellAndTheDetail() throws IOException {
    SweepFixtures.write(dir, "tiny.sks", SweepFixtures.TINY);
    Path cwd = dir;
    String[] s0 = sweep(cwd.resolve("s0.csv").toString(), "--shard", "0/2");
    s0[1] = cwd.resolve("tiny.sks").toString();
    String[] s1 = sweep(cwd.resolve("s1.csv").toString(), "--shard", "1/2");
    s1[1] = s0[1];
    assertEquals(0, CliHarness.run(s0).status());
    assertEquals(0, CliHarness.run(s1).status());
    CliHarness.Outcome o = CliHarness.run("merge", cwd.resolve("s0.csv").toString(),
        cwd.resolve("s1.csv").toString(), "-o", cwd.resolve("m.csv").toString());
    assertEquals(0, o.status(), o.stderr());
    assertTrue(o.stderr().contains("12 runs from 2 files (0 duplicates)"), o.stderr());
    // a file merged with itself: duplicates of equal results are fine
    o = CliHarness.run("merge", cwd.resolve("m.csv").toString(), cwd.resolve("s0.csv").toString(),
        "-o", cwd.resolve("m2.csv").toString());
    assertEquals(0, o.status(), o.stderr());
    assertEquals(read(cwd.resolve("m.csv")), read(cwd.resolve("m2.csv")), "wall_ns included");
    assertTrue(read(cwd.resolve("m2.jsonl")).contains("\"event_hash\""), "detail kept");
  }

  @Test
  void conflictingResultsAreRefused() throws IOException {
    SweepFixtures.write(dir, "tiny.sks", SweepFixtures.TINY);
    String[] s0 = sweep(dir.resolve("s0.csv").toString(), "--shard", "0/2");
    s0[1] = dir.resolve("tiny.sks").toString();
    assertEquals(0, CliHarness.run(s0).status());
    String csv = read(dir.resolve("s0.csv"));
    String[] row = csv.lines().skip(1).findFirst().orElseThrow().split(",", -1);
    String changed = csv.replace(String.join(",", row), String.join(",", row)
        .replace("," + row[4] + ",", ",1" + row[4] + ","));
    assertNotEquals(csv, changed);
    Files.writeString(dir.resolve("bad.csv"), changed, StandardCharsets.UTF_8);
    CliHarness.Outcome o = CliHarness.run("merge", dir.resolve("s0.csv").toString(),
        dir.resolve("bad.csv").toString(), "-o", dir.resolve("m.csv").toString());
    assertEquals(125, o.status());
    assertTrue(o.stderr().contains("has different results in"), o.stderr());
  }

  @Test
  void notASweepFile() throws IOException {
    Files.writeString(dir.resolve("x.csv"), "a,b\n1,2\n", StandardCharsets.UTF_8);
    CliHarness.Outcome o = CliHarness.run("merge", dir.resolve("x.csv").toString(), "-o",
        dir.resolve("m.csv").toString());
    assertEquals(125, o.status());
    assertTrue(o.stderr().contains("not a simkernel sweep CSV"), o.stderr());
  }

  private String log() {
    try {
      return read(dir.resolve("process.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }
}
