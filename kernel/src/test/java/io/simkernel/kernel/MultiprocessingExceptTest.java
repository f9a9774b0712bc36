package io.simkernel.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * B11, EXP-7: a fork child's uncaught error ends the child with exit code 1 and a traceback,
 * even when the parent called {@code start()} inside a try/except: the target runs in
 * {@code BaseProcess._bootstrap}, not in the parent's frame, so the parent's handler is not
 * inherited.
 */
class MultiprocessingExceptTest {
  @Test
  void aForkChildDoesNotInheritTheParentsExceptHandler() {
    Sim.Run r = Sim.run("""
        program /usr/bin/python3
        text
        main:
          mp.except caught
          mp.process r7, boom
          mp.start r7
          mp.join r7
          mp.exitcode r8, r7
          print "exitcode=%r\\n", r8
          ret
        caught:
          print "caught %s\\n", r0
          ret
        boom:
          mp.raise "ValueError: boom"
        end
        run /usr/bin/python3
        """);
    assertEquals("exitcode=1\n", r.stdout());
    assertFalse(r.stdout().contains("caught"));
    assertTrue(r.stderr().contains("ValueError: boom"), r.stderr());
  }
}
