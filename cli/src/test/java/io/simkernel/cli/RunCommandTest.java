package io.simkernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line contract of DESIGN.md, "The command line". */
class RunCommandTest {
  @TempDir
  Path dir;

  private Path scenario(String text) throws IOException {
    Path p = dir.resolve("s.sks");
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private static final String HELLO = """
      program /bin/hello
      text
      main:
        print "hello\\n"
        eprint "oops\\n"
        exit 7
      end
      run /bin/hello
      """;

  @Test
  void stdoutAndStderrCarryExactlyTheSimulatedFd1AndFd2Bytes() throws IOException {
    CliHarness.Outcome o = CliHarness.run("run", "--quiet", scenario(HELLO).toString());
    assertEquals("hello\n", o.stdout());
    assertEquals("oops\n", o.stderr());
  }

  @Test
  void exitStatusIsTheMainProgramsExitCode() throws IOException {
    assertEquals(7, CliHarness.run("run", "--quiet", scenario(HELLO).toString()).status());
  }

  @Test
  void theReportFollowsOnStderrUnlessQuiet() throws IOException {
    CliHarness.Outcome o = CliHarness.run("run", scenario(HELLO).toString());
    assertTrue(o.stderr().startsWith("oops\n"), "the simulated bytes come first");
    assertTrue(o.stderr().contains("simkernel report"), o.stderr());
    assertTrue(o.stderr().contains("exited 7"), o.stderr());
    assertEquals("hello\n", o.stdout(), "nothing else on stdout");
  }

  @Test
  void reportFileReceivesTheReportInstead() throws IOException {
    Path report = dir.resolve("report.txt");
    CliHarness.Outcome o = CliHarness.run("run", "--report", report.toString(),
        scenario(HELLO).toString());
    assertEquals("oops\n", o.stderr());
    assertTrue(Files.readString(report).contains("exited 7"));
  }

  @Test
  void aMainProgramKilledBySignalNExitsWith128PlusN() throws IOException {
    Path s = scenario("""
        program /bin/k
        text
        main:
          getpid
          kill r0, SIGKILL
          exit 0
        end
        run /bin/k
        """);
    assertEquals(128 + 9, CliHarness.run("run", "--quiet", s.toString()).status());
  }

  @Test
  void aMalformedScenarioIsReportedWithFileLineColumnAndExit125() throws IOException {
    Path s = scenario("""
        program /bin/bad
        text
        main:
          forkk
        end
        run /bin/bad
        """);
    CliHarness.Outcome o = CliHarness.run("run", s.toString());
    assertEquals(125, o.status());
    assertTrue(o.stderr().startsWith(s + ":4:3: error: "), o.stderr());
    assertEquals(1, o.stderr().lines().count(), "one message, no stack trace: " + o.stderr());
    assertEquals("", o.stdout(), "nothing run");
  }

  @Test
  void aMissingFileExits125() {
    CliHarness.Outcome o = CliHarness.run("run", dir.resolve("nope.sks").toString());
    assertEquals(125, o.status());
    assertTrue(o.stderr().contains("no such file"), o.stderr());
  }

  @Test
  void aBadCommandLineExits125WithUsage() {
    CliHarness.Outcome o = CliHarness.run("run", "--no-such-option", "x.sks");
    assertEquals(125, o.status());
    assertTrue(o.stderr().contains("Usage:"), o.stderr());
  }

  @Test
  void anUnknownCommandExits125() {
    assertEquals(125, CliHarness.run("frobnicate").status());
  }

  @Test
  void aLimitStopsTheRunWithExit124AndNamesWhatWasRunning() throws IOException {
    Path s = scenario("""
        kernel time_limit=5ms
        program /bin/spin
        text
        main:
          add r1, 1
          jmp main
        end
        run /bin/spin
        """);
    CliHarness.Outcome o = CliHarness.run("run", s.toString());
    assertEquals(124, o.status());
    assertTrue(o.stderr().contains("time_limit"), o.stderr());
    assertTrue(o.stderr().contains("pid 2 (spin)"), o.stderr());
  }

  @Test
  void seedOptionOverridesTheScenarioSeed() throws IOException {
    CliHarness.Outcome o = CliHarness.run("run", "--seed", "99", scenario(HELLO).toString());
    assertTrue(o.stderr().contains("(seed 99)"), o.stderr());
  }

  @Test
  void traceFileHasAHeaderEveryEventAndAnEndRecord() throws IOException {
    Path trace = dir.resolve("t.jsonl");
    CliHarness.Outcome o = CliHarness.run("run", "--quiet", "--trace", trace.toString(),
        scenario(HELLO).toString());
    assertEquals(7, o.status());
    List<String> lines = Files.readAllLines(trace);
    assertTrue(lines.get(0).contains("\"format\":\"simkernel-trace\""), lines.get(0));
    assertTrue(lines.get(0).contains("\"scenario_sha256\""), lines.get(0));
    assertTrue(lines.stream().anyMatch(l -> l.contains("\"ev\":\"sched_process_exit\"")));
    assertTrue(lines.get(lines.size() - 1).startsWith("{\"end\":\"completed\""),
        lines.get(lines.size() - 1));
    try (Stream<Path> files = Files.list(dir)) {
      assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".partial")),
          "no partial file is left behind");
    }
  }

  @Test
  void sameScenarioAndSeedGiveTheSameTraceBytes() throws IOException {
    Path s = scenario(HELLO);
    Path t1 = dir.resolve("a.jsonl");
    Path t2 = dir.resolve("b.jsonl");
    CliHarness.run("run", "--quiet", "--trace", t1.toString(), s.toString());
    CliHarness.run("run", "--quiet", "--trace", t2.toString(), s.toString());
    assertEquals(Files.readString(t1), Files.readString(t2));
  }

  @Test
  void versionIsPrinted() {
    CliHarness.Outcome o = CliHarness.run("--version");
    assertEquals(0, o.status());
    assertTrue(o.stdout().startsWith("simkernel "), o.stdout());
  }
}
