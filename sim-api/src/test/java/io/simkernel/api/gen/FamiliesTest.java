package io.simkernel.api.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.gen.ScenarioGenerator.Action;
import io.simkernel.api.gen.ScenarioGenerator.Config;
import io.simkernel.api.gen.ScenarioGenerator.Family;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operation families beyond the process tree (SIGCHLD ignored, exec, pipes, memory): off
 * unless asked for, deterministic, and drawn per seed by swarm mode when enabled. That the
 * scenarios run cleanly is the kernel's IoScenarioPropertyTest.
 */
class FamiliesTest {
  private static final List<String> NEW_CALLS =
      List.of("  pipe\n", "  mmap ", "  execve ", "  signal SIGCHLD", "  munmap ", "  dup2 ");

  @Test
  void defaultsAndProcessSwarmNeverUseTheNewFamilies() {
    for (long seed = 0; seed < 200; seed++) {
      for (String text : List.of(new ScenarioGenerator(Config.defaults()).generate(seed),
          new ScenarioGenerator(Config.swarm(seed)).generate(seed))) {
        for (String call : NEW_CALLS) {
          assertFalse(text.contains(call), text);
        }
        assertFalse(text.contains("program /bin/gx"), text);
      }
    }
  }

  @Test
  void processSwarmMixIsTheSameWhateverElseIsEnabled() {
    for (long seed = 0; seed < 50; seed++) {
      Config all = Config.swarm(seed, EnumSet.allOf(Family.class));
      Config process = Config.swarm(seed);
      for (Action a : Action.values()) {
        if (a.family() == Family.PROCESS && a != Action.SLEEP && a != Action.FORK) {
          assertEquals(process.weight(a), all.weight(a), a + " seed " + seed);
        }
      }
    }
  }

  @Test
  void everyFamilyShowsUpUnderSwarmAndTextsAreDeterministic() {
    int[] seen = new int[NEW_CALLS.size()];
    for (long seed = 0; seed < 300; seed++) {
      Config c = Config.swarm(seed, EnumSet.allOf(Family.class));
      String text = new ScenarioGenerator(c).generate(seed);
      assertEquals(text, new ScenarioGenerator(c).generate(seed));
      for (int i = 0; i < NEW_CALLS.size(); i++) {
        seen[i] += text.contains(NEW_CALLS.get(i)) ? 1 : 0;
      }
      assertEquals(c.weight(Action.EXEC) > 0, text.contains("program /bin/gx0\n"), text);
      assertEquals(c.weight(Action.PIPE) > 0, text.contains("gbuf: space 64KiB"), text);
    }
    for (int i = 0; i < seen.length; i++) {
      assertTrue(seen[i] > 5, NEW_CALLS.get(i) + " appeared in " + seen[i] + " of 300");
    }
  }

  @Test
  void pipeAndMemoryBlocksCloseWhatTheyOpenAndReapWhatTheyFork() {
    Config c = Config.defaults().withWeights(com.google.common.collect.ImmutableMap.of(
        Action.PIPE, 1, Action.MMAP, 1));
    for (long seed = 0; seed < 100; seed++) {
      String text = new ScenarioGenerator(c).generate(seed);
      assertEquals(count(text, "  pipe\n"), count(text, "  close r3\n") / 2, text);
      assertEquals(count(text, "  mmap "), count(text, "  munmap "), text);
      assertEquals(count(text, "  fork\n"), count(text, "  waitpid r13, 0\n"), text);
    }
  }

  @Test
  void selfChecksReportLinesWhoseValueIsNotTheExpectedOne() {
    assertEquals(List.of(), SelfChecks.failures("n1 mmap-private -> 5 expect 5\nn0 x -> 3\n"));
    assertEquals(List.of("n1 mmap-shared -> 5 expect 7"),
        SelfChecks.failures("n1 mmap-private -> 5 expect 5\nn1 mmap-shared -> 5 expect 7\n"));
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
