package io.simkernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simkernel check}: the search, the shrinking, and the exit statuses. */
class CheckCommandTest {
  @TempDir
  Path dir;

  @Test
  void healthySeedsPassWithExitZero() {
    CliHarness.Outcome o = CliHarness.run("check", "--seeds", "1..40", "-o", dir.toString());
    assertEquals(0, o.status(), o.stderr());
    assertTrue(o.stderr().contains("40 seeds passed"), o.stderr());
  }

  @Test
  void everyFamilyPassesUnderSwarm() {
    assertEquals(0, CliHarness.run("check", "--swarm", "--families", "all", "--seeds", "1..40",
        "-o", dir.toString()).status());
    assertEquals(0, CliHarness.run("check", "--families", "pipe,memory,exec", "--seeds", "1..20",
        "-o", dir.toString()).status());
    // the WINDOWS, FILES and LOCKS generators, by name, fixed mix and swarm
    assertEquals(0, CliHarness.run("check", "--families", "windows,files,locks", "--seeds",
        "1..20", "-o", dir.toString()).status());
    assertEquals(0, CliHarness.run("check", "--swarm", "--families", "windows,files,locks",
        "--seeds", "1..20", "-o", dir.toString()).status());
  }

  @Test
  void swarmSeedsPassToo() {
    assertEquals(0, CliHarness.run("check", "--swarm", "--seeds", "1..40", "-o",
        dir.toString()).status());
  }

  @Test
  void aPlantedReaperBugIsFoundAndShrunkToAHandfulOfLines() throws IOException {
    CliHarness.Outcome o = CliHarness.run("check", "--seeds", "1..200", "--plant-bug",
        "init-forgets-orphans", "-o", dir.toString());
    assertEquals(1, o.status(), o.stderr());
    assertTrue(o.stderr().contains("liveness zombie-never-reaped"), o.stderr());
    Path shrunk;
    try (Stream<Path> s = Files.list(dir)) {
      shrunk = s.filter(p -> p.toString().endsWith(".sks")).findFirst().orElseThrow();
    }
    List<String> code = Files.readAllLines(shrunk).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    assertTrue(code.size() <= 14, "shrunk to " + code.size() + " lines:\n" + String.join("\n", code));
    assertTrue(o.stderr().contains("reproduce: simkernel check --scenario " + shrunk), o.stderr());
    // the shrunk scenario still fails the same way, and passes without the bug
    assertEquals(1, CliHarness.run("check", "--scenario", shrunk.toString(), "--plant-bug",
        "init-forgets-orphans", "--max-shrink", "1", "-o", dir.toString()).status());
    assertEquals(0, CliHarness.run("check", "--scenario", shrunk.toString()).status());
  }

  @Test
  void aUserPropertyIsCheckedAndItsFailureShrunk() {
    CliHarness.Outcome o = CliHarness.run("check", "--seeds", "1..100", "--property",
        "max-zombies=0", "-o", dir.toString());
    assertEquals(1, o.status(), o.stderr());
    assertTrue(o.stderr().contains("property max-zombies=0"), o.stderr());
  }

  @Test
  void badArgumentsExit125() {
    assertEquals(125, CliHarness.run("check", "--seeds", "9..1").status());
    assertEquals(125, CliHarness.run("check", "--property", "frobs=1").status());
    assertEquals(125, CliHarness.run("check", "--time", "forever").status());
    assertEquals(125, CliHarness.run("check", "--plant-bug", "nope").status());
    assertEquals(125, CliHarness.run("check", "--families", "sockets").status());
  }
  /**
   * A self-check failure shrinks to a scenario that fails with the same line, so the work that
   * produced the wrong value stays: here two workers increment a MAP_SHARED counter without the
   * lock the LOCKS family puts around it, and updates are lost.
   */
  @Test
  void aSelfCheckShrinksToTheSameWrongValue() throws Exception {
    Path sks = dir.resolve("unlocked.sks");
    Files.writeString(sks, String.join("\n", "kernel cpus=2", "program /bin/gen", "text",
        "main:", "  mmap  4096, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS", "  mov   r3, r0",
        "  fork", "  jz    r0, w", "  fork", "  jz    r0, w", "  wait", "  wait",
        "  load  r5, [r3]", "  print \"n0 lock-counter sem -> %d expect 4\\n\", r5", "  exit  0",
        "w:", "  mov   r14, 2", "l:", "  load  r5, [r3]", "  sleep 100us", "  add   r5, 1",
        "  store [r3], r5", "  sub   r14, 1", "  jgt   r14, 0, l", "  exit  0", "end",
        "run /bin/gen", ""));
    CliHarness.Outcome o = CliHarness.run("check", "--scenario", sks.toString(), "-o",
        dir.toString());
    assertEquals(1, o.status(), o.stderr());
    assertTrue(o.stderr().contains("self-check: n0 lock-counter sem -> 2 expect 4"), o.stderr());
    String shrunk = Files.readString(dir.resolve("simkernel-check-shrunk.sks"));
    assertTrue(shrunk.contains("  fork\n") && shrunk.contains("  store [r3], r5\n"), shrunk);
  }
}
