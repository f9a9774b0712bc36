package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static io.simkernel.kernel.Behaviour.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.run.StopReason;
import org.junit.jupiter.api.Test;

/**
 * Runaway and resource-starved programs: run limits (DESIGN.md rule 5, exit status 124 as GNU
 * timeout), RLIMIT_NPROC (FK-6, ST-5, RL-1), PID exhaustion and wrap (PID-2, PID-3, PID-6).
 */
class LimitsTest {

  @Test
  void anEndlessLoopIsStoppedByTheTimeLimit() {
    Sim.Run r = Sim.run("""
        kernel time_limit=10ms
        program /bin/p
        text
        main:
        spin: add r1, 1
          jmp spin
        end
        run /bin/p
        """);
    assertEquals(StopReason.TIME_LIMIT, r.result().reason(), describe(r));
    assertEquals(124, r.exitStatus());
    assertEquals(10_000_000, r.result().virtualNs());
    assertEquals(2, r.result().leftAlive().get(0).pid(), "the spinner is left alive");
  }

  @Test
  void aSleepLoopIsStoppedByTheEventLimit() {
    Sim.Run r = Sim.run("""
        kernel events_max=50
        program /bin/p
        text
        main:
        again: sleep 1ms
          jmp again
        end
        run /bin/p
        """);
    assertEquals(StopReason.EVENT_LIMIT, r.result().reason(), describe(r));
    assertEquals(124, r.exitStatus());
    assertEquals(50, r.result().events());
  }

  @Test
  void aTightLoopIsStoppedByTheInstructionLimit() {
    Sim.Run r = Sim.run("""
        kernel insns_max=1000
        program /bin/p
        text
        main:
        spin: add r1, 1
          jmp spin
        end
        run /bin/p
        """);
    assertEquals(StopReason.INSN_LIMIT, r.result().reason(), describe(r));
    assertEquals(124, r.exitStatus());
    assertEquals(1000, r.result().instructions());
  }

  @Test
  void aParentPausingForeverWithNothingToWakeItIsADeadlock() {
    Sim.Run r = Sim.run("""
        program /bin/p
        text
        main:
          pause
          exit 0
        end
        run /bin/p
        """);
    assertEquals(StopReason.DEADLOCK, r.result().reason(), describe(r));
    assertEquals(124, r.exitStatus());
  }

  @Test
  void waitingForAChildThatPausesForeverIsADeadlock() {
    Sim.Run r = Sim.run("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          wait
          exit 0
        child:
          pause
          exit 0
        end
        run /bin/p
        """);
    assertEquals(StopReason.DEADLOCK, r.result().reason(), describe(r));
    assertEquals(124, r.exitStatus());
    assertEquals(2, r.result().leftAlive().size(), describe(r));
  }

  /** A non-root parent forking until fork fails, children living 20ms; then reaps all. */
  private static final String NPROC_LOOP = """
      program /bin/p
      text
      main:
        setuid 1000
        mov r10, 0
      again:
        fork
        jz r0, child
        print "%e\\n", r0
        jlt r0, 0, reap
        add r10, 1
        jlt r10, 10, again
      reap:
        wait
        jgt r0, 0, reap
        exit 0
      child:
        CHILD
        exit 0
      end
      run /bin/p
      """;

  @Test
  void forkFailsWithEagainOnceTheUserHasNprocProcesses_FK6() {
    // uid 1000 owns the parent itself: with RLIMIT_NPROC 5 it gets 4 children
    Sim.Run r = completed("kernel nproc=5\n" + NPROC_LOOP.replace("CHILD", "sleep 20ms"));
    assertEquals("3\n4\n5\n6\n-EAGAIN\n", r.stdout());
  }

  @Test
  void zombiesCountTowardsNproc_ST5_FK6() {
    Sim.Run r = completed("kernel nproc=5\n" + NPROC_LOOP.replace("CHILD", "exit 0"));
    assertEquals("3\n4\n5\n6\n-EAGAIN\n", r.stdout());
  }

  @Test
  void reapingAZombieMakesRoomForAnotherFork_ST5() {
    Sim.Run r = completed("""
        kernel nproc=3
        program /bin/p
        text
        main:
          setuid 1000
          fork
          jz r0, child
          fork
          jz r0, child
          fork
          jz r0, child
          print "third=%e\\n", r0
          wait
          fork
          jz r0, child
          print "after reap=%d\\n", r0
        reap:
          wait
          jgt r0, 0, reap
          exit 0
        child:
          exit 0
        end
        run /bin/p
        """);
    assertEquals("third=-EAGAIN\nafter reap=5\n", r.stdout());
  }

  @Test
  void rootIsExemptFromNproc_FK6() {
    Sim.Run r = completed("""
        kernel nproc=2
        program /bin/p
        text
        main:
          fork
          jz r0, child
          fork
          jz r0, child
          fork
          jz r0, child
          print "third=%d\\n", r0
          wait
          wait
          wait
          exit 0
        child:
          sleep 1ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals("third=5\n", r.stdout());
  }

  @Test
  void loweringRlimitNprocWithSetrlimitLimitsForks_RL1() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          setuid 1000
          setrlimit RLIMIT_NPROC, 2
          print "setrlimit=%d\\n", r0
          getrlimit RLIMIT_NPROC
          print "soft=%d\\n", r1
          fork
          jz r0, child
          print "first=%d\\n", r0
          fork
          jz r0, child
          print "second=%e\\n", r0
          wait
          exit 0
        child:
          sleep 1ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals("setrlimit=0\nsoft=2\nfirst=3\nsecond=-EAGAIN\n", r.stdout());
  }

  /** pid_max=310: PIDs 1..309; init 1, main 2, children 3..309 then exhaustion. */
  private static final String EXHAUST = """
      kernel pid_max=310
      program /bin/p
      text
      main:
        mov r10, 0
      again:
        fork
        jz r0, child
        jlt r0, 0, full
        add r10, 1
        jmp again
      full:
        print "forked=%d err=%e\\n", r10, r0
        AFTER
        kill -1, SIGKILL
      reap:
        wait
        jgt r0, 0, reap
        exit 0
      child:
        sleep 1s
        exit 0
      end
      run /bin/p
      """;

  @Test
  void forkFailsWithEagainWhenNoPidIsFree_PID6() {
    Sim.Run r = completed(EXHAUST.replace("AFTER", ""));
    assertEquals("forked=307 err=-EAGAIN\n", r.stdout());
  }

  @Test
  void afterTheWrapPidsBelow300AreNotReused_PID3() {
    // free pid 5 (below RESERVED_PIDS) and pid 305: only 305 can be handed out again
    Sim.Run r = completed(EXHAUST.replace("AFTER", """
        kill 5, SIGKILL
          waitpid 5, 0
          fork
          jz r0, child
          print "with 5 free: %e\\n", r0
          kill 305, SIGKILL
          waitpid 305, 0
          fork
          jz r0, child
          print "with 305 free: %d\\n", r0
        """));
    assertEquals("forked=307 err=-EAGAIN\nwith 5 free: -EAGAIN\nwith 305 free: 305\n",
        r.stdout());
  }

  @Test
  void aForkBombOfANonRootUserIsContainedByNproc_FK6() {
    Sim.Run r = Sim.run("""
        kernel nproc=20 time_limit=50ms
        program /bin/p
        text
        main:
          setuid 1000
        bomb:
          fork
          sleep 1ms
          jmp bomb
        end
        run /bin/p
        """);
    assertEquals(StopReason.TIME_LIMIT, r.result().reason(), describe(r));
    assertTrue(r.result().processesCreated() <= 20 + 1, "init + at most 20 processes of uid 1000: "
        + r.result().processesCreated());
    assertEquals(20, r.result().leftAlive().size() + r.result().zombies().size(), describe(r));
  }

  @Test
  void aPidStillUsedAsASessionAndGroupIdIsNotHandedOut_PID5() {
    // burn PIDs 3..299; 300 makes session/group 300 with member 301, then exits and is reaped:
    // PID 300 is free as a process ID but still names a session and a group. After 302..309
    // the wrap (to 300, PID-3) must skip it, so the next fork fails instead of returning 300.
    Sim.Run r = completed("""
        kernel pid_max=310
        program /bin/p
        text
        main:
        burn:
          fork
          jz r0, quick
          waitpid r0, 0
          jlt r0, 299, burn
          fork
          jz r0, leader
          waitpid r0, 0
          print "reaped leader %d\\n", r0
        fill:
          fork
          jz r0, sleeper
          print "%e\\n", r0
          jgt r0, 0, fill
          kill -1, SIGKILL
        reap:
          wait
          jgt r0, 0, reap
          exit 0
        quick:
          exit 0
        leader:
          setsid
          fork
          jz r0, sleeper
          exit 0
        sleeper:
          sleep 1s
          exit 0
        end
        run /bin/p
        """);
    assertEquals("reaped leader 300\n302\n303\n304\n305\n306\n307\n308\n309\n-EAGAIN\n",
        r.stdout());
  }

  @Test
  void theCoreLimitDefaultsToZeroAndFollowsTheKernelLine_RL3() {
    Sim.Run a = completed("""
        program /bin/p
        text
        main:
          getrlimit RLIMIT_CORE
          print "core=%d\\n", r1
          exit 0
        end
        run /bin/p
        """);
    assertEquals("core=0\n", a.stdout());
    Sim.Run b = completed("""
        kernel core=unlimited
        program /bin/p
        text
        main:
          getrlimit RLIMIT_CORE
          seq r2, r1, RLIM_INFINITY
          print "infinity=%d\\n", r2
          exit 0
        end
        run /bin/p
        """);
    assertEquals("infinity=1\n", b.stdout());
  }

  @Test
  void afterTheWrapFreedPidsAreReusedInAscendingOrder_PID3() {
    Sim.Run r = completed(EXHAUST.replace("AFTER", """
        kill 306, SIGKILL
          waitpid 306, 0
          kill 303, SIGKILL
          waitpid 303, 0
          fork
          jz r0, child
          mov r6, r0
          fork
          jz r0, child
          print "then %d %d\\n", r6, r0
        """));
    assertEquals("forked=307 err=-EAGAIN\nthen 303 306\n", r.stdout());
  }
}
