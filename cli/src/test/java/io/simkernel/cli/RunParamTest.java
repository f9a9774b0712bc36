package io.simkernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simkernel run -D name=value}, and a sweep row reproduced by {@code run}. */
class RunParamTest {
  @TempDir
  Path dir;

  @Test
  void definesOverrideDefaults() throws IOException {
    Path s = SweepFixtures.write(dir, "tiny.sks", SweepFixtures.TINY);
    CliHarness.Outcome o = CliHarness.run("run", "--quiet", s.toString());
    assertEquals("a\n", o.stdout());
    o = CliHarness.run("run", "--quiet", s.toString(), "-D", "mode=zz", "-Dn=2");
    assertEquals(0, o.status(), o.stderr());
    assertEquals("zz\n", o.stdout());
  }

  @Test
  void anUndeclaredOrMalformedDefineIsAToolError() throws IOException {
    Path s = SweepFixtures.write(dir, "tiny.sks", SweepFixtures.TINY);
    CliHarness.Outcome o = CliHarness.run("run", "--quiet", s.toString(), "-D", "nn=2");
    assertEquals(125, o.status());
    assertEquals(s + ":1:1: error: -D nn=2 names no parameter of this file; expected one of n,"
        + " mode (did you mean `n`?)\n", o.stderr());
    o = CliHarness.run("run", "--quiet", s.toString(), "-D", "n");
    assertEquals(125, o.status());
    assertTrue(o.stderr().contains("expected NAME=VALUE"), o.stderr());
  }

  @Test
  void aTraceOfAParameterisedRunReplaysWithoutTheDefines() throws IOException {
    Path s = SweepFixtures.write(dir, "tiny.sks", SweepFixtures.TINY);
    Path trace = dir.resolve("t.jsonl");
    CliHarness.Outcome o = CliHarness.run("run", "--quiet", s.toString(), "-D", "n=3", "-D",
        "mode=b", "--seed", "5", "--trace", trace.toString());
    assertEquals(0, o.status(), o.stderr());
    o = CliHarness.run("replay", trace.toString());
    assertEquals(0, o.status(), o.stdout() + o.stderr());
  }

  private static final Pattern HASH = Pattern.compile("event hash:\\s+([0-9a-f]{16})");
  private static final Pattern EVENTS = Pattern.compile("counts:\\s+([0-9]+) events");

  @Test
  void everyRowIsReproducedByRunWithItsParametersAndSeed() throws IOException {
    Path s = SweepFixtures.write(dir, "tiny.sks", SweepFixtures.TINY);
    Path csv = dir.resolve("r.csv");
    assertEquals(0, CliHarness.run("sweep", s.toString(), "--quiet", "-D", "n=1,3", "--seeds",
        "1..2", "-o", csv.toString()).status());
    List<String> rows = SweepFixtures.read(csv).lines().skip(1).toList();
    List<String> jsonl = SweepFixtures.read(dir.resolve("r.jsonl")).lines().toList();
    for (int i = 0; i < rows.size(); i++) {
      String[] c = rows.get(i).split(",");
      List<String> args = new ArrayList<>(List.of("run", s.toString(), "-D", "n=" + c[0], "-D",
          "mode=" + c[1], "--seed", c[2]));
      CliHarness.Outcome o = CliHarness.run(args.toArray(new String[0]));
      assertEquals(Integer.parseInt(c[3]), o.status(), "exit_status");
      Matcher h = HASH.matcher(o.stderr());
      Matcher e = EVENTS.matcher(o.stderr());
      assertTrue(h.find() && e.find(), o.stderr());
      assertTrue(jsonl.get(i).contains("\"event_hash\":\"" + h.group(1) + "\""),
          () -> "event hash " + h.group(1) + " not in " + jsonl);
      assertEquals(c[6], e.group(1), "events");
      String reproduce = "simkernel run " + s + " -D n=" + c[0] + " -D mode=" + c[1]
          + " --seed " + c[2];
      assertTrue(jsonl.get(i).contains("\"reproduce\":\"" + reproduce + "\""), jsonl.get(i));
    }
  }
}
