package io.simkernel.kernel.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** posix-semantics §1: PID-2 .. PID-6. */
class PidAllocatorTest {
  @Test
  void firstPidsAreConsecutiveFromOne_PID8() {
    PidAllocator a = new PidAllocator(32768);
    assertEquals(1, a.allocate());
    assertEquals(2, a.allocate());
    assertEquals(3, a.allocate());
  }

  @Test
  void aReleasedPidIsNotReusedImmediately_PID4() {
    PidAllocator a = new PidAllocator(32768);
    a.allocate(); // init
    int child = a.allocate();
    a.release(child);
    assertEquals(child + 1, a.allocate());
  }

  @Test
  void allocationWrapsTo300OnceTheCursorPassedIt_PID3() {
    PidAllocator a = new PidAllocator(1000);
    for (int i = 1; i < 1000; i++) {
      assertEquals(i, a.allocate());
    }
    for (int pid = 2; pid < 1000; pid++) {
      a.release(pid);
    }
    // 1..299 are never reused after the wrap; the search restarts at RESERVED_PIDS
    assertEquals(300, a.allocate());
    assertEquals(301, a.allocate());
  }

  @Test
  void largestPidIsPidMaxMinusOne_PID2() {
    PidAllocator a = new PidAllocator(301);
    int last = 0;
    for (int pid; (pid = a.allocate()) > 0; ) {
      last = pid;
    }
    assertEquals(300, last);
  }

  @Test
  void exhaustionReturnsMinusOne_PID6() {
    PidAllocator a = new PidAllocator(301);
    for (int i = 1; i <= 300; i++) {
      assertEquals(i, a.allocate());
    }
    assertEquals(-1, a.allocate());
  }

  @Test
  void aNumberStaysTakenWhileAGroupOrSessionUsesIt_PID5() {
    PidAllocator a = new PidAllocator(400);
    for (int i = 1; i < 400; i++) {
      a.allocate();
    }
    a.retain(350); // pid 350 leads a process group
    for (int pid = 300; pid < 400; pid++) {
      a.release(pid);
    }
    assertTrue(a.isAllocated(350), "still the group's number");
    for (int pid = 300; pid < 400; pid++) {
      if (pid == 350) {
        continue;
      }
      int got = a.allocate();
      assertFalse(got == 350, "a PID in use as a PGID was handed out");
    }
    assertEquals(-1, a.allocate());
  }

  @Test
  void pidMaxOutsideLinuxRangeIsRejected_PID2() {
    assertThrows(IllegalArgumentException.class, () -> new PidAllocator(300));
    assertThrows(IllegalArgumentException.class, () -> new PidAllocator(4_194_305));
  }
}
