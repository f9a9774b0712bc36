package io.simkernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simkernel import-strace}: exit status 0 (imported / full match), 1, 125. */
class ImportStraceCommandTest {
  private static final Path CORPUS = Path.of("../traces/src/test/resources/strace");

  @TempDir
  Path dir;

  private static String log(String workload) {
    return CORPUS.resolve(workload).resolve("trace.strace").toString();
  }

  private static String truth(String workload) {
    return CORPUS.resolve(workload).resolve("ground-truth.json").toString();
  }

  @Test
  void withoutOutputTheScenarioGoesToStandardOutput() {
    CliHarness.Outcome o = CliHarness.run("import-strace", log("zombie-reap"));
    assertEquals(0, o.status(), o.stderr());
    assertTrue(o.stdout().contains("program /zombie"), o.stdout());
    assertTrue(o.stdout().contains("run /zombie"), o.stdout());
    assertEquals("", o.stderr());
  }

  @Test
  void theWrittenScenarioRunsAndExitsAsTheRootDid() throws IOException {
    Path out = dir.resolve("z.sks");
    CliHarness.Outcome o = CliHarness.run("import-strace", log("subshell-exit3"), "-o",
        out.toString());
    assertEquals(0, o.status(), o.stderr());
    assertEquals("", o.stdout());
    assertTrue(Files.readString(out).contains("exit  3"));
    assertEquals(0, CliHarness.run("run", "--quiet", out.toString()).status());
  }

  @Test
  void checkWithTheGroundTruthExitsZeroOnAFullMatch() {
    CliHarness.Outcome o = CliHarness.run("import-strace", "--check", log("bash-bg-wait"),
        "--truth", truth("bash-bg-wait"));
    assertEquals(0, o.status(), o.stdout() + o.stderr());
    assertTrue(o.stdout().contains("result: full match"), o.stdout());
    assertTrue(o.stdout().contains("match     reap #1"), o.stdout());
  }

  @Test
  void checkAgainstTheLogItselfNeedsNoGroundTruth() {
    CliHarness.Outcome o = CliHarness.run("import-strace", "--check", log("sigkill-child"));
    assertEquals(0, o.status(), o.stdout());
    assertTrue(o.stdout().contains("facts from: the log itself"), o.stdout());
  }

  /** The two workloads that need pipes and memory writes match fully too (issue 7). */
  @Test
  void pipesAndFaultCountsMatchTheirGroundTruth() {
    for (String w : new String[] {"pipeline-sigpipe", "fork-cow-faults"}) {
      CliHarness.Outcome o = CliHarness.run("import-strace", "--check", log(w), "--truth",
          truth(w));
      assertEquals(0, o.status(), o.stdout() + o.stderr());
      assertTrue(o.stdout().contains("result: full match"), o.stdout());
    }
  }

  @Test
  void checkExitsOneWhenAFactDiffersAndSaysWhy() throws IOException {
    // a crash: the log shows the SIGSEGV, not the faulting instruction, so the replay cannot
    // make the fault and exits 128+11 at the recorded time instead
    Path crash = dir.resolve("crash.strace");
    Files.writeString(crash, String.join("\n",
        "9 00:00:00.000001 execve(\"./crash\", [\"./crash\"], 0x7ffc /* 3 vars */) = 0 <0.000100>",
        "9 00:00:00.000200 --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---",
        "9 00:00:00.000300 +++ killed by SIGSEGV +++", ""), StandardCharsets.UTF_8);
    CliHarness.Outcome o = CliHarness.run("import-strace", "--check", crash.toString());
    assertEquals(1, o.status(), o.stdout() + o.stderr());
    assertTrue(o.stdout().contains("MISMATCH  process 9 (sim 2): ends: expected killed by "
        + "SIGSEGV got exited 139"), o.stdout());
    assertTrue(o.stdout().contains("need what the simulator does not model yet: faults"),
        o.stdout());
  }

  @Test
  void aMalformedLogGetsOneLineNumberedErrorAndStatus125() throws IOException {
    Path bad = dir.resolve("bad.strace");
    Files.writeString(bad, "9 00:00:00.000001 getppid() = 0\n9 00:00:00.000002 what?\n",
        StandardCharsets.UTF_8);
    CliHarness.Outcome o = CliHarness.run("import-strace", bad.toString());
    assertEquals(125, o.status());
    assertTrue(o.stderr().startsWith(bad + ":2: error: "), o.stderr());
    assertTrue(o.stderr().contains("; expected "), o.stderr());
    assertEquals(1, o.stderr().lines().count(), "one error, no stack trace");
  }

  @Test
  void aTruncatedLogIsReportedAsTruncated() throws IOException {
    String text = Files.readString(Path.of(log("zombie-reap")), StandardCharsets.ISO_8859_1);
    Path cut = dir.resolve("cut.strace");
    Files.writeString(cut, text.substring(0, text.length() - 10), StandardCharsets.ISO_8859_1);
    CliHarness.Outcome o = CliHarness.run("import-strace", "--check", cut.toString());
    assertEquals(125, o.status());
    assertTrue(o.stderr().contains(":8: error: ") && o.stderr().contains("truncated"),
        o.stderr());
  }

  @Test
  void aGroundTruthOfAnotherLogIsRefused() {
    CliHarness.Outcome o = CliHarness.run("import-strace", "--check", log("zombie-reap"),
        "--truth", truth("bash-bg-wait"));
    assertEquals(125, o.status());
    assertTrue(o.stderr().contains("root pid 9300"), o.stderr());
  }

  @Test
  void badCommandLinesExit125() {
    assertEquals(125, CliHarness.run("import-strace", log("zombie-reap"), "--truth",
        truth("zombie-reap")).status(), "--truth needs --check");
    assertEquals(125, CliHarness.run("import-strace", dir.resolve("none").toString()).status());
    assertEquals(125, CliHarness.run("import-strace").status());
  }
}
