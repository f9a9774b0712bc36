package io.simkernel.cli.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The liveness rule "no process is blocked forever unless the program itself deadlocks" as
 * {@code simkernel check} reports it: a pipe deadlock (pipe(7): a reader of an empty pipe sleeps
 * while a write end is open) is a {@code blocked-forever} failure whose evidence is the wait-for
 * chain.
 */
class SeedCheckerLivenessTest {
  @Test
  void aPipeDeadlockIsReportedWithItsWaitForChain() {
    Failure f = new SeedChecker(List.of(), Set.of()).check("""
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
          read r7, [buf], 1
          exit 0
        child:
          read r9, [buf], 1
          exit 0
        end
        run /bin/p
        """);
    assertNotNull(f);
    assertEquals(Failure.Kind.LIVENESS, f.kind(), f.toString());
    assertEquals("blocked-forever", f.name(), f.toString());
    assertTrue(f.detail().startsWith("wait-for chain: "), f.detail());
    assertTrue(f.detail().contains("pid 2 (p) in pipe_read waits for writers [2, 3]"), f.detail());
    assertTrue(f.detail().contains("pid 3 (p) in pipe_read waits for writers [2, 3]"), f.detail());
  }
}
