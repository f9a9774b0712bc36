package io.simkernel.kernel.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.run.StopReason;
import io.simkernel.kernel.Sim;
import org.junit.jupiter.api.Test;

/**
 * Liveness for locks and semaphores: a process sleeping in {@code mp.acquire}/{@code sem_wait}
 * waits for the semaphore's holders (a Lock lives in the kernel, B27; a holder that dies never
 * releases it, B29), and a process in {@code mp.join} waits for the joined child (B15). When the
 * program deadlocks, the stop report names every edge and the cycle.
 */
class LockDeadlockReportTest {
  /** Two processes take two Locks in opposite order: the classic ABBA deadlock. */
  static final String ABBA = """
      program /usr/bin/python3
      text
      main:
        mp.lock r8                 # lock A (handle 1)
        mp.lock r9                 # lock B (handle 2)
        mp.process r7, worker, r8, r9
        mp.start r7
        mp.acquire r9              # main: B, then A
        sleep 1ms
        mp.acquire r8
        mp.release r8
        mp.release r9
        mp.join r7
        ret
      worker:                      # the child: A, then B
        mov r8, r0
        mov r9, r1
        mp.acquire r8
        sleep 1ms
        mp.acquire r9
        mp.release r9
        mp.release r8
        ret
      end
      run /usr/bin/python3
      """;

  @Test
  void twoLocksTakenInOppositeOrderAreReportedWithTheChain() {
    Sim.Run r = Sim.run(ABBA);
    assertEquals(StopReason.DEADLOCK, r.result().reason(), r.result().detail());
    String d = r.result().detail();
    // B27: each Lock is a kernel semaphore; its holder is the process that acquired it
    assertTrue(d.contains("pid 2 (python3) in mp.acquire(lock 1) waits for holders [3]"), d);
    assertTrue(d.contains("pid 3 (python3) in mp.acquire(lock 2) waits for holders [2]"), d);
    assertTrue(d.contains("cycle: 2 -> 3 -> 2"), d);
  }

  @Test
  void aJoinOnAChildStuckOnADeadHoldersLockNamesTheJoinAndTheHolder() {
    // B29: the first child takes the Lock and leaves by os._exit without releasing it; the
    // second sleeps in acquire forever; main joins the second (B15).
    Sim.Run r = Sim.run("""
        program /usr/bin/python3
        text
        main:
          mp.lock r9
          mp.process r7, taker, r9
          mp.start r7
          mp.join r7
          mp.process r8, waiter, r9
          mp.start r8
          mp.join r8
          ret
        taker:
          mp.acquire r0
          exit 0
        waiter:
          mp.acquire r0
          ret
        end
        run /usr/bin/python3
        """);
    assertEquals(StopReason.DEADLOCK, r.result().reason(), r.result().detail());
    String d = r.result().detail();
    assertTrue(d.contains("pid 2 (python3) in mp.join waits for pid 4"), d);
    assertTrue(d.contains("pid 4 (python3) in mp.acquire(lock 1) waits for holders [3]"), d);
  }

  @Test
  void namedSemaphoreSleepersWaitForTheUnitHolders() {
    // sem_overview(7): a unit taken and never posted; the parent's sem_wait waits for the child
    Sim.Run r = Sim.run("""
        program /bin/p
        text
        main:
          sem_open "/s", 1
          mov r7, r0
          fork
          jz r0, child
          sleep 1ms
          sem_wait r7
          exit 0
        child:
          sem_wait r7
          pause
        end
        run /bin/p
        """);
    assertEquals(StopReason.DEADLOCK, r.result().reason(), r.result().detail());
    String d = r.result().detail();
    assertTrue(d.contains("pid 2 (p) in sem_wait(\"/s\") waits for holders [3]"), d);
  }

  @Test
  void theReportIsDeterministic() {
    assertEquals(Sim.run(ABBA).result().detail(), Sim.run(ABBA).result().detail());
  }
}
