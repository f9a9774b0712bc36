package io.simkernel.api.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableMap;
import io.simkernel.api.gen.ScenarioGenerator.Action;
import io.simkernel.api.gen.ScenarioGenerator.Config;
import io.simkernel.api.gen.ScenarioGenerator.Generated;
import io.simkernel.api.gen.ScenarioGenerator.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The generator is a pure function of configuration and seed, and every scenario it writes
 * stays within the configured limits. (That each one parses and runs cleanly is the kernel's
 * property tests' business: sim-api cannot assemble scenarios.)
 */
class ScenarioGeneratorTest {
  /** Seeds per configuration: generation is cheap, but 25 configurations multiply it. */
  private static final int SEEDS = 120;
  /** The instructions a generated body may use: all implemented by the kernel today. */
  private static final Set<String> MNEMONICS = Set.of("fork", "jz", "mov", "wait", "waitpid",
      "print", "jlt", "jle", "jgt", "jmp", "sleep", "compute", "sub", "kill", "getpid",
      "getppid", "prctl", "exit");
  private static final Pattern BODY_LABEL = Pattern.compile("^(main|n\\d+):.*");
  private static final Pattern LOCAL_LABEL = Pattern.compile("^n\\d+_\\d+:$");
  private static final Pattern DURATION = Pattern.compile("^  (sleep|compute) (\\d+)us$");

  private static List<Config> configs() {
    List<Config> list = new ArrayList<>();
    list.add(Config.defaults());
    list.add(Config.defaults().withLimits(1, 0, 2));
    list.add(Config.defaults().withLimits(3, 1, 4));
    list.add(Config.defaults().withLimits(3, 1, 5));
    list.add(Config.defaults().withLimits(40, 8, 60).withWeight(Action.FORK, 30));
    for (long s = 0; s < 20; s++) {
      list.add(Config.swarm(s));
    }
    return list;
  }

  @Test
  void sameSeedGivesTheSameScenario() {
    for (Config c : configs()) {
      for (long seed = 0; seed < 50; seed++) {
        Generated a = new ScenarioGenerator(c).generateWithFacts(seed);
        new ScenarioGenerator(c).generate(seed ^ 0xFFFF); // no state carries between calls
        Generated b = new ScenarioGenerator(c).generateWithFacts(seed);
        assertEquals(a, b, "seed " + seed);
        assertEquals(a.text(), new ScenarioGenerator(c).generate(seed));
      }
    }
  }

  @Test
  void differentSeedsGiveDifferentScenarios() {
    ScenarioGenerator g = new ScenarioGenerator(Config.defaults());
    Set<String> texts = new TreeSet<>();
    Set<String> bodies = new TreeSet<>();
    for (long seed = 0; seed < SEEDS; seed++) {
      String text = g.generate(seed);
      texts.add(text);
      bodies.add(text.substring(text.indexOf("program"))); // not just the seed in the header
    }
    assertEquals(SEEDS, texts.size());
    assertEquals(SEEDS, bodies.size());
  }

  @Test
  void scenarioIsWellFormedAndUsesOnlyImplementedCalls() {
    for (Config c : configs()) {
      for (long seed = 0; seed < SEEDS; seed++) {
        String text = new ScenarioGenerator(c).generate(seed);
        assertTrue(text.contains("\nkernel cpus="), text);
        assertTrue(text.contains("\nprogram /bin/gen\ntext\nmain:\n"), text);
        assertTrue(text.endsWith("end\n\nrun /bin/gen\n"), text);
        for (String line : text.split("\n")) {
          if (line.startsWith("  ")) {
            String mnemonic = line.trim().split("\\s+")[0];
            assertTrue(MNEMONICS.contains(mnemonic), () -> "unexpected " + line + " in\n" + text);
          }
        }
      }
    }
  }

  @Test
  void scenarioRespectsTheProcessDepthAndInstructionLimits() {
    for (Config c : configs()) {
      for (long seed = 0; seed < SEEDS; seed++) {
        Generated g = new ScenarioGenerator(c).generateWithFacts(seed);
        String where = "seed " + seed + ", " + c.describe() + "\n" + g.text();
        assertTrue(g.nodes().size() <= c.maxProcesses(), where);
        assertEquals(g.nodes().size() - 1, count(g.text(), "  fork\n"), where);
        List<Integer> lengths = bodyLengths(g.text());
        assertEquals(g.nodes().size(), lengths.size(), where);
        for (Node n : g.nodes()) {
          assertTrue(n.depth() <= c.maxDepth(), where);
          assertTrue(n.instructions() <= c.maxInstructions(), where);
          assertEquals(n.instructions(), (int) lengths.get(n.id()), where);
          if (n.parent() >= 0) {
            assertEquals(g.nodes().get(n.parent()).depth() + 1, n.depth(), where);
          }
        }
        int cpus = Integer.parseInt(field(g.text(), "cpus"));
        assertTrue(c.minCpus() <= cpus && cpus <= c.maxCpus(), where);
        assertEquals(cpus, g.cpus());
      }
    }
  }

  @Test
  void sleepsAndComputesStayWithinTheirMaximum() {
    for (Config c : configs()) {
      for (long seed = 0; seed < SEEDS; seed++) {
        String text = new ScenarioGenerator(c).generate(seed);
        for (String line : text.split("\n")) {
          Matcher m = DURATION.matcher(line);
          if (m.matches()) {
            long ns = Long.parseLong(m.group(2)) * 1000;
            long max = m.group(1).equals("sleep") ? c.maxSleepNs() : c.maxComputeNs();
            assertTrue(ns >= 1000 && ns <= max, line + " exceeds " + max + "ns");
          }
        }
      }
    }
  }

  /**
   * Termination, structurally: every backward jump closes a wait loop, which ends when the
   * children are gone or a counter runs out, and no loop contains a fork.
   */
  @Test
  void noLoopContainsAFork() {
    for (Config c : configs()) {
      for (long seed = 0; seed < SEEDS; seed++) {
        String text = new ScenarioGenerator(c).generate(seed);
        List<String> lines = List.of(text.split("\n"));
        for (int i = 0; i < lines.size(); i++) {
          String[] w = lines.get(i).trim().split("[\\s,]+");
          String target = w[w.length - 1] + ":";
          int start = lines.subList(0, i).lastIndexOf(target);
          if (w[0].startsWith("j") && start >= 0) {
            assertFalse(lines.subList(start, i).contains("  fork"), text);
            assertTrue(lines.subList(start, i).stream().anyMatch(l -> l.contains("wait")), text);
          }
        }
      }
    }
  }

  @Test
  void actionWithZeroWeightNeverAppears() {
    Config c = Config.defaults().withWeight(Action.KILL, 0).withWeight(Action.SUBREAPER, 0)
        .withWeight(Action.POLL, 0);
    for (long seed = 0; seed < SEEDS; seed++) {
      String text = new ScenarioGenerator(c).generate(seed);
      assertFalse(text.contains("  kill"), text);
      assertFalse(text.contains("  prctl"), text);
      assertFalse(text.contains("WNOHANG\n  jlt"), text); // the poll loop's shape
    }
  }

  @Test
  void timeLimitAndRandomTieBreakReachTheKernelLine() {
    Config c = Config.defaults().withTimeLimitNs(2_000_000L);
    String text = new ScenarioGenerator(c).generate(1);
    assertEquals("2000000ns", field(text, "time_limit"));
    Config random = new Config(c.weights(), 4, 2, 10, 1000, 1000, 1, 1, 100, -1);
    assertEquals("random", field(new ScenarioGenerator(random).generate(1), "tiebreak"));
  }

  @Test
  void swarmConfigIsAFunctionOfTheSeedAndSwitchesActionsOff() {
    assertEquals(Config.swarm(42), Config.swarm(42));
    Set<ImmutableMap<Action, Integer>> distinct = new java.util.HashSet<>();
    int zeroes = 0;
    for (long s = 0; s < 100; s++) {
      Config c = Config.swarm(s);
      distinct.add(c.weights());
      for (Action a : Action.values()) {
        zeroes += c.weight(a) == 0 ? 1 : 0;
      }
    }
    assertTrue(distinct.size() > 90, "weights differ between seeds");
    assertTrue(zeroes > 100 * Action.values().length / 5, "a good share of actions is off");
    assertNotEquals(Config.swarm(1).describe(), Config.swarm(2).describe());
  }

  @Test
  void configRejectsWhatCannotBeGenerated() {
    Config d = Config.defaults();
    assertThrows(IllegalArgumentException.class, () -> d.withLimits(0, 1, 10));
    assertThrows(IllegalArgumentException.class, () -> d.withLimits(5, -1, 10));
    assertThrows(IllegalArgumentException.class, () -> d.withLimits(5, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> d.withWeight(Action.SLEEP, -1));
    assertThrows(IllegalArgumentException.class,
        () -> d.withWeights(ImmutableMap.of(Action.EXIT, 5)));
    assertThrows(IllegalArgumentException.class, () -> d.withTimeLimitNs(0));
    assertThrows(IllegalArgumentException.class,
        () -> new Config(d.weights(), 4, 2, 10, 999, 1000, 1, 1, 0, -1));
    assertThrows(IllegalArgumentException.class,
        () -> new Config(d.weights(), 4, 2, 10, 1000, 1000, 2, 1, 0, -1));
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  /** Instructions per process body, in node order (main first). */
  private static List<Integer> bodyLengths(String text) {
    List<Integer> lengths = new ArrayList<>();
    boolean inText = false;
    for (String line : text.split("\n")) {
      if (line.equals("end")) {
        break;
      }
      if (BODY_LABEL.matcher(line).matches()) {
        inText = true;
        lengths.add(0);
      } else if (inText && line.startsWith("  ") && !LOCAL_LABEL.matcher(line).matches()) {
        lengths.set(lengths.size() - 1, lengths.get(lengths.size() - 1) + 1);
      }
    }
    return lengths;
  }

  /** The value of {@code key=} on the kernel line. */
  private static String field(String text, String key) {
    Matcher m = Pattern.compile("\nkernel .*\\b" + key + "=(\\S+)").matcher(text);
    assertTrue(m.find(), key + " missing in\n" + text);
    return m.group(1);
  }
}
