package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The less common wait options: Linux's extra waitpid flags, WNOWAIT with WNOHANG, stop and
 * continue reports (WUNTRACED, WCONTINUED) and their waitid siginfo. posix-semantics WT-4,
 * WT-6, WT-10, WT-11, WT-12, WT-13, TM-5.
 */
class WaitOptionsTest {

  @Test
  void waitpidAcceptsTheLinuxWallFlag_WT4() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          waitpid -1, 0x40000000
          print "waitpid=%d\\n", r0
          exit 0
        child:
          exit 0
        end
        run /bin/p
        """);
    assertEquals("waitpid=3\n", r.stdout());
  }

  @Test
  void waitpidWithWcontinuedStillReportsAnExit_WT4() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          waitpid -1, WCONTINUED|WUNTRACED
          print "waitpid=%d status=%x\\n", r0, r1
          exit 0
        child:
          exit 2
        end
        run /bin/p
        """);
    assertEquals("waitpid=3 status=200\n", r.stdout());
  }

  @Test
  void waitidWnohangWnowaitOnALiveChildReturnsZero_WT12() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          waitid P_ALL, 0, WEXITED|WNOHANG|WNOWAIT
          print "r0=%d pid=%d\\n", r0, r1
          wait
          exit 0
        child:
          sleep 2ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals("r0=0 pid=0\n", r.stdout());
  }

  @Test
  void waitidOfANonChildFailsWithEchild_WT13() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          waitid P_PID, 1, WEXITED
          print "%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-ECHILD\n", r.stdout());
  }

  @Test
  void wuntracedReportsAStopOnceAndWcontinuedTheContinue_WT10_WT11_TM5() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          kill r6, SIGSTOP
          waitpid r6, WUNTRACED
          print "stopped: %d %x\\n", r0, r1
          waitpid r6, WUNTRACED|WNOHANG
          print "again: %d\\n", r0
          kill r6, SIGCONT
          waitpid r6, WCONTINUED
          print "continued: %d %x\\n", r0, r1
          waitpid r6, 0
          print "exited: %d %x\\n", r0, r1
          exit 0
        child:
          sleep 5ms
          exit 1
        end
        run /bin/p
        """);
    assertEquals("stopped: 3 137f\nagain: 0\ncontinued: 3 ffff\nexited: 3 100\n", r.stdout());
  }

  @Test
  void aStoppedChildKeepsAPlainWaitBlockedAndWnohangAtZero_WT10() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          kill r6, SIGSTOP
          sleep 1ms
          waitpid r6, WNOHANG
          print "wnohang=%d\\n", r0
          kill r6, SIGKILL
          waitpid r6, 0
          print "status=%x\\n", r1
          exit 0
        child:
          sleep 5ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals("wnohang=0\nstatus=9\n", r.stdout());
  }

  @Test
  void waitidReportsCldStoppedAndCldContinued_WT10_WT11_WT12() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          kill r6, SIGSTOP
          waitid P_PID, r6, WSTOPPED
          print "code=%d status=%d\\n", r3, r4
          kill r6, SIGCONT
          waitid P_PID, r6, WCONTINUED
          print "code=%d status=%d\\n", r3, r4
          waitid P_PID, r6, WEXITED
          print "code=%d status=%d\\n", r3, r4
          exit 0
        child:
          sleep 5ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals("code=5 status=19\ncode=6 status=18\ncode=1 status=0\n", r.stdout());
  }

  @Test
  void waitidWithWexitedAndWstoppedReportsAnExit_WT8() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          waitid P_ALL, 0, WEXITED|WSTOPPED
          print "code=%d status=%d\\n", r3, r4
          exit 0
        child:
          exit 3
        end
        run /bin/p
        """);
    assertEquals("code=1 status=3\n", r.stdout());
  }

  @Test
  void waitpidZeroUsesTheCallersGroupAtTheTimeOfTheCall_WT2() {
    // 3 forks 4 (group 2), then moves itself to a new group 3: waitpid(0) finds no child
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, middle
          wait
          exit 0
        middle:
          fork
          jz r0, grandchild
          setpgid 0, 0
          waitpid 0, 0
          print "waitpid(0)=%e\\n", r0
          waitpid -2, 0
          print "waitpid(-2)=%d\\n", r0
          exit 0
        grandchild:
          sleep 2ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals("waitpid(0)=-ECHILD\nwaitpid(-2)=4\n", r.stdout());
  }
}
