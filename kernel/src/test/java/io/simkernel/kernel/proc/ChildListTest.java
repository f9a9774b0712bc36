package io.simkernel.kernel.proc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ChildList} against the plain ordered list it replaced (issue 9): the same order after
 * any mix of appends, removals and adoptions, and the same first zombie a front-to-back scan
 * finds (WT-8: wait examines the children in list order; FK-7, RP-3: appended at the tail).
 */
class ChildListTest {
  @Test
  void matchesAnOrderedListAndItsFrontToBackScan() {
    for (long seed = 1; seed <= 40; seed++) {
      runSeed(seed, seed % 2 == 0 ? 6 : 400);
    }
  }

  private static void runSeed(long seed, int maxKids) {
    SplittableRandom rnd = new SplittableRandom(seed);
    ProcessTable table = new ProcessTable(1024, null); // small: PIDs are reused // no transition here emits an event
    Process parent = make(table, 0);
    Process other = make(table, 0);
    List<Integer> model = new ArrayList<>();
    for (int step = 0; step < 4000; step++) {
      int op = rnd.nextInt(10);
      if (op < 4 && model.size() < maxKids) {
        Process c = make(table, parent.pid());
        boolean adoptZombie = rnd.nextInt(8) == 0;
        if (adoptZombie) { // RP-4: a zombie adopted from another parent keeps its state
          table.addChild(other, c);
          table.advance(c, TaskState.EXIT_ZOMBIE, "test", 0);
          table.reparent(c, other, parent);
        } else {
          table.addChild(parent, c);
        }
        model.add(c.pid());
      } else if (op < 7 && !model.isEmpty()) {
        Process c = table.get(model.get(rnd.nextInt(model.size())));
        if (c.state() == TaskState.TASK_RUNNING) {
          table.advance(c, TaskState.EXIT_ZOMBIE, "test", 0);
        }
      } else if (!model.isEmpty()) {
        int pick = rnd.nextInt(10) < 5 ? firstZombie(table, model) : 0;
        Process c = table.get(pick != 0 ? pick : model.get(rnd.nextInt(model.size())));
        table.removeChild(parent, c);
        model.remove((Integer) c.pid());
        if (c.state() == TaskState.TASK_RUNNING) {
          table.advance(c, TaskState.EXIT_ZOMBIE, "test", 0);
        }
        table.advance(c, TaskState.EXIT_DEAD, "test", 0);
        table.remove(c);
      }
      int[] expected = model.stream().mapToInt(Integer::intValue).toArray();
      assertArrayEquals(expected, parent.children().toArray(), "seed " + seed + " step " + step);
      assertEquals(model.toString(), parent.children().toString());
      assertEquals(firstZombie(table, model), table.firstZombieChild(parent),
          "seed " + seed + " step " + step);
      if (!model.isEmpty()) {
        int probe = model.get(rnd.nextInt(model.size()));
        assertEquals(true, parent.children().contains(probe));
      }
    }
  }

  /** A record as fork makes one: its PID also names its own group and session (PID-5). */
  private static Process make(ProcessTable table, int ppid) {
    Process c = table.create(ppid, 0, 0);
    c.setPgid(c.pid());
    c.setSid(c.pid());
    table.pids().retain(c.pid());
    table.pids().retain(c.pid());
    return c;
  }

  /** The old scan: the first child in list order that is a zombie. */
  private static int firstZombie(ProcessTable table, List<Integer> model) {
    for (int pid : model) {
      if (table.get(pid).state() == TaskState.EXIT_ZOMBIE) {
        return pid;
      }
    }
    return 0;
  }
}
