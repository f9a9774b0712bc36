package io.simkernel.traces.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.trace.KernelEvent;
import io.simkernel.traces.TestRuns;
import io.simkernel.traces.TestRuns.Recorded;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The process model behind the exporters follows states, parents and fates correctly. */
class TasksTest {
  private static Tasks follow(Recorded r) {
    Tasks t = new Tasks(true, true);
    r.events().forEach(e -> t.apply(KernelEvent.of(e)));
    t.finish(r.end().timeNs());
    return t;
  }

  private static Task pid(Tasks t, int pid) {
    return t.all().stream().filter(x -> x.pid() == pid).findFirst().orElseThrow();
  }

  @Test
  void slicesCoverEachProcessFromCreationToReleaseWithoutGapsOrOverlaps() {
    Recorded r = TestRuns.record(TestRuns.parse("busy.sks", TestRuns.BUSY));
    for (Task t : follow(r).all()) {
      List<Task.Slice> s = t.slices();
      assertTrue(!s.isEmpty(), "pid " + t.pid());
      for (int i = 1; i < s.size(); i++) {
        assertEquals(s.get(i - 1).endNs(), s.get(i).startNs(), "pid " + t.pid() + " slice " + i);
      }
      long end = t.freeNs() >= 0 ? t.freeNs() : r.end().timeNs();
      assertEquals(end, s.get(s.size() - 1).endNs(), "pid " + t.pid());
    }
  }

  @Test
  void aStoppedThenKilledChildShowsItsStopAndItsFate() {
    Tasks t = follow(TestRuns.record(TestRuns.parse("busy.sks", TestRuns.BUSY)));
    Task stopper = pid(t, 4);
    assertTrue(stopper.slices().stream().anyMatch(s -> s.state() == TaskState.STOPPED
        && s.label().equals("stopped by SIGSTOP")));
    assertEquals(15, stopper.status() & 0x7F, "killed by SIGTERM");
    assertEquals(2, stopper.reapedBy());
    Task leaf = pid(t, 3);
    assertEquals("/bin/leaf", leaf.image());
    assertEquals("leaf", leaf.comm());
    assertEquals(3, leaf.status() >> 8);
    assertTrue(leaf.cpuNs() >= 3_000_000, "compute 3ms: " + leaf.cpuNs());
  }

  @Test
  void aZombieIsAZombieUntilReaped() {
    Recorded r = TestRuns.record(TestRuns.parse(TestRuns.examples().stream()
        .filter(p -> p.getFileName().toString().equals("zombie-reap.sks")).findFirst()
        .orElseThrow()));
    Task child = pid(follow(r), 3);
    Task.Slice last = child.slices().get(child.slices().size() - 1);
    assertEquals(TaskState.ZOMBIE, last.state());
    assertEquals(child.exitNs(), last.startNs());
    assertEquals(child.freeNs(), last.endNs());
    assertTrue(last.endNs() - last.startNs() > 299_000_000L);
  }
}
