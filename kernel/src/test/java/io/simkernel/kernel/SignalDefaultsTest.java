package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static io.simkernel.kernel.Behaviour.record;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The default action of every signal (posix-semantics §11 table, SG-18, TM-3, TM-5, TM-6) and
 * the stop signals in orphaned and non-orphaned groups (JC-1, PG-8, PG-10). Each case: a child
 * raises the signal (default disposition) and the parent reports what waitpid saw.
 */
class SignalDefaultsTest {

  private static String childRaises(String kernelLine, String sig, String options) {
    return kernelLine + """

        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          waitpid r6, @OPT@
          print "status=%x\\n", r1
          kill r6, SIGKILL
          waitpid r6, 0
          exit 0
        child:
          @SETUP@
          raise @SIG@
          exit 0
        end
        run /bin/p
        """.replace("@OPT@", options).replace("@SIG@", sig);
  }

  @ParameterizedTest(name = "signal {0} terminates without core")
  @ValueSource(ints = {1, 2, 10, 12, 13, 14, 15, 16, 26, 27, 29, 30, 32, 34, 50, 64})
  void termSignalsTerminateWithoutTheCoreFlag_TM6(int sig) {
    // core=unlimited: a Term signal still never sets the flag
    Sim.Run r = completed(childRaises("kernel core=unlimited", "" + sig, "0")
        .replace("@SETUP@", ""));
    assertEquals("status=" + Integer.toHexString(sig) + "\n", r.stdout());
    assertEquals(sig, record(r, 3).status());
  }

  @ParameterizedTest(name = "signal {0} dumps core")
  @ValueSource(ints = {3, 4, 5, 6, 7, 8, 11, 24, 25, 31})
  void coreSignalsSetTheCoreFlagWhenCoreIsUnlimited_TM6(int sig) {
    Sim.Run r = completed(childRaises("kernel core=unlimited", "" + sig, "0")
        .replace("@SETUP@", ""));
    assertEquals("status=" + Integer.toHexString(sig | 0x80) + "\n", r.stdout());
  }

  @ParameterizedTest(name = "signal {0} without a core limit")
  @ValueSource(ints = {3, 4, 5, 6, 7, 8, 11, 24, 25, 31})
  void coreSignalsDoNotSetTheCoreFlagWithTheDefaultCoreLimit_TM6(int sig) {
    Sim.Run r = completed(childRaises("", "" + sig, "0").replace("@SETUP@", ""));
    assertEquals("status=" + Integer.toHexString(sig) + "\n", r.stdout());
  }

  @ParameterizedTest(name = "signal {0} is ignored by default")
  @ValueSource(ints = {17, 18, 23, 28})
  void ignoreAndContinueSignalsDoNothingByDefault_SG18(int sig) {
    Sim.Run r = completed(childRaises("", "" + sig, "0").replace("@SETUP@", ""));
    assertEquals("status=0\n", r.stdout());
  }

  @Test
  void sigstopStopsTheChildAndWuntracedReportsIt_JC1_TM5() {
    Sim.Run r = completed(childRaises("", "SIGSTOP", "WUNTRACED")
        .replace("@SETUP@", "setpgid 0, 0"));
    assertEquals("status=137f\n", r.stdout());
    assertEquals(9, record(r, 3).status(), "then killed while stopped (ST-3)");
  }

  @ParameterizedTest(name = "signal {0} stops a process of a non-orphaned group")
  @ValueSource(ints = {20, 21, 22})
  void terminalStopSignalsStopAProcessOfANonOrphanedGroup_JC1_PG8(int sig) {
    // the child leads group 3; its parent is in group 2 of the same session: not orphaned
    Sim.Run r = completed(childRaises("", "" + sig, "WUNTRACED")
        .replace("@SETUP@", "setpgid 0, 0"));
    assertEquals("status=" + Integer.toHexString((sig << 8) | 0x7F) + "\n", r.stdout());
  }

  @ParameterizedTest(name = "signal {0} is discarded in an orphaned group")
  @ValueSource(ints = {20, 21, 22})
  void terminalStopSignalsAreDiscardedInAnOrphanedGroup_PG10(int sig) {
    // group 2: its members are 2 (parent init, another session) and 3 (parent 2, same group):
    // no member has a parent in a different group of the same session, so it is orphaned
    Sim.Run r = completed(childRaises("", "" + sig, "WUNTRACED").replace("@SETUP@", ""));
    assertEquals("status=0\n", r.stdout());
  }

  @Test
  void sigstopStopsEvenInAnOrphanedGroup_PG10() {
    Sim.Run r = completed(childRaises("", "SIGSTOP", "WUNTRACED").replace("@SETUP@", ""));
    assertEquals("status=137f\n", r.stdout());
  }
}
