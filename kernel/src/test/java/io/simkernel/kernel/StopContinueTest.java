package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static io.simkernel.kernel.Behaviour.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Stopped processes and what happens around a stop: pending signals, blocked calls, caught stop
 * signals. posix-semantics ST-3, JC-2, JC-3, JC-5, WT-7, PG-10. (Reports of stops to wait are
 * in {@link WaitOptionsTest}.)
 */
class StopContinueTest {

  @Test
  void aSignalToAStoppedProcessStaysPendingUntilSigcont_ST3_JC3() {
    Sim.Run r = completed("""
        kernel cpus=2
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          kill r6, SIGSTOP
          waitpid r6, WUNTRACED
          kill r6, SIGTERM
          sleep 2ms
          waitpid r6, WNOHANG
          print "still stopped: %d\\n", r0
          kill r6, SIGCONT
          waitpid r6, 0
          print "status=%x\\n", r1
          exit 0
        child:
          compute 1s
          exit 0
        end
        run /bin/p
        """);
    assertEquals("still stopped: 0\nstatus=f\n", r.stdout());
  }

  @Test
  void aParentStoppedAndContinuedInsideWaitDoesNotGetEintr_JC5_WT7() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, slow
          mov r6, r0
          fork
          jz r0, stopper
          waitpid r6, 0
          print "waitpid=%d status=%x\\n", r0, r1
          wait
          exit 0
        slow:
          sleep 5ms
          exit 3
        stopper:
          sleep 1ms
          getppid
          mov r7, r0
          kill r7, SIGSTOP
          sleep 1ms
          kill r7, SIGCONT
          exit 0
        end
        run /bin/p
        """);
    assertEquals("waitpid=3 status=300\n", r.stdout());
  }

  @Test
  void aCaughtSigtstpRunsItsHandlerEvenInAnOrphanedGroup_JC2_PG10() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          waitpid r0, WUNTRACED
          print "status=%x\\n", r1
          exit 0
        child:
          signal SIGTSTP, handler
          raise SIGTSTP
          exit 4
        handler:
          print "handler %d\\n", r0
          ret
        end
        run /bin/p
        """);
    assertEquals("handler 20\nstatus=400\n", r.stdout());
  }

  @Test
  void sigcontResumesAStoppedChildEvenWhenItIgnoresSigcont_JC3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 1ms
          kill r6, SIGSTOP
          waitpid r6, WUNTRACED
          kill r6, SIGCONT
          waitpid r6, 0
          print "status=%x\\n", r1
          exit 0
        child:
          signal SIGCONT, SIG_IGN
          sleep 3ms
          exit 6
        end
        run /bin/p
        """);
    assertEquals("status=600\n", r.stdout());
  }

  @Test
  void aSigcontHandlerRunsAfterTheContinue_JC3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 1ms
          kill r6, SIGSTOP
          waitpid r6, WUNTRACED
          kill r6, SIGCONT
          waitpid r6, 0
          exit 0
        child:
          signal SIGCONT, handler
          sleep 3ms
          exit 0
        handler:
          print "SIGCONT handler\\n"
          ret
        end
        run /bin/p
        """);
    assertEquals("SIGCONT handler\n", r.stdout());
  }

  @Test
  void aSleepStoppedAndContinuedKeepsItsDeadline_JC5() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 2ms
          kill r6, SIGSTOP
          sleep 2ms
          kill r6, SIGCONT
          wait
          exit 0
        child:
          clock
          mov r6, r0
          sleep 10ms
          mov r7, r0
          clock
          sub r0, r6
          print "sleep=%d slept=%d\\n", r7, r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals(0, number(r, "sleep"), "no EINTR: no handler ran");
    long slept = number(r, "slept");
    assertTrue(slept >= 10_000_000 && slept < 10_200_000, "the deadline is kept: " + slept);
  }

  @Test
  void aSleepWhoseDeadlinePassedWhileStoppedReturnsAtTheContinue_JC5() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 1ms
          kill r6, SIGSTOP
          sleep 10ms
          kill r6, SIGCONT
          wait
          exit 0
        child:
          sleep 3ms
          mov r7, r0
          clock
          print "sleep=%d at=%d\\n", r7, r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals(0, number(r, "sleep"));
    long at = number(r, "at");
    assertTrue(at >= 11_000_000 && at < 11_300_000, "returns when continued: " + at);
  }

  @Test
  void pauseIsNotEndedByAStopAndContinue_HA10() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 1ms
          kill r6, SIGSTOP
          sleep 1ms
          kill r6, SIGCONT
          sleep 1ms
          kill r6, SIGUSR1
          wait
          exit 0
        child:
          signal SIGUSR1, handler
          pause
          mov r7, r0
          clock
          print "pause=%e at=%d\\n", r7, r0
          exit 0
        handler:
          ret
        end
        run /bin/p
        """);
    assertTrue(r.stdout().startsWith("pause=-EINTR "), r.stdout());
    assertTrue(number(r, "at") >= 3_000_000, r.stdout());
  }

  @Test
  void aChildStoppingAgainAfterAContinueIsReportedAgain_WT10() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          kill r6, SIGSTOP
          waitpid r6, WUNTRACED
          print "%x\\n", r1
          kill r6, SIGCONT
          sleep 1ms
          kill r6, SIGTSTP
          waitpid r6, WUNTRACED
          print "%x\\n", r1
          kill r6, SIGKILL
          wait
          exit 0
        child:
          setpgid 0, 0
          sleep 1s
          exit 0
        end
        run /bin/p
        """);
    assertEquals("137f\n147f\n", r.stdout());
  }

  @Test
  void anUnreportedStopIsDiscardedWhenTheChildIsContinued_WT11() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 1ms
          kill r6, SIGSTOP
          sleep 1ms
          kill r6, SIGCONT
          sleep 1ms
          waitpid r6, WUNTRACED|WNOHANG
          print "stop report=%d\\n", r0
          waitpid r6, WCONTINUED|WNOHANG
          print "continue report=%d status=%x\\n", r0, r1
          wait
          exit 0
        child:
          sleep 10ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals("stop report=0\ncontinue report=3 status=ffff\n", r.stdout());
  }
}
