package io.simkernel.cli;

import static io.simkernel.cli.SweepFixtures.maskCsv;
import static io.simkernel.cli.SweepFixtures.maskJsonl;
import static io.simkernel.cli.SweepFixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.cli.sweep.Point;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simkernel sweep}: rows, determinism, seeds, resume, errors. */
class SweepCommandTest {
  @TempDir
  Path dir;

  private Path tiny() throws IOException {
    return SweepFixtures.write(dir, "tiny.sks", SweepFixtures.TINY);
  }

  private CliHarness.Outcome sweep(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "sweep";
    all[1] = "--no-progress";
    System.arraycopy(args, 0, all, 2, args.length);
    return CliHarness.run(all);
  }

  private String csv(Path scenario, String out, String jobs, String... defines)
      throws IOException {
    String[] args = new String[defines.length + 7];
    args[0] = scenario.toString();
    args[1] = "--seeds";
    args[2] = "1..2";
    args[3] = "-j";
    args[4] = jobs;
    args[5] = "-o";
    args[6] = dir.resolve(out).toString();
    System.arraycopy(defines, 0, args, 7, defines.length);
    CliHarness.Outcome o = sweep(args);
    assertEquals(0, o.status(), o.stderr());
    return read(dir.resolve(out));
  }

  @Test
  void aTinyGridGivesOneRowPerRunInCanonicalOrder() throws IOException {
    Path s = tiny();
    String csv = csv(s, "r.csv", "2", "-D", "n=2,1", "-D", "mode=b,a");
    List<String> lines = csv.lines().toList();
    assertEquals("n,mode,seed,exit_status,virtual_ns,wall_ns,events,forks,minor_faults,cow_copies,"
        + "frames_peak,zombies_max,signals,end_ns,ten_n,rep,simkernel_version,scenario_sha256",
        lines.get(0));
    assertEquals(1 + 2 * 2 * 2, lines.size());
    String[] expectedOrder = {"1,a", "1,a", "1,b", "1,b", "2,a", "2,a", "2,b", "2,b"};
    for (int i = 0; i < expectedOrder.length; i++) {
      String[] cells = lines.get(i + 1).split(",");
      assertEquals(expectedOrder[i], cells[0] + "," + cells[1]);
      Point p = new Point(List.of("n", "mode"), List.of(cells[0], cells[1]));
      long rep = i % 2 + 1;
      assertEquals(Long.toString(rep), cells[15]);
      assertEquals(Long.toString(p.seedFor(rep)), cells[2], "the seed is the point's");
      assertEquals("0", cells[3], "exit status");
      assertEquals("2", cells[7], "forks");
      assertEquals(cells[0] + "0", cells[14], "ten_n = 10 n");
      assertEquals(64, cells[17].length(), "scenario sha-256");
    }
    assertTrue(Files.exists(dir.resolve("r.jsonl")));
    assertEquals(8, read(dir.resolve("r.jsonl")).lines().count());
  }

  @Test
  void theSameSweepTwiceAndOnOneOrTwoThreadsGivesTheSameRows() throws IOException {
    Path s = tiny();
    String a = csv(s, "a.csv", "1", "-D", "n=1,2,3", "-D", "mode=a,b");
    String b = csv(s, "b.csv", "2", "-D", "n=1,2,3", "-D", "mode=a,b");
    String c = csv(s, "c.csv", "2", "-D", "n=1,2,3", "-D", "mode=a,b");
    assertEquals(maskCsv(a), maskCsv(b));
    assertEquals(maskCsv(a), maskCsv(c));
    assertEquals(maskJsonl(read(dir.resolve("a.jsonl"))), maskJsonl(read(dir.resolve("b.jsonl"))));
  }

  @Test
  void addingAValueChangesNoOtherRun() throws IOException {
    Path s = tiny();
    String small = maskCsv(csv(s, "small.csv", "2", "-D", "n=1,3"));
    String big = maskCsv(csv(s, "big.csv", "2", "-D", "n=1,2,3"));
    List<String> bigRows = big.lines().toList();
    for (String row : small.lines().toList()) {
      assertTrue(bigRows.contains(row), () -> "missing from the larger sweep: " + row);
    }
    // the default of a parameter is a point like any other: sweeping mode=a changes nothing
    String withDefault = maskCsv(csv(s, "d.csv", "2", "-D", "n=1,3", "-D", "mode=a"));
    assertEquals(small, withDefault);
  }

  @Test
  void seedsDifferBetweenReplicatesAndReachTheKernel() throws IOException {
    CliHarness.Outcome o = sweep(tiny().toString(), "--seeds", "1..6", "-o",
        dir.resolve("r.csv").toString());
    assertEquals(0, o.status(), o.stderr());
    List<String> rows = read(dir.resolve("r.csv")).lines().skip(1).toList();
    assertEquals(6, rows.stream().map(r -> r.split(",")[2]).distinct().count());
    // the children's tie is broken by the seed: the runs' event hashes are not all one
    long hashes = read(dir.resolve("r.jsonl")).lines()
        .map(l -> l.replaceAll(".*\"event_hash\":\"([0-9a-f]+)\".*", "$1")).distinct().count();
    assertTrue(hashes > 1, "the seed changes the run");
  }

  @Test
  void rerunningSkipsCompletedRunsAndKeepsThem() throws IOException {
    Path s = tiny();
    String first = csv(s, "r.csv", "2", "-D", "n=1,2");
    CliHarness.Outcome o = sweep(s.toString(), "--seeds", "1..2", "-o",
        dir.resolve("r.csv").toString(), "-D", "n=1,2,3");
    assertEquals(0, o.status(), o.stderr());
    assertTrue(o.stderr().contains("6 runs (2 run now, 4 already done)"), o.stderr());
    String second = read(dir.resolve("r.csv"));
    for (String row : first.lines().toList()) { // byte for byte, wall_ns included: not rerun
      assertTrue(second.lines().anyMatch(row::equals), () -> "rerun or lost: " + row);
    }
    o = sweep(s.toString(), "--seeds", "1..2", "-o", dir.resolve("r.csv").toString(), "-D",
        "n=1,2,3");
    assertTrue(o.stderr().contains("6 runs (0 run now, 6 already done)"), o.stderr());
    assertEquals(second, read(dir.resolve("r.csv")));
  }

  @Test
  void anInterruptedSweepResumesFromItsJournal() throws IOException {
    Path s = tiny();
    String full = csv(s, "r.csv", "2", "-D", "n=1,2");
    Path jsonl = dir.resolve("r.jsonl");
    List<String> lines = read(jsonl).lines().toList();
    // as if killed: no CSV yet, two runs journaled, and half a line
    Files.delete(dir.resolve("r.csv"));
    Files.writeString(jsonl, lines.get(0) + "\n" + lines.get(3) + "\n"
        + lines.get(1).substring(0, 40), StandardCharsets.UTF_8);
    CliHarness.Outcome o = sweep(s.toString(), "--seeds", "1..2", "-o",
        dir.resolve("r.csv").toString(), "-D", "n=1,2");
    assertEquals(0, o.status(), o.stderr());
    assertTrue(o.stderr().contains("(2 run now, 2 already done)"), o.stderr());
    assertTrue(o.stderr().contains("1 unreadable line(s)"), o.stderr());
    assertEquals(maskCsv(full), maskCsv(read(dir.resolve("r.csv"))));
    assertEquals(maskJsonl(String.join("\n", lines) + "\n"), maskJsonl(read(jsonl)));
  }

  @Test
  void aChangedScenarioIsRunAgain() throws IOException {
    Path s = tiny();
    csv(s, "r.csv", "2");
    SweepFixtures.write(dir, "tiny.sks", SweepFixtures.TINY + "# changed\n");
    CliHarness.Outcome o = sweep(s.toString(), "--seeds", "1..2", "-o",
        dir.resolve("r.csv").toString());
    assertTrue(o.stderr().contains("(2 run now, 0 already done)"), o.stderr());
  }

  @Test
  void theProgressBarShowsRateAndEta() throws IOException {
    CliHarness.Outcome o = CliHarness.run("sweep", tiny().toString(), "--seeds", "1..3", "-o",
        dir.resolve("r.csv").toString());
    assertEquals(0, o.status(), o.stderr());
    assertTrue(o.stderr().contains("sweep 100%"), o.stderr());
    assertTrue(o.stderr().contains("3/3 runs"), o.stderr());
    assertTrue(o.stderr().contains("runs/s"), o.stderr());
  }

  @Test
  void aBadValueIsReportedAtItsUseWithTheGridPoint() throws IOException {
    CliHarness.Outcome o = sweep(tiny().toString(), "-o", dir.resolve("r.csv").toString(), "-D",
        "n=1,x");
    assertEquals(125, o.status());
    assertTrue(o.stderr().startsWith(dir.resolve("tiny.sks") + ":7:11: error: "), o.stderr());
    assertTrue(o.stderr().contains("[at the grid point n=x mode=a]"), o.stderr());
    assertTrue(Files.notExists(dir.resolve("r.csv")), "nothing run");
  }

  @Test
  void commandLineErrors() throws IOException {
    Path s = tiny();
    assertUsage(sweep(s.toString(), "-D", "m=1"), "the scenario declares no parameter `m`");
    assertUsage(sweep(s.toString(), "--shard", "2/2"), "--shard 2/2: expected I/N");
    assertUsage(sweep(s.toString(), "--seeds", "5..1"), "--seeds 5..1");
    assertUsage(sweep(s.toString(), "-D", "n"), "expected NAME=VALUE");
    assertUsage(sweep(s.toString(), "-D", "n=1,,2"), "has an empty value");
    CliHarness.Outcome o = sweep(dir.resolve("none.sks").toString());
    assertEquals(125, o.status());
    assertTrue(o.stderr().contains("none.sks: no such file"), o.stderr());
  }

  @Test
  void aParameterNamedLikeAResultColumnIsRefused() throws IOException {
    Path s = SweepFixtures.write(dir, "c.sks", SweepFixtures.TINY.replace("param mode=a",
        "param forks=a"));
    CliHarness.Outcome o = sweep(s.toString(), "-o", dir.resolve("r.csv").toString());
    assertEquals(125, o.status());
    assertTrue(o.stderr().contains("the parameter `forks` has the name of a result column"),
        o.stderr());
  }

  private static void assertUsage(CliHarness.Outcome o, String gist) {
    assertEquals(125, o.status(), o.stderr());
    assertTrue(o.stderr().contains(gist), o.stderr());
  }
}
