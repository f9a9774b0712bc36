package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static io.simkernel.kernel.Behaviour.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.trace.EventKind;
import io.simkernel.api.trace.TraceEvent;
import org.junit.jupiter.api.Test;

/**
 * vfork and execve. posix-semantics §4 (VF-1 .. VF-5), §5 (EX-1, EX-5, EX-8, EX-9). What a
 * process keeps across execve is in {@link ExecInheritanceTest}.
 */
class VforkExecTest {

  @Test
  void vforkParentResumesOnlyAfterTheChildExits_VF1() {
    // two CPUs: the parent could run at once, but must stay suspended
    Sim.Run r = completed("""
        kernel cpus=2
        program /bin/p
        text
        main:
          vfork
          jz r0, child
          mov r6, r0
          clock
          print "parent: vfork=%d at=%d\\n", r6, r0
          waitpid r6, 0
          exit 0
        child:
          print "child: vfork=%d\\n", r0
          compute 2ms
          exit 0
        end
        run /bin/p
        """);
    assertTrue(r.stdout().startsWith("child: vfork=0\nparent: vfork=3 at="), r.stdout());
    assertTrue(number(r, "at") >= 2_000_000, "resumed after the child's 2ms: " + r.stdout());
  }

  @Test
  void vforkChildWritesAreSeenByTheParent_VF2() {
    Sim.Run r = completed("""
        program /bin/p
        data
          x: word 0
        text
        main:
          vfork
          jz r0, child
          mov r6, r0
          load r2, [x]
          print "parent sees %d\\n", r2
          waitpid r6, 0
          exit 0
        child:
          store [x], 42
          exit 0
        end
        run /bin/p
        """);
    assertEquals("parent sees 42\n", r.stdout());
  }

  @Test
  void vforkParentResumesAtTheChildsExecNotItsExit_VF5_EX8() {
    Sim.Run r = completed("""
        program /bin/other
        text
        main:
          sleep 5ms
          print "other done\\n"
          exit 3
        end

        program /bin/p
        text
        main:
          vfork
          jz r0, child
          mov r6, r0
          print "parent resumed: vfork=%d\\n", r6
          waitpid r6, 0
          print "status=%x\\n", r1
          exit 0
        child:
          execve "/bin/other"
          exit 127
        end
        run /bin/p
        """);
    assertEquals("parent resumed: vfork=3\nother done\nstatus=300\n", r.stdout());
  }

  @Test
  void aFailedExecInTheVforkChildDoesNotResumeTheParent_VF5_EX9() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          vfork
          jz r0, child
          mov r6, r0
          waitpid r6, 0
          print "parent: status=%x\\n", r1
          exit 0
        child:
          execve "/bin/nope"
          print "child: %e\\n", r0
          compute 1ms
          exit 127
        end
        run /bin/p
        """);
    assertEquals("child: -ENOENT\nparent: status=7f00\n", r.stdout());
  }

  @Test
  void vforkChildExitStatusIsReported_VF1() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          vfork
          jz r0, child
          waitpid r0, 0
          print "status=%x\\n", r1
          exit 0
        child:
          exit 5
        end
        run /bin/p
        """);
    assertEquals("status=500\n", r.stdout());
  }

  @Test
  void execveOfAMissingPathFailsWithEnoentAndTheOldImageContinues_EX9() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          execve "/bin/nope"
          print "%e\\n", r0
          exit 4
        end
        run /bin/p
        """);
    assertEquals("-ENOENT\n", r.stdout());
    assertEquals(4, r.exitStatus());
  }

  @Test
  void execvePassesArgcAndArgv() {
    Sim.Run r = completed("""
        program /bin/echo
        text
        main:
          mov r5, r0
          load r3, [r1]
          load r4, [r1+8]
          load r7, [r1+16]
          load r8, [r1+24]
          print "argc=%d argv0=%s argv1=%s argv2=%s argv3=%d\\n", r5, r3, r4, r7, r8
          exit 0
        end

        program /bin/p
        text
        main:
          execve "/bin/echo", "hello", "two words"
          print "not reached\\n"
          exit 1
        end
        run /bin/p
        """);
    // argv[argc] is NULL, as in C
    assertEquals("argc=3 argv0=/bin/echo argv1=hello argv2=two words argv3=0\n", r.stdout());
  }

  @Test
  void runPassesItsArgumentsToMain() {
    Sim.Run r = completed("""
        program /bin/echo
        text
        main:
          mov r5, r0
          load r3, [r1]
          load r4, [r1+8]
          load r7, [r1+16]
          print "argc=%d argv0=%s argv1=%s argv2=%s\\n", r5, r3, r4, r7
          exit 0
        end
        run /bin/echo a1 "x y"
        """);
    assertEquals("argc=3 argv0=/bin/echo argv1=a1 argv2=x y\n", r.stdout());
  }

  @Test
  void pidAndParentAreKeptAcrossExec_EX1_PID7() {
    Sim.Run r = completed("""
        program /bin/show
        text
        main:
          getpid
          mov r6, r0
          getppid
          print "pid=%d ppid=%d\\n", r6, r0
          exit 0
        end

        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          waitpid r6, 0
          print "fork=%d\\n", r6
          exit 0
        child:
          execve "/bin/show"
          exit 127
        end
        run /bin/p
        """);
    assertEquals("pid=3 ppid=2\nfork=3\n", r.stdout());
    TraceEvent exec = r.events().stream()
        .filter(e -> e.kind() == EventKind.SCHED_PROCESS_EXEC && "/bin/show".equals(e.text()))
        .findFirst().orElseThrow();
    assertEquals(3, exec.pid());
  }

  @Test
  void sessionAndGroupAreKeptAcrossExec_EX1_PG2() {
    Sim.Run r = completed("""
        program /bin/show
        text
        main:
          getpgrp
          mov r6, r0
          getsid 0
          print "pgrp=%d sid=%d\\n", r6, r0
          exit 0
        end

        program /bin/p
        text
        main:
          fork
          jz r0, child
          waitpid r0, 0
          exit 0
        child:
          setsid
          execve "/bin/show"
          exit 127
        end
        run /bin/p
        """);
    assertEquals("pgrp=3 sid=3\n", r.stdout());
  }

  @Test
  void execReplacesTheMemoryImage_EX5() {
    Sim.Run r = completed("""
        program /bin/q
        data
          x: word 1
        text
        main:
          load r2, [x]
          print "x=%d\\n", r2
          exit 0
        end

        program /bin/p
        data
          x: word 5
        text
        main:
          store [x], 9
          execve "/bin/q"
          exit 1
        end
        run /bin/p
        """);
    assertEquals("x=1\n", r.stdout());
  }

  @Test
  void signalsToASuspendedVforkParentWaitUntilItResumes_VF3() {
    Sim.Run r = completed("""
        kernel cpus=2
        program /bin/p
        text
        main:
          signal SIGUSR1, handler
          vfork
          jz r0, child
          print "parent resumed\\n"
          wait
          exit 0
        child:
          getppid
          kill r0, SIGUSR1
          print "child sent\\n"
          compute 2ms
          exit 0
        handler:
          clock
          print "handler at=%d\\n", r0
          ret
        end
        run /bin/p
        """);
    assertTrue(r.stdout().startsWith("child sent\nhandler at="), r.stdout());
    assertTrue(r.stdout().endsWith("parent resumed\n"), r.stdout());
    assertTrue(number(r, "handler at") >= 2_000_000, r.stdout());
  }

  @Test
  void sigkillStillKillsASuspendedVforkParent_VF3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          vfork
          jz r0, child
          print "parent resumed\\n"
          exit 0
        child:
          getppid
          kill r0, SIGKILL
          sleep 2ms
          getppid
          print "child goes on, parent now %d\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("child goes on, parent now 1\n", r.stdout());
    assertEquals(9, r.result().mainStatus());
  }

  @Test
  void aVforkChildKilledByASignalResumesTheParent_VF1() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          vfork
          jz r0, child
          waitpid r0, 0
          print "status=%x\\n", r1
          exit 0
        child:
          raise SIGTERM
          exit 0
        end
        run /bin/p
        """);
    assertEquals("status=f\n", r.stdout());
  }

  @Test
  void aVforkChildStartsWithAnEmptyPendingSet_VF4() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigprocmask SIG_BLOCK, {SIGUSR1}
          raise SIGUSR1
          vfork
          jz r0, child
          wait
          sigpending
          print "parent pending=%x\\n", r1
          exit 0
        child:
          sigpending
          print "child pending=%x\\n", r1
          exit 0
        end
        run /bin/p
        """);
    assertEquals("child pending=0\nparent pending=200\n", r.stdout());
  }

  @Test
  void childrenAreKeptAcrossExec_EX1() {
    Sim.Run r = completed("""
        program /bin/waiter
        text
        main:
          wait
          print "reaped %d status=%x\\n", r0, r1
          exit 0
        end

        program /bin/p
        text
        main:
          fork
          jz r0, child
          execve "/bin/waiter"
          exit 1
        child:
          sleep 2ms
          exit 5
        end
        run /bin/p
        """);
    assertEquals("reaped 3 status=500\n", r.stdout());
  }

  @Test
  void execveOfAnEmptyPathFailsWithEnoent_EX9() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          execve ""
          print "%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-ENOENT\n", r.stdout());
  }
}
