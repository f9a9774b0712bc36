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
 * The WINDOWS, FILES and LOCKS generators: off unless asked for, deterministic, drawn by swarm
 * mode without disturbing the older families' draws, and their blocks balanced (what they
 * create they close, end or reap). That the scenarios run cleanly and their self-checks hold is
 * the kernel's WinFilesLocksPropertyTest.
 */
class WinFilesLocksFamiliesTest {
  private static final List<String> NEW_CALLS = List.of("  CreateProcess ", "  open ",
      "  sem_open ", "  mp.lock ", "  CreateJobObject\n", "  unlink ", "program /bin/gw0");

  @Test
  void offUnlessAskedFor() {
    EnumSet<Family> old = EnumSet.range(Family.PROCESS, Family.MEMORY);
    for (long seed = 0; seed < 200; seed++) {
      for (String text : List.of(new ScenarioGenerator(Config.defaults()).generate(seed),
          new ScenarioGenerator(Config.swarm(seed, old)).generate(seed))) {
        for (String call : NEW_CALLS) {
          assertFalse(text.contains(call), text);
        }
        assertFalse(text.contains("dir  /tmp"), text);
      }
    }
  }

  @Test
  void olderFamiliesDrawTheSameWeightsWhateverIsAdded() {
    EnumSet<Family> old = EnumSet.range(Family.PROCESS, Family.MEMORY);
    for (long seed = 0; seed < 200; seed++) {
      Config before = Config.swarm(seed, old);
      Config after = Config.swarm(seed, EnumSet.allOf(Family.class));
      for (Action a : Action.values()) {
        if (a.family().compareTo(Family.MEMORY) <= 0 && a != Action.SLEEP) {
          assertEquals(before.weight(a), after.weight(a), a + " seed " + seed);
        }
      }
      assertEquals(before.maxProcesses(), after.maxProcesses());
      assertEquals(before.maxInstructions(), after.maxInstructions());
      assertEquals(before.maxCpus(), after.maxCpus());
    }
  }

  @Test
  void swarmDrawsEachNewFamilyAndTextsAreDeterministic() {
    int[] seen = new int[NEW_CALLS.size()];
    for (long seed = 0; seed < 400; seed++) {
      Config c = Config.swarm(seed, EnumSet.allOf(Family.class));
      String text = new ScenarioGenerator(c).generate(seed);
      assertEquals(text, new ScenarioGenerator(c).generate(seed));
      for (int i = 0; i < NEW_CALLS.size(); i++) {
        seen[i] += text.contains(NEW_CALLS.get(i)) ? 1 : 0;
      }
      assertEquals(c.weight(Action.CREATEPROCESS) > 0, text.contains("program /bin/gwt\n"));
      assertEquals(c.weight(Action.FILE) > 0, text.contains("fbuf: space 4KiB"));
    }
    for (int i = 0; i < seen.length; i++) {
      assertTrue(seen[i] > 5, NEW_CALLS.get(i) + " appeared in " + seen[i] + " of 400");
    }
  }

  @Test
  void blocksCloseWhatTheyOpenAndEndWhatTheyCreate() {
    for (Action a : List.of(Action.CREATEPROCESS, Action.FILE, Action.LOCK)) {
      Config c = Config.defaults().withWeight(a, 8).withLimits(12, 4, 64);
      int blocks = 0;
      for (long seed = 0; seed < 100; seed++) {
        String body = new ScenarioGenerator(c).generate(seed).split("\nend\n")[0];
        int creates = count(body, "  CreateProcess \"/bin/gw0\"")
            + count(body, "  CreateProcess \"/bin/gw1\"");
        // every process handle a body gets is closed after its process has ended (A21-A25)
        assertEquals(creates, count(body, "cp-exitcode -> %d"), body);
        assertEquals(creates, count(body, "  CloseHandle r13\n"), body);
        assertEquals(count(body, "  CreateJobObject\n"), count(body, "  CloseHandle r15\n")
            - count(body, "  CreateProcess \"/bin/gwt\""), body);
        // every descriptor a block opens is closed by the opener (the open after unlink fails;
        // the dup2 child's own close is not the opener's)
        assertEquals(count(body, "  open ") - count(body, "file-gone -> %d"),
            count(body, "  close r3\n") - count(body, "  dup2  r3, 1\n")
                + count(body, "  close r4\n"), body);
        assertEquals(count(body, "  dup2  r4, 40\n"), count(body, "  close 40\n"), body);
        // every lock block maps its counter and unmaps it
        assertEquals(count(body, "lock-counter"), count(body, "  munmap r3, 4096\n"), body);
        blocks += creates + count(body, "  open ") + count(body, "lock-counter");
      }
      assertTrue(blocks > 100, a + ": only " + blocks + " blocks in 100 seeds");
    }
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
