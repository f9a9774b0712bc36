package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static io.simkernel.kernel.Behaviour.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.simkernel.api.run.StopReason;
import org.junit.jupiter.api.Test;

/**
 * PID 1 with a program of its own ({@code kernel init=...}): identity, immortality and the
 * signals it can receive. posix-semantics PID-1, RP-7, SG-12, KL-1.
 */
class InitTest {

  @Test
  void initIsPid1AndItsParentIs0_PID1() {
    Sim.Run r = completed("""
        kernel init=/sbin/init
        program /sbin/init
        text
        main:
          getpid
          mov r6, r0
          getppid
          print "pid=%d ppid=%d\\n", r6, r0
          pause
        end
        """);
    assertEquals("pid=1 ppid=0\n", r.stdout());
  }

  @Test
  void theTerminationOfInitPanicsTheKernel_RP7() {
    Sim.Run r = Sim.run("""
        kernel init=/sbin/init
        program /sbin/init
        text
        main:
          exit 0
        end
        """);
    assertEquals(StopReason.KERNEL_PANIC, r.result().reason(), describe(r));
  }

  @Test
  void initIgnoresSignalsItHasNoHandlerFor_SG12() {
    Sim.Run r = completed("""
        kernel init=/sbin/init
        program /sbin/init
        text
        main:
          fork
          jz r0, child
        reap:
          wait
          jgt r0, 0, reap
          print "init alive\\n"
          pause
        child:
          kill 1, SIGTERM
          mov r6, r0
          kill 1, SIGKILL
          print "SIGTERM=%d SIGKILL=%d\\n", r6, r0
          exit 0
        end
        """);
    assertEquals("SIGTERM=0 SIGKILL=0\ninit alive\n", r.stdout());
  }

  @Test
  void initRunsAHandlerItInstalled_SG12() {
    Sim.Run r = completed("""
        kernel init=/sbin/init
        program /sbin/init
        text
        main:
          signal SIGUSR1, handler
          fork
          jz r0, child
        reap:
          wait
          jgt r0, 0, reap
          pause
        child:
          kill 1, SIGUSR1
          exit 0
        handler:
          print "init got %d\\n", r0
          ret
        end
        """);
    assertEquals("init got 10\n", r.stdout());
  }

  @Test
  void killMinusOneNeverReachesInit_KL1() {
    // only init and the caller exist: no candidate, so ESRCH, and init's handler never runs
    Sim.Run r = completed("""
        kernel init=/sbin/init
        program /sbin/init
        text
        main:
          signal SIGUSR1, handler
          fork
          jz r0, child
        reap:
          wait
          jgt r0, 0, reap
          pause
        child:
          kill -1, SIGUSR1
          print "kill(-1)=%e\\n", r0
          exit 0
        handler:
          print "init got %d\\n", r0
          ret
        end
        """);
    assertEquals("kill(-1)=-ESRCH\n", r.stdout());
  }

  @Test
  void orphansAreAdoptedByTheInitProgram_RP1c() {
    Sim.Run r = completed("""
        kernel init=/sbin/init
        program /sbin/init
        text
        main:
          fork
          jz r0, parent
        reap:
          wait
          jlt r0, 0, done
          print "init reaped %d\\n", r0
          jmp reap
        done:
          pause
        parent:
          fork
          jz r0, orphan
          exit 0
        orphan:
          sleep 5ms
          getppid
          print "orphan's parent=%d\\n", r0
          exit 0
        end
        """);
    assertEquals("init reaped 2\norphan's parent=1\ninit reaped 3\n", r.stdout());
  }
}
