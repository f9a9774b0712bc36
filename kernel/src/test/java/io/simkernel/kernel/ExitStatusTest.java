package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static io.simkernel.kernel.Behaviour.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The wait status word: exit codes, fatal signals, the core flag, the shell's view of the main
 * program. posix-semantics §6 (TM-1 .. TM-7), §11 (default actions).
 */
class ExitStatusTest {

  /** A parent that forks a child running CHILD_CODE and prints the raw status in hex. */
  private static String parentPrintingStatus(String kernelLine, String childCode) {
    return kernelLine + """

        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          waitpid r6, 0
          print "status=%x\\n", r1
          exit 0
        child:
        """ + childCode + """
        end
        run /bin/p
        """;
  }

  @ParameterizedTest(name = "exit {0} -> status 0x{1}")
  @CsvSource({"0, 0", "1, 100", "42, 2a00", "256, 0", "-1, ff00", "0x1FF, ff00", "255, ff00"})
  void exitCodeLowByteGoesToBits8To15_TM1_TM3_TM5(String code, String hex) {
    Sim.Run r = completed(parentPrintingStatus("", "  exit " + code + "\n"));
    assertEquals("status=" + hex + "\n", r.stdout());
    assertEquals(Integer.parseInt(hex, 16), record(r, 3).status());
  }

  @Test
  void returnFromMainExitsWithR0() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          mov r0, 7
          ret
        end
        run /bin/p
        """);
    assertEquals(0x700, r.result().mainStatus());
    assertEquals(7, r.exitStatus());
  }

  @Test
  void childReturningFromMainExitsWithR0() {
    Sim.Run r = completed(parentPrintingStatus("", """
          mov r0, 42
          ret
        """));
    assertEquals("status=2a00\n", r.stdout());
  }

  @Test
  void killedBySigkillStatusIs9_TM5() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 1ms
          kill r6, SIGKILL
          waitpid r6, 0
          print "status=%x\\n", r1
          exit 0
        child:
          compute 1s
          exit 0
        end
        run /bin/p
        """);
    assertEquals("status=9\n", r.stdout());
    assertEquals(9, record(r, 3).status());
  }

  @Test
  void killedBySigtermStatusIsF_TM5() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 1ms
          kill r6, SIGTERM
          waitpid r6, 0
          print "status=%x\\n", r1
          exit 0
        child:
          sleep 1s
          exit 0
        end
        run /bin/p
        """);
    assertEquals("status=f\n", r.stdout());
  }

  @Test
  void mainProgramKilledBySigkillGivesShellStatus137_TM7() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          getpid
          kill r0, SIGKILL
          print "not reached\\n"
          exit 0
        end
        run /bin/p
        """);
    assertEquals("", r.stdout());
    assertEquals(9, r.result().mainStatus());
    assertEquals(137, r.exitStatus());
  }

  @Test
  void loadFromUnmappedAddressIsSigsegvWithoutCoreByDefault_TM6() {
    Sim.Run r = completed(parentPrintingStatus("", """
          mov r2, 0
          load r1, [r2]
          print "not reached\\n"
          exit 0
        """));
    // default RLIMIT_CORE is 0: no dump, no 0x80 flag
    assertEquals("status=b\n", r.stdout());
  }

  @Test
  void sigsegvSetsCoreFlagWhenCoreIsUnlimited_TM6() {
    Sim.Run r = completed(parentPrintingStatus("kernel core=unlimited", """
          mov r2, 0
          load r1, [r2]
          exit 0
        """));
    assertEquals("status=8b\n", r.stdout());
  }

  @Test
  void wcoredumpDecodesTheCoreFlag_TM4() {
    Sim.Run r = completed("""
        kernel core=unlimited
        program /bin/p
        text
        main:
          fork
          jz r0, child
          waitpid r0, 0
          wifsignaled r2, r1
          wtermsig r3, r1
          wcoredump r4, r1
          wifexited r5, r1
          print "signaled=%d sig=%d core=%d exited=%d\\n", r2, r3, r4, r5
          exit 0
        child:
          mov r2, 8
          store [r2], 1
          exit 0
        end
        run /bin/p
        """);
    assertEquals("signaled=1 sig=11 core=1 exited=0\n", r.stdout());
  }

  @Test
  void raisingTheCoreLimitWithSetrlimitSetsTheCoreFlag_RL3_TM6() {
    Sim.Run r = completed(parentPrintingStatus("", """
          setrlimit RLIMIT_CORE, RLIM_INFINITY
          mov r2, 0
          load r1, [r2]
          exit 0
        """));
    assertEquals("status=8b\n", r.stdout());
  }

  @Test
  void termSignalNeverSetsTheCoreFlagEvenWithCoreUnlimited_TM6() {
    Sim.Run r = completed(parentPrintingStatus("kernel core=unlimited", """
          raise SIGTERM
          exit 0
        """));
    assertEquals("status=f\n", r.stdout());
  }

  @Test
  void mainProgramSegfaultGivesShellStatus139_TM7() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          mov r2, 0
          load r1, [r2]
          exit 0
        end
        run /bin/p
        """);
    assertEquals(0xb, r.result().mainStatus());
    assertEquals(139, r.exitStatus());
  }

  @Test
  void divisionByZeroIsSigfpe_SI() {
    Sim.Run r = completed(parentPrintingStatus("", """
          mov r1, 5
          mov r2, 0
          div r1, r2
          print "not reached\\n"
          exit 0
        """));
    assertEquals("status=8\n", r.stdout());
  }

  @Test
  void remainderByZeroIsSigfpe_SI() {
    Sim.Run r = completed(parentPrintingStatus("", """
          mov r1, 5
          mod r1, 0
          exit 0
        """));
    assertEquals("status=8\n", r.stdout());
  }

  @Test
  void sigfpeWithCoreUnlimitedSetsCoreFlag_TM6() {
    Sim.Run r = completed(parentPrintingStatus("kernel core=unlimited", """
          mov r1, 5
          div r1, 0
          exit 0
        """));
    assertEquals("status=88\n", r.stdout());
  }

  @Test
  void ignoredSigsegvFromAFaultStillKills() {
    // Linux force_sig_fault (kernel/signal.c force_sig_info_to_task): a synchronous fault
    // signal that is ignored or blocked is reset to SIG_DFL and delivered, so the process dies.
    Sim.Run r = completed(parentPrintingStatus("", """
          signal SIGSEGV, SIG_IGN
          mov r2, 0
          load r1, [r2]
          print "not reached\\n"
          exit 0
        """));
    assertEquals("status=b\n", r.stdout());
  }

  @Test
  void blockedSigfpeFromAFaultStillKills() {
    Sim.Run r = completed(parentPrintingStatus("", """
          sigprocmask SIG_BLOCK, {SIGFPE}
          mov r1, 5
          div r1, 0
          print "not reached\\n"
          exit 0
        """));
    assertEquals("status=8\n", r.stdout());
  }

  @Test
  void macrosDecodeANormalExit_TM4() {
    Sim.Run r = completed(parentPrintingStatus("", "  exit 42\n").replace(
        "print \"status=%x\\n\", r1",
        """
        wifexited r2, r1
          wexitstatus r3, r1
          wifsignaled r4, r1
          wifstopped r5, r1
          wifcontinued r7, r1
          print "exited=%d code=%d signaled=%d stopped=%d continued=%d\\n", r2, r3, r4, r5, r7"""));
    assertEquals("exited=1 code=42 signaled=0 stopped=0 continued=0\n", r.stdout());
  }

  @Test
  void onlyTheLowByteOfALargeExitCodeReachesTheParent_TM1() {
    Sim.Run r = completed(parentPrintingStatus("", "  exit 0x12345\n"));
    assertEquals("status=4500\n", r.stdout());
  }

  @Test
  void theShellStatusIsTheMainProgramsEvenWhenChildrenOutliveIt_TM7() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          exit 3
        child:
          sleep 5ms
          exit 9
        end
        run /bin/p
        """);
    assertEquals(3, r.exitStatus());
    assertTrue(r.result().virtualNs() >= 5_000_000, "the run lasts until the orphan ends");
  }

  @Test
  void aStoreIntoTheTextSegmentIsSigsegv_MM6() {
    // text is mapped read+execute at 0x400000 (non-PIE layout, docs/scenario-language.md)
    Sim.Run r = completed(parentPrintingStatus("", """
          mov r2, 0x400000
          store [r2], 1
          exit 0
        """));
    assertEquals("status=b\n", r.stdout());
  }

  @Test
  void aLoadFromTheTextSegmentDoesNotFault_MM6() {
    // text is readable (r-x): a C program may read its own code bytes; only writes fault
    Sim.Run r = completed(parentPrintingStatus("", """
          mov r2, 0x400000
          load r3, [r2]
          exit 0
        """));
    assertEquals("status=0\n", r.stdout());
  }

  @Test
  void endlessRecursionOverflowsTheStackWithSigsegv() {
    Sim.Run r = completed(parentPrintingStatus("", """
        again:
          call again
        """));
    assertEquals("status=b\n", r.stdout());
  }

  @Test
  void dividingTheMostNegativeNumberByMinusOneIsSigfpe() {
    // x86-64 idiv raises #DE on overflow, which Linux delivers as SIGFPE
    Sim.Run r = completed(parentPrintingStatus("", """
          mov r1, 0x8000000000000000
          div r1, -1
          exit 0
        """));
    assertEquals("status=8\n", r.stdout());
  }
}
