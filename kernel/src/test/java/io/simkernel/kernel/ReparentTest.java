package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static io.simkernel.kernel.Behaviour.events;
import static io.simkernel.kernel.Behaviour.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.run.ProcessRecord;
import io.simkernel.api.trace.EventKind;
import io.simkernel.api.trace.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Orphans, init, subreapers and the parent-death signal. posix-semantics §8 (RP-1 .. RP-6),
 * §16 (PD-1 .. PD-3), ZB-4. PIDs: 2 runs the program, its child is 3, the grandchild 4.
 */
class ReparentTest {

  @Test
  void orphanGetppidBecomesInit_RP1_RP2() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          sleep 2ms
          exit 0
        child:
          getppid
          print "before=%d\\n", r0
          sleep 5ms
          getppid
          print "after=%d\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("before=2\nafter=1\n", r.stdout());
    assertEquals(1, record(r, 3).reapedBy(), "init reaps the orphan (ZB-4)");
    List<TraceEvent> reparents = events(r, EventKind.REPARENT);
    assertEquals(1, reparents.size());
    assertEquals(List.of(3L, 2L, 1L),
        List.of((long) reparents.get(0).pid(), reparents.get(0).a(), reparents.get(0).b()));
  }

  @Test
  void orphanGoesToTheSubreaperGrandparentWhichCanWaitForIt_RP1b_RP2() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          prctl PR_SET_CHILD_SUBREAPER, 1
          fork
          jz r0, middle
          waitpid r0, 0
          print "reaped middle %d\\n", r0
          waitpid -1, 0
          print "reaped orphan %d status=%x\\n", r0, r1
          exit 0
        middle:
          fork
          jz r0, grandchild
          exit 0
        grandchild:
          sleep 5ms
          getppid
          print "orphan's parent=%d\\n", r0
          exit 7
        end
        run /bin/p
        """);
    assertEquals("reaped middle 3\norphan's parent=2\nreaped orphan 4 status=700\n", r.stdout());
    assertEquals(2, record(r, 4).reapedBy());
  }

  @Test
  void subreaperSetAfterTheForksStillAppliesToExistingDescendants_RP6() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, middle
          prctl PR_SET_CHILD_SUBREAPER, 1
          wait
          wait
          print "reaped %d\\n", r0
          exit 0
        middle:
          fork
          jz r0, grandchild
          sleep 2ms
          exit 0
        grandchild:
          sleep 5ms
          getppid
          print "parent=%d\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("parent=2\nreaped 4\n", r.stdout());
  }

  @Test
  void theNearestSubreaperAncestorWins_RP1b() {
    // 2 and 3 are both subreapers; 4 exits leaving 5: 5 goes to 3, the nearest
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          prctl PR_SET_CHILD_SUBREAPER, 1
          fork
          jz r0, second
          wait
          exit 0
        second:
          prctl PR_SET_CHILD_SUBREAPER, 1
          fork
          jz r0, third
          wait
          wait
          print "3 reaped %d\\n", r0
          exit 0
        third:
          fork
          jz r0, fourth
          exit 0
        fourth:
          sleep 5ms
          getppid
          print "parent=%d\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("parent=3\n3 reaped 5\n", r.stdout());
  }

  @Test
  void subreaperAttributeIsNotInheritedByFork_RP6() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          prctl PR_SET_CHILD_SUBREAPER, 1
          fork
          jz r0, child
          wait
          prctl PR_GET_CHILD_SUBREAPER
          print "parent r0=%d r1=%d\\n", r0, r1
          exit 0
        child:
          prctl PR_GET_CHILD_SUBREAPER
          print "child r0=%d r1=%d\\n", r0, r1
          exit 0
        end
        run /bin/p
        """);
    assertEquals("child r0=0 r1=0\nparent r0=0 r1=1\n", r.stdout());
  }

  @Test
  void subreaperAttributeIsClearedBySettingZero_RP6() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          prctl PR_SET_CHILD_SUBREAPER, 1
          prctl PR_SET_CHILD_SUBREAPER, 0
          prctl PR_GET_CHILD_SUBREAPER
          print "r1=%d\\n", r1
          fork
          jz r0, middle
          wait
          exit 0
        middle:
          fork
          jz r0, grandchild
          exit 0
        grandchild:
          sleep 5ms
          getppid
          print "parent=%d\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("r1=0\nparent=1\n", r.stdout());
  }

  @Test
  void anAdoptedZombieIsReapedByInit_RP4_ZB4() {
    // 3 never waits for 4, which exits at once; when 3 exits, init adopts the zombie 4
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, middle
          wait
          sleep 5ms
          exit 0
        middle:
          fork
          jz r0, grandchild
          sleep 2ms
          exit 0
        grandchild:
          exit 4
        end
        run /bin/p
        """);
    ProcessRecord gc = record(r, 4);
    assertEquals(0x400, gc.status());
    assertEquals(1, gc.reapedBy());
    assertEquals(List.of(), r.result().zombies());
    TraceEvent free = Behaviour.first(r, EventKind.SCHED_PROCESS_FREE, 4);
    assertTrue(free.timeNs() < 4_000_000,
        "reaped when adopted (~2ms), not when init happens to look later: " + free);
  }

  @Test
  void anAdoptedZombieIsImmediatelyWaitableByTheSubreaper_RP4() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          prctl PR_SET_CHILD_SUBREAPER, 1
          fork
          jz r0, middle
          waitpid r0, 0
          waitpid 4, WNOHANG
          print "waitpid(4)=%d status=%x\\n", r0, r1
          exit 0
        middle:
          fork
          jz r0, grandchild
          sleep 2ms
          exit 0
        grandchild:
          exit 4
        end
        run /bin/p
        """);
    assertEquals("waitpid(4)=4 status=400\n", r.stdout());
  }

  @Test
  void anAdoptedZombieNotifiesTheSubreaperWithSigchld_RP4() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          prctl PR_SET_CHILD_SUBREAPER, 1
          sigaction SIGCHLD, handler, SA_SIGINFO|SA_RESTART
          fork
          jz r0, middle
          sleep 10ms
          wait
          wait
          exit 0
        middle:
          sigaction SIGCHLD, SIG_DFL
          fork
          jz r0, grandchild
          sleep 2ms
          exit 0
        grandchild:
          exit 4
        handler:
          print "SIGCHLD from %d\\n", r2
          ret
        end
        run /bin/p
        """);
    // exit of 3 (TM-8): first its zombie child 4 is reparented and 2 is notified for it (RP-4),
    // then 3 itself notifies 2 -- a second SIGCHLD while the first is pending is dropped (CH-5)
    assertEquals("SIGCHLD from 4\n", r.stdout());
    assertEquals(2, record(r, 4).reapedBy());
    assertEquals(2, record(r, 3).reapedBy());
  }

  @Test
  void pdeathsigKillsTheChildWhenItsParentExits_PD2() {
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
          jz r0, child
          sleep 2ms
          exit 0
        child:
          prctl PR_SET_PDEATHSIG, SIGTERM
          sleep 100ms
          print "survived\\n"
          exit 0
        end
        run /bin/p
        """);
    assertFalse(r.stdout().contains("survived"), r.stdout());
    ProcessRecord child = record(r, 4);
    assertEquals(15, child.status(), "killed by SIGTERM");
    assertTrue(child.exitNs() < 3_000_000, "killed when its parent exited: " + child);
  }

  @Test
  void pdeathsigComesFromTheDyingParentAfterReparenting_PD2() {
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
          jz r0, child
          sleep 2ms
          exit 0
        child:
          sigaction SIGUSR1, handler, SA_SIGINFO
          prctl PR_SET_PDEATHSIG, SIGUSR1
          sleep 100ms
          print "sleep=%e\\n", r0
          exit 0
        handler:
          mov r6, r0
          mov r7, r1
          mov r8, r2
          getppid
          print "sig=%d code=%d from=%d ppid=%d\\n", r6, r7, r8, r0
          ret
        end
        run /bin/p
        """);
    // SI_USER, si_pid = the dying parent; the child was reparented to init first (TM-8)
    assertEquals("sig=10 code=0 from=3 ppid=1\nsleep=-EINTR\n", r.stdout());
  }

  @Test
  void pdeathsigIsNotSentWhenTheGrandparentExits_PD2() {
    // only the death of the (current) parent counts: 2 exits, 3 is still alive
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, middle
          exit 0
        middle:
          fork
          jz r0, child
          sleep 10ms
          wait
          exit 0
        child:
          prctl PR_SET_PDEATHSIG, SIGTERM
          sleep 5ms
          print "survived\\n"
          exit 0
        end
        run /bin/p
        """);
    assertEquals("survived\n", r.stdout());
    assertEquals(0, record(r, 4).status());
  }

  @Test
  void pdeathsigRejectsAnInvalidSignal_PD1() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          prctl PR_SET_PDEATHSIG, 65
          print "65: %e\\n", r0
          prctl PR_SET_PDEATHSIG, -1
          print "-1: %e\\n", r0
          prctl PR_SET_PDEATHSIG, 64
          print "64: %d\\n", r0
          prctl PR_GET_PDEATHSIG
          print "get: %d\\n", r1
          exit 0
        end
        run /bin/p
        """);
    assertEquals("65: -EINVAL\n-1: -EINVAL\n64: 0\nget: 64\n", r.stdout());
  }

  @Test
  void prctlWithAnUnknownOptionFailsWithEinval() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          prctl 9999, 0
          print "%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-EINVAL\n", r.stdout());
  }

  @Test
  void adoptedChildrenAreAppendedAfterTheSubreapersOwnChildren_RP3_WT8() {
    // 2 forks 3, which forks 4 and 5 (zombies it never reaps); 2 then forks 6; when 3 exits,
    // 4 and 5 are appended to 2's child list after 6: wait(-1) order is 3, 6, 4, 5
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          prctl PR_SET_CHILD_SUBREAPER, 1
          fork
          jz r0, middle
          sleep 1ms
          fork
          jz r0, quick
          sleep 10ms
          wait
          mov r6, r0
          wait
          mov r7, r0
          wait
          mov r8, r0
          wait
          print "%d %d %d %d\\n", r6, r7, r8, r0
          exit 0
        middle:
          fork
          jz r0, quick
          fork
          jz r0, quick
          sleep 2ms
          exit 0
        quick:
          exit 0
        end
        run /bin/p
        """);
    assertEquals("3 6 4 5\n", r.stdout());
  }

  @Test
  void pdeathsigIsSentAgainWhenTheAdoptingSubreaperDies_PD2() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          prctl PR_SET_CHILD_SUBREAPER, 1
          fork
          jz r0, middle
          waitpid r0, 0
          sleep 2ms
          exit 0
        middle:
          fork
          jz r0, child
          sleep 1ms
          exit 0
        child:
          sigaction SIGUSR1, handler, SA_SIGINFO
          prctl PR_SET_PDEATHSIG, SIGUSR1
          sleep 10ms
          sleep 10ms
          sleep 10ms
          exit 0
        handler:
          mov r6, r2
          getppid
          print "from %d, now adopted by %d\\n", r6, r0
          ret
        end
        run /bin/p
        """);
    // 3 dies: signal, adopted by the subreaper 2; 2 dies: signal again, adopted by init
    assertEquals("from 3, now adopted by 2\nfrom 2, now adopted by 1\n", r.stdout());
  }

  @Test
  void theRecordOfAnOrphanNamesItsLastParent_RP1() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          exit 0
        child:
          sleep 2ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals(1, record(r, 3).ppid());
  }

  @Test
  void childrenAreReparentedWhenTheParentExitsNotWhenItIsReaped_TM8_I2() {
    // 3 exits at ~1ms but 2 reaps it only at ~10ms; 4 sees init as parent at ~5ms
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, middle
          sleep 10ms
          wait
          exit 0
        middle:
          fork
          jz r0, grandchild
          sleep 1ms
          exit 0
        grandchild:
          sleep 5ms
          getppid
          print "parent=%d\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("parent=1\n", r.stdout());
  }

  @Test
  void pdeathsigIsClearedWhenTheEffectiveUidChanges_PD3() {
    // kernel/cred.c commit_creds: a change of euid/egid/fsuid/fsgid clears pdeath_signal
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          prctl PR_SET_PDEATHSIG, SIGTERM
          setuid 1000
          prctl PR_GET_PDEATHSIG
          print "pdeathsig=%d\\n", r1
          exit 0
        end
        run /bin/p
        """);
    assertEquals("pdeathsig=0\n", r.stdout());
  }

  @Test
  void pdeathsigIsKeptWhenSetuidChangesNothing_PD3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          prctl PR_SET_PDEATHSIG, SIGTERM
          setuid 0
          prctl PR_GET_PDEATHSIG
          print "pdeathsig=%d\\n", r1
          exit 0
        end
        run /bin/p
        """);
    assertEquals("pdeathsig=15\n", r.stdout());
  }
}
