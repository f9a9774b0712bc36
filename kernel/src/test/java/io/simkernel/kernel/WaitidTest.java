package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * waitid: idtypes, option validation, the siginfo it fills (r1 = si_pid, r2 = si_signo,
 * r3 = si_code, r4 = si_status), WNOWAIT. posix-semantics WT-3, WT-4, WT-6, WT-9, WT-12.
 */
class WaitidTest {

  @Test
  void waitidPPidWithIdZeroFailsWithEinval_WT3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          waitid P_PID, 0, WEXITED
          print "%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-EINVAL\n", r.stdout());
  }

  @Test
  void waitidWithoutAnEventFlagFailsWithEinval_WT4() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          waitid P_ALL, 0, WNOHANG
          print "%e\\n", r0
          waitid P_ALL, 0, 0
          print "%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-EINVAL\n-EINVAL\n", r.stdout());
  }

  @Test
  void waitidWithAnUnknownIdtypeFailsWithEinval_WT3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          waitid 7, 0, WEXITED
          print "%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-EINVAL\n", r.stdout());
  }

  @Test
  void waitidPPgidWithNegativeIdFailsWithEinval_WT3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          waitid P_PGID, -1, WEXITED
          print "%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-EINVAL\n", r.stdout());
  }

  @Test
  void waitidWithNoChildrenFailsWithEchild_WT6() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          waitid P_ALL, 0, WEXITED|WNOHANG
          print "%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-ECHILD\n", r.stdout());
  }

  @Test
  void waitidReportsCldExitedWithTheExitCode_WT12() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          waitid P_PID, r0, WEXITED
          print "r0=%d pid=%d signo=%d code=%d status=%d\\n", r0, r1, r2, r3, r4
          exit 0
        child:
          exit 300
        end
        run /bin/p
        """);
    // si_signo SIGCHLD (17), CLD_EXITED (1), si_status = 300 & 0xFF
    assertEquals("r0=0 pid=3 signo=17 code=1 status=44\n", r.stdout());
  }

  @Test
  void waitidReportsCldKilledWithTheSignal_WT12() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 1ms
          kill r6, SIGTERM
          waitid P_ALL, 0, WEXITED
          print "r0=%d pid=%d signo=%d code=%d status=%d\\n", r0, r1, r2, r3, r4
          exit 0
        child:
          sleep 1s
          exit 0
        end
        run /bin/p
        """);
    assertEquals("r0=0 pid=3 signo=17 code=2 status=15\n", r.stdout());
  }

  @Test
  void waitidReportsCldDumpedWhenACoreWasWritten_TM6_WT12() {
    Sim.Run r = completed("""
        kernel core=unlimited
        program /bin/p
        text
        main:
          fork
          jz r0, child
          waitid P_ALL, 0, WEXITED
          print "code=%d status=%d\\n", r3, r4
          exit 0
        child:
          mov r2, 0
          load r2, [r2]
          exit 0
        end
        run /bin/p
        """);
    assertEquals("code=3 status=11\n", r.stdout());
  }

  @Test
  void waitidWnowaitLeavesTheZombieWaitable_WT9() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          waitid P_PID, r6, WEXITED|WNOWAIT
          print "peek r0=%d pid=%d status=%d\\n", r0, r1, r4
          kill r6, 0
          print "still there: kill=%d\\n", r0
          waitid P_PID, r6, WEXITED
          print "reap r0=%d pid=%d status=%d\\n", r0, r1, r4
          waitid P_PID, r6, WEXITED
          print "again %e\\n", r0
          exit 0
        child:
          exit 5
        end
        run /bin/p
        """);
    assertEquals("peek r0=0 pid=3 status=5\nstill there: kill=0\n"
        + "reap r0=0 pid=3 status=5\nagain -ECHILD\n", r.stdout());
  }

  @Test
  void waitidWnohangWithNothingToReportReturnsZeroAndZeroedSiginfo_WT12() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r1, 77
          mov r2, 77
          mov r3, 77
          mov r4, 77
          waitid P_ALL, 0, WEXITED|WNOHANG
          print "r0=%d pid=%d signo=%d code=%d status=%d\\n", r0, r1, r2, r3, r4
          wait
          exit 0
        child:
          sleep 5ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals("r0=0 pid=0 signo=0 code=0 status=0\n", r.stdout());
  }

  @Test
  void waitidOnlyWstoppedWithOnlyZombieChildrenFailsWithEchild_WT6() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          sleep 2ms
          waitid P_ALL, 0, WSTOPPED
          print "%e\\n", r0
          wait
          print "reaped %d\\n", r0
          exit 0
        child:
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-ECHILD\nreaped 3\n", r.stdout());
  }

  @Test
  void waitidPPgidSelectsThatGroup_WT3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, grouped
          mov r6, r0
          setpgid r6, r6
          fork
          jz r0, plain
          waitid P_PGID, r6, WEXITED
          print "pid=%d\\n", r1
          wait
          exit 0
        grouped:
          sleep 3ms
          exit 0
        plain:
          exit 0
        end
        run /bin/p
        """);
    assertEquals("pid=3\n", r.stdout());
  }

  @Test
  void waitidPPgidZeroMeansTheCallersGroup_WT3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          setpgid 0, 0
          fork
          jz r0, other
          mov r6, r0
          setpgid r6, r6
          fork
          jz r0, same
          waitid P_PGID, 0, WEXITED
          print "pid=%d\\n", r1
          wait
          exit 0
        other:
          exit 0
        same:
          sleep 3ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals("pid=4\n", r.stdout());
  }
}
