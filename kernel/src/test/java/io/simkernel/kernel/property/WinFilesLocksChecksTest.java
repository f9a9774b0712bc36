package io.simkernel.kernel.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.gen.ScenarioGenerator;
import io.simkernel.api.gen.ScenarioGenerator.Action;
import io.simkernel.api.gen.SelfChecks;
import io.simkernel.kernel.Sim;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The WINDOWS, FILES and LOCKS self-checks are not vacuous: every kind of check is printed (so
 * it ran and held) on a few focused seeds, and the lock check fails once the locks are taken
 * out of the same programs — the lost update it exists to catch.
 */
class WinFilesLocksChecksTest {
  private static final int SEEDS = 30;

  @Test
  void everyKindOfCheckRunsAndHolds() {
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (String verb : List.of(
        // windows.md A21-A25, A7/A8, A22, A27, A12-A14, A26; the C runtime's argv rules (A3)
        "cp-exitcode ->", "cp-wait-thread ->", "cp-active ->", "cp-timeout ->", "cp-terminate ->",
        "job-close ->", "cp-inherited-at ->", "wt close-inherited ->", "wt close-again ->",
        "argc ->", "fork ->",
        // open(2), read(2), write(2), unlink(2), dup2(2); posix-semantics FK-3; O_APPEND
        "file-open ->", "file-read ->", "file-byte ->", "file-eof ->", "file-gone ->",
        "file-shared-write ->", "file-shared-eof ->", "file-append ->", "file-dup2 ->",
        "file-dup-eof ->", "file-unlink ->",
        // sem_open/sem_wait/sem_post, mp.lock (multiprocessing.md B27)
        "lock-counter sem ->", "lock-counter mp ->")) {
      seen.put(verb, 0);
    }
    for (Action a : List.of(Action.CREATEPROCESS, Action.FILE, Action.LOCK)) {
      ScenarioGenerator gen = new ScenarioGenerator(WinFilesLocksPropertyTest.focused(a));
      for (long seed = 0; seed < SEEDS; seed++) {
        Sim.Run run = Sim.run(gen.generate(seed));
        assertEquals(List.of(), SelfChecks.failures(run.stdout()), a + " seed " + seed);
        for (String line : run.stdout().split("\n")) {
          for (Map.Entry<String, Integer> e : seen.entrySet()) {
            if (line.contains(e.getKey()) && line.contains(" expect ")) {
              e.setValue(e.getValue() + 1);
            }
          }
        }
      }
    }
    seen.forEach((verb, n) -> assertTrue(n > 0, "no `" + verb + "` check ran: " + seen));
  }

  @Test
  void withoutTheLocksUpdatesAreLost() {
    ScenarioGenerator gen = new ScenarioGenerator(WinFilesLocksPropertyTest.focused(Action.LOCK));
    int lost = 0;
    for (long seed = 0; seed < SEEDS; seed++) {
      String text = gen.generate(seed);
      String unlocked = text.replace("  sem_wait r4\n", "  getpid\n")
          .replace("  sem_post r4\n", "  getpid\n").replace("  mp.acquire r4\n", "  getpid\n")
          .replace("  mp.release r4\n", "  getpid\n");
      assertEquals(List.of(), SelfChecks.failures(Sim.run(text).stdout()), "seed " + seed);
      lost += (int) SelfChecks.failures(Sim.run(unlocked).stdout()).stream()
          .filter(l -> l.contains("lock-counter")).count();
    }
    assertTrue(lost > 0, "the lock check never caught a lost update without the locks");
  }
}
