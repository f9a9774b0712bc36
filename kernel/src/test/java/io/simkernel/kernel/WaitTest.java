package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static io.simkernel.kernel.Behaviour.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * wait/waitpid: selectors, options, errors, scan order, interruption, child rusage.
 * posix-semantics §9 (WT-1 .. WT-14). waitid is in {@link WaitidTest}.
 */
class WaitTest {

  @Test
  void waitpidPositivePidWaitsForThatChildOnly_WT2() {
    // the second child exits first, yet waitpid(first) blocks until the first exits
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, slow
          mov r6, r0
          fork
          jz r0, quick
          waitpid r6, 0
          wexitstatus r2, r1
          print "got %d code %d\\n", r0, r2
          waitpid -1, 0
          wexitstatus r2, r1
          print "got %d code %d\\n", r0, r2
          exit 0
        slow:
          sleep 5ms
          exit 1
        quick:
          exit 2
        end
        run /bin/p
        """);
    assertEquals("got 3 code 1\ngot 4 code 2\n", r.stdout());
  }

  @Test
  void waitpidMinusOneWaitsForAnyChild_WT2() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          waitpid -1, 0
          print "got %d status %x\\n", r0, r1
          exit 0
        child:
          sleep 2ms
          exit 9
        end
        run /bin/p
        """);
    assertEquals("got 3 status 900\n", r.stdout());
  }

  @Test
  void waitIsWaitpidMinusOne_WT1() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          wait
          print "got %d status %x\\n", r0, r1
          exit 0
        child:
          exit 4
        end
        run /bin/p
        """);
    assertEquals("got 3 status 400\n", r.stdout());
  }

  @Test
  void waitpidZeroWaitsOnlyForChildrenInTheCallersGroup_WT2() {
    // child 3 is moved to its own group and exits at once; child 4 stays in the caller's
    // group and exits later: waitpid(0) must report 4, not the earlier zombie 3
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          setpgid 0, 0
          fork
          jz r0, other_group
          mov r6, r0
          setpgid r6, r6
          fork
          jz r0, same_group
          waitpid 0, 0
          print "waitpid(0)=%d\\n", r0
          waitpid -1, 0
          print "waitpid(-1)=%d\\n", r0
          exit 0
        other_group:
          exit 0
        same_group:
          sleep 5ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals("waitpid(0)=4\nwaitpid(-1)=3\n", r.stdout());
  }

  @Test
  void waitpidNegativePgidWaitsOnlyForThatGroup_WT2() {
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
          mov r7, 0
          sub r7, r6
          waitpid r7, 0
          print "waitpid(-%d)=%d\\n", r6, r0
          wait
          print "then %d\\n", r0
          exit 0
        grouped:
          sleep 5ms
          exit 0
        plain:
          exit 0
        end
        run /bin/p
        """);
    assertEquals("waitpid(-3)=3\nthen 4\n", r.stdout());
  }

  @Test
  void waitpidGroupSelectorMatchingNoChildFailsWithEchild_WT13() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          waitpid -999, 0
          print "%e\\n", r0
          wait
          exit 0
        child:
          sleep 1ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-ECHILD\n", r.stdout());
  }

  @Test
  void waitWithNoChildrenFailsWithEchild_WT6() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          wait
          print "%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-ECHILD\n", r.stdout());
  }

  @Test
  void wnohangWithALiveChildReturnsZero_WT6() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          waitpid r6, WNOHANG
          print "wnohang=%d\\n", r0
          waitpid r6, 0
          print "then=%d\\n", r0
          exit 0
        child:
          sleep 5ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals("wnohang=0\nthen=3\n", r.stdout());
  }

  @Test
  void wnohangWithNoChildrenFailsWithEchild_WT6() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          waitpid -1, WNOHANG
          print "%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-ECHILD\n", r.stdout());
  }

  @Test
  void wnohangReapsAnExistingZombie_WT6() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          sleep 2ms
          waitpid -1, WNOHANG
          print "%d %x\\n", r0, r1
          exit 0
        child:
          exit 3
        end
        run /bin/p
        """);
    assertEquals("3 300\n", r.stdout());
  }

  @Test
  void invalidWaitpidOptionFailsWithEinvalEvenWithoutChildren_WT4() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          waitpid -1, 0x10
          print "%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-EINVAL\n", r.stdout());
  }

  @Test
  void waitpidRejectsWaitidOnlyOptions_WT4() {
    // wait4 accepts only WNOHANG|WUNTRACED|WCONTINUED (and __W*): WEXITED and WNOWAIT are EINVAL
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          waitpid r6, WNOWAIT
          print "wnowait=%e\\n", r0
          waitpid r6, WEXITED
          print "wexited=%e\\n", r0
          waitpid r6, 0
          exit 0
        child:
          exit 0
        end
        run /bin/p
        """);
    assertEquals("wnowait=-EINVAL\nwexited=-EINVAL\n", r.stdout());
  }

  @Test
  void invalidOptionCheckedBeforeTheIntMinPid_WT4_WT6() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          waitpid -2147483648, 0x10
          print "%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-EINVAL\n", r.stdout());
  }

  @Test
  void waitpidIntMinFailsWithEsrch_WT5() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          waitpid -2147483648, 0
          print "%e\\n", r0
          wait
          exit 0
        child:
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-ESRCH\n", r.stdout());
  }

  @Test
  void waitpidOfTheParentFailsWithEchild_WT13() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          wait
          exit 0
        child:
          getppid
          waitpid r0, 0
          print "%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-ECHILD\n", r.stdout());
  }

  @Test
  void waitpidOfInitFailsWithEchild_WT13() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          waitpid 1, 0
          print "%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-ECHILD\n", r.stdout());
  }

  @Test
  void waitpidOfAGrandchildFailsWithEchild_WT2_WT13() {
    // 3 forks 4 (consecutive PIDs, PID-3); 2 tries to wait for 4 while it lives
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, middle
          mov r6, r0
          sleep 1ms
          waitpid 4, 0
          print "grandchild: %e\\n", r0
          waitpid r6, 0
          exit 0
        middle:
          fork
          jz r0, grandchild
          wait
          exit 0
        grandchild:
          sleep 5ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals("grandchild: -ECHILD\n", r.stdout());
  }

  @Test
  void waitpidOfAReapedChildFailsWithEchild_WT13() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          waitpid r6, 0
          waitpid r6, 0
          print "%e\\n", r0
          exit 0
        child:
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-ECHILD\n", r.stdout());
  }

  @Test
  void waitpidOfANonexistentPidFailsWithEchild_WT13() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          waitpid 32769, 0
          print "%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-ECHILD\n", r.stdout());
  }

  @Test
  void waitReportsTheOldestChildFirstNotTheFirstToExit_WT8_FK7() {
    // exit order is 5, 4, 3; all are zombies when the parent waits: child-list order wins
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, slowest
          fork
          jz r0, slower
          fork
          jz r0, quick
          sleep 10ms
          wait
          mov r6, r0
          wait
          mov r7, r0
          wait
          print "%d %d %d\\n", r6, r7, r0
          exit 0
        slowest:
          sleep 3ms
          exit 0
        slower:
          sleep 2ms
          exit 0
        quick:
          exit 0
        end
        run /bin/p
        """);
    assertEquals("3 4 5\n", r.stdout());
  }

  @Test
  void reapedChildsCpuTimeIsAddedToRusageChildren_WT9() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 10ms
          getrusage RUSAGE_CHILDREN
          print "before=%d\\n", r3
          waitpid r6, 0
          getrusage RUSAGE_CHILDREN
          print "after=%d\\n", r3
          exit 0
        child:
          compute 3ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals(0, number(r, "before"), "a zombie's time is not counted until it is reaped");
    long after = number(r, "after");
    assertTrue(after >= 3_000_000 && after < 3_500_000, "children user ns " + after);
  }

  @Test
  void waitInterruptedByAHandlerWithoutSaRestartFailsWithEintr_WT7() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction SIGUSR1, handler, 0
          fork
          jz r0, child
          mov r6, r0
          waitpid r6, 0
          print "first=%e\\n", r0
          waitpid r6, 0
          print "second=%d status=%x\\n", r0, r1
          exit 0
        child:
          sleep 1ms
          getppid
          kill r0, SIGUSR1
          sleep 2ms
          exit 3
        handler:
          print "handler\\n"
          ret
        end
        run /bin/p
        """);
    assertEquals("handler\nfirst=-EINTR\nsecond=3 status=300\n", r.stdout());
  }

  @Test
  void waitInterruptedByASaRestartHandlerRestartsAndReaps_WT7() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction SIGUSR1, handler, SA_RESTART
          fork
          jz r0, child
          mov r6, r0
          waitpid r6, 0
          print "waitpid=%d status=%x\\n", r0, r1
          exit 0
        child:
          sleep 1ms
          getppid
          kill r0, SIGUSR1
          sleep 2ms
          exit 3
        handler:
          print "handler\\n"
          ret
        end
        run /bin/p
        """);
    assertEquals("handler\nwaitpid=3 status=300\n", r.stdout());
  }

  @Test
  void glibcSignalInstallsSaRestartSoWaitRestarts_HA8_WT7() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          signal SIGUSR1, handler
          fork
          jz r0, child
          waitpid r0, 0
          print "waitpid=%d\\n", r0
          exit 0
        child:
          sleep 1ms
          getppid
          kill r0, SIGUSR1
          sleep 2ms
          exit 0
        handler:
          ret
        end
        run /bin/p
        """);
    assertEquals("waitpid=3\n", r.stdout());
  }

  @Test
  void anIgnoredSignalDoesNotInterruptWait_WT7() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          signal SIGUSR1, SIG_IGN
          fork
          jz r0, child
          waitpid r0, 0
          print "waitpid=%d\\n", r0
          exit 0
        child:
          sleep 1ms
          getppid
          kill r0, SIGUSR1
          sleep 2ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals("waitpid=3\n", r.stdout());
  }

  @Test
  void blockedWaitReturnsWhenTheChildExits_WT7() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          waitpid r0, 0
          clock
          print "woken=%d\\n", r0
          exit 0
        child:
          sleep 4ms
          clock
          print "exiting=%d\\n", r0
          exit 0
        end
        run /bin/p
        """);
    long delay = number(r, "woken") - number(r, "exiting");
    // exit teardown and the reap are charged to the cost model (~80 us, CostModel)
    assertTrue(delay >= 0 && delay < 200_000, "woken at the child's exit, " + delay + " ns later");
  }
}
