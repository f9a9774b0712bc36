package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static io.simkernel.kernel.Behaviour.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * fork: return values, the copy the child gets, what is reset, PID allocation.
 * posix-semantics §1 (PID-*), §3 (FK-*), §18 / §20 (MM-1, I-10).
 */
class ForkTest {

  @Test
  void runProgramIsPid2ChildOfInit_PID1_PID8() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          getpid
          mov r6, r0
          getppid
          print "pid=%d ppid=%d\\n", r6, r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("pid=2 ppid=1\n", r.stdout());
    assertEquals(2, r.result().mainPid());
  }

  @Test
  void forkReturnsZeroInChildAndChildPidInParent_FK1() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          waitpid r6, 0
          print "parent: fork=%d\\n", r6
          exit 0
        child:
          print "child: fork=%d\\n", r0
          exit 0
        end
        run /bin/p
        """);
    // PID 2 is the run program, so its first child is 3 (PID-3, PID-8)
    assertEquals("child: fork=0\nparent: fork=3\n", r.stdout());
  }

  @Test
  void childGetppidIsParentAndGetpidIsForkResult_FK2() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          waitpid r6, 0
          getpid
          print "parent: pid=%d fork=%d\\n", r0, r6
          exit 0
        child:
          getpid
          mov r7, r0
          getppid
          print "child: pid=%d ppid=%d\\n", r7, r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("child: pid=3 ppid=2\nparent: pid=2 fork=3\n", r.stdout());
  }

  @Test
  void childStoreIsNotSeenByParent_MM1_I10() {
    Sim.Run r = completed("""
        program /bin/p
        data
          counter: word 7
        text
        main:
          fork
          jz r0, child
          waitpid r0, 0
          load r2, [counter]
          print "parent=%d\\n", r2
          exit 0
        child:
          store [counter], 99
          load r2, [counter]
          print "child=%d\\n", r2
          exit 0
        end
        run /bin/p
        """);
    assertEquals("child=99\nparent=7\n", r.stdout());
  }

  @Test
  void parentStoreAfterForkIsNotSeenByChild_MM1_I10() {
    Sim.Run r = completed("""
        program /bin/p
        data
          counter: word 7
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          store [counter], 55
          load r2, [counter]
          print "parent=%d\\n", r2
          waitpid r6, 0
          exit 0
        child:
          sleep 1ms
          load r2, [counter]
          print "child=%d\\n", r2
          exit 0
        end
        run /bin/p
        """);
    assertEquals("parent=55\nchild=7\n", r.stdout());
  }

  @Test
  void bssAndStackWritesAreIsolatedBothWays_I10() {
    Sim.Run r = completed("""
        program /bin/p
        data
          buf: space 64KiB
        text
        main:
          mov r3, buf
          store [r3+40000], 1
          fork
          jz r0, child
          mov r6, r0
          store [r3+40000], 2
          waitpid r6, 0
          load r2, [r3+40000]
          print "parent=%d\\n", r2
          exit 0
        child:
          sleep 1ms
          load r2, [r3+40000]
          store [r3+40000], 3
          print "child=%d\\n", r2
          exit 0
        end
        run /bin/p
        """);
    assertEquals("child=1\nparent=2\n", r.stdout());
  }

  @Test
  void registersAreCopiedIntoTheChild_FK2() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          mov r3, 1234
          mov r10, -5
          mov r15, 0xdead
          fork
          jz r0, child
          waitpid r0, 0
          exit 0
        child:
          print "r3=%d r10=%d r15=%x\\n", r3, r10, r15
          exit 0
        end
        run /bin/p
        """);
    assertEquals("r3=1234 r10=-5 r15=dead\n", r.stdout());
  }

  @Test
  void childReturnsFromTheFunctionThatForked_FK2() {
    // the stack (return address) is part of the copy: both processes return from `call`
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          call do_fork
          jz r0, child
          mov r6, r0
          waitpid r6, 0
          print "parent back\\n"
          exit 0
        child:
          print "child back\\n"
          exit 0
        do_fork:
          fork
          ret
        end
        run /bin/p
        """);
    assertEquals("child back\nparent back\n", r.stdout());
  }

  @Test
  void successiveForksGiveConsecutivePids_PID3_PID4() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          fork
          jz r0, child
          mov r7, r0
          fork
          jz r0, child
          print "%d %d %d\\n", r6, r7, r0
          wait
          wait
          wait
          exit 0
        child:
          exit 0
        end
        run /bin/p
        """);
    assertEquals("3 4 5\n", r.stdout());
  }

  @Test
  void forkWaitLoopNeverReusesTheReapedPid_PID4() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          mov r10, 0
        again:
          fork
          jz r0, child
          waitpid r0, 0
          print "%d\\n", r0
          add r10, 1
          jlt r10, 5, again
          exit 0
        child:
          exit 0
        end
        run /bin/p
        """);
    assertEquals("3\n4\n5\n6\n7\n", r.stdout());
  }

  @Test
  void childInheritsTheSignalMask_FK3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigprocmask SIG_BLOCK, {SIGUSR1,SIGTERM}
          fork
          jz r0, child
          waitpid r0, 0
          exit 0
        child:
          sigprocmask SIG_BLOCK, QUERY
          print "mask=%x\\n", r1
          exit 0
        end
        run /bin/p
        """);
    // bit N-1 for signal N: SIGUSR1 (10) -> 0x200, SIGTERM (15) -> 0x4000
    assertEquals("mask=4200\n", r.stdout());
  }

  @Test
  void childStartsWithAnEmptyPendingSet_FK4() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigprocmask SIG_BLOCK, {SIGUSR1}
          raise SIGUSR1
          fork
          jz r0, child
          waitpid r0, 0
          sigpending
          print "parent pending=%x\\n", r1
          sigprocmask SIG_SETMASK, {}
          exit 0
        child:
          sigpending
          print "child pending=%x\\n", r1
          exit 0
        end
        run /bin/p
        """);
    // the parent then dies of its own SIGUSR1 when it unblocks it
    assertEquals("child pending=0\nparent pending=200\n", r.stdout());
    assertEquals(10, r.result().mainStatus());
  }

  @Test
  void childInheritsHandlers_FK3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          signal SIGUSR1, handler
          fork
          jz r0, child
          waitpid r0, 0
          wifexited r2, r1
          print "child exited normally=%d\\n", r2
          exit 0
        child:
          raise SIGUSR1
          exit 0
        handler:
          getpid
          print "handler in %d\\n", r0
          ret
        end
        run /bin/p
        """);
    assertEquals("handler in 3\nchild exited normally=1\n", r.stdout());
  }

  @Test
  void childCpuTimeStartsAtZero_FK4() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          compute 5ms
          fork
          jz r0, child
          waitpid r0, 0
          exit 0
        child:
          getrusage RUSAGE_SELF
          print "child_user=%d\\n", r3
          exit 0
        end
        run /bin/p
        """);
    long user = number(r, "child_user");
    assertTrue(user >= 0 && user < 1_000_000, "child's user time starts from 0: " + user);
  }

  @Test
  void pdeathsigIsClearedInTheChild_FK4() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          prctl PR_SET_PDEATHSIG, SIGTERM
          fork
          jz r0, child
          waitpid r0, 0
          prctl PR_GET_PDEATHSIG
          print "parent=%d\\n", r1
          exit 0
        child:
          prctl PR_GET_PDEATHSIG
          print "child=%d\\n", r1
          exit 0
        end
        run /bin/p
        """);
    assertEquals("child=0\nparent=15\n", r.stdout());
  }

  @Test
  void childInheritsProcessGroupAndSession_PG2() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          setpgid 0, 0
          fork
          jz r0, child
          waitpid r0, 0
          exit 0
        child:
          getpgrp
          mov r6, r0
          getsid 0
          mov r7, r0
          getsid 2
          print "pgrp=%d sid=%d parent_sid=%d\\n", r6, r7, r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals(2, number(r, "pgrp"));
    assertEquals(number(r, "parent_sid"), number(r, "sid"));
  }

  @Test
  void childInheritsEachActionsFlagsAndMask_FK3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction SIGUSR1, handler, SA_RESTART|SA_NODEFER, {SIGINT}
          fork
          jz r0, child
          waitpid r0, 0
          exit 0
        child:
          sigaction SIGUSR1, QUERY
          mov r5, handler
          seq r6, r1, r5
          and r2, SA_RESTART|SA_NODEFER
          print "same handler=%d flags=%x mask=%x\\n", r6, r2, r3
          exit 0
        handler:
          ret
        end
        run /bin/p
        """);
    assertEquals("same handler=1 flags=50000000 mask=2\n", r.stdout());
  }
}
