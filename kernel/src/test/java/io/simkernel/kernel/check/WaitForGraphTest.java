package io.simkernel.kernel.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.run.StopReason;
import io.simkernel.kernel.Sim;
import org.junit.jupiter.api.Test;

/**
 * Liveness: "no process is blocked forever unless the program itself deadlocks" — and when it
 * does, the deadlock report names the wait-for chain. pipe(7): a read of an empty pipe sleeps
 * while any write end is open, so two processes that each read a pipe the other should write,
 * both still holding every end, wait for each other forever.
 */
class WaitForGraphTest {
  @Test
  void twoReadersOfEachOthersPipesAreReportedAsACycle() {
    Sim.Run r = Sim.run("""
        program /bin/p
        data
          buf: space 8
        text
        main:
          pipe
          mov r7, r1
          mov r8, r2
          pipe
          mov r9, r1
          mov r10, r2
          fork
          jz r0, child
          read r7, [buf], 1     # the child should write pipe A, but reads pipe B first
          exit 0
        child:
          read r9, [buf], 1     # the parent should write pipe B, but reads pipe A first
          exit 0
        end
        run /bin/p
        """);
    assertEquals(StopReason.DEADLOCK, r.result().reason(), r.result().detail());
    String d = r.result().detail();
    // both hold both write ends after fork, so each waits for the writers {2, 3}
    assertTrue(d.contains("pid 2 (p) in pipe_read waits for writers [2, 3]"), d);
    assertTrue(d.contains("pid 3 (p) in pipe_read waits for writers [2, 3]"), d);
  }

  @Test
  void aParentWaitingForAChildStuckOnAPipeNamesBothEdges() {
    Sim.Run r = Sim.run("""
        program /bin/p
        data
          buf: space 8
        text
        main:
          pipe
          mov r7, r1
          mov r8, r2
          fork
          jz r0, child
          close r7
          wait                  # never closes its write end: the child never sees EOF
          exit 0
        child:
          close r8
          read r7, [buf], 1
          exit 0
        end
        run /bin/p
        """);
    assertEquals(StopReason.DEADLOCK, r.result().reason(), r.result().detail());
    String d = r.result().detail();
    assertTrue(d.contains("pid 2 (p) in wait for children [3]"), d);
    assertTrue(d.contains("pid 3 (p) in pipe_read waits for writers [2]"), d);
  }
}
