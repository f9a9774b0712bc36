package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static io.simkernel.kernel.Behaviour.describe;
import static io.simkernel.kernel.Behaviour.events;
import static io.simkernel.kernel.Behaviour.number;
import static io.simkernel.kernel.Behaviour.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.run.ProcessRecord;
import io.simkernel.api.run.StopReason;
import io.simkernel.api.trace.EventKind;
import io.simkernel.api.trace.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Zombies, reaping and auto-reaping. posix-semantics §2 (ST-4, ST-5), §7 (ZB-1 .. ZB-4),
 * §10 (CH-2), KL-5, WT-13.
 */
class ZombieTest {

  @Test
  void childStaysAZombieThatKillSeesUntilItIsWaited_ST4_KL5() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 5ms
          kill r6, 0
          print "zombie kill=%d\\n", r0
          waitpid r6, 0
          print "reaped %d\\n", r0
          exit 0
        child:
          exit 0
        end
        run /bin/p
        """);
    assertEquals("zombie kill=0\nreaped 3\n", r.stdout());
    TraceEvent exit = Behaviour.first(r, EventKind.SCHED_PROCESS_EXIT, 3);
    TraceEvent free = Behaviour.first(r, EventKind.SCHED_PROCESS_FREE, 3);
    assertTrue(free.timeNs() - exit.timeNs() >= 5_000_000 - 200_000,
        "freed only when the parent waits ~5ms later: exit " + exit + ", free " + free);
    assertEquals(2, free.a(), "reaped by its parent");
  }

  @Test
  void killAfterReapFailsWithEsrch_ZB3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          waitpid r6, 0
          kill r6, 0
          print "%e\\n", r0
          exit 0
        child:
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-ESRCH\n", r.stdout());
  }

  @Test
  void signalsToAZombieHaveNoEffectOnItsStatus_ST4() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 2ms
          kill r6, SIGKILL
          print "kill=%d\\n", r0
          waitpid r6, 0
          print "status=%x\\n", r1
          exit 0
        child:
          exit 5
        end
        run /bin/p
        """);
    assertEquals("kill=0\nstatus=500\n", r.stdout());
  }

  @Test
  void sigchldSetToSigIgnAutoReapsTheChild_ZB1() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          signal SIGCHLD, SIG_IGN
          fork
          jz r0, child
          mov r6, r0
          sleep 2ms
          kill r6, 0
          print "kill=%e\\n", r0
          waitpid -1, 0
          print "waitpid=%e\\n", r0
          exit 0
        child:
          exit 0
        end
        run /bin/p
        """);
    assertEquals("kill=-ESRCH\nwaitpid=-ECHILD\n", r.stdout());
    assertEquals(-1, record(r, 3).reapedBy(), "auto-reaped");
  }

  @Test
  void waitBlocksUntilTheLastAutoReapedChildEndsThenFailsWithEchild_WT13() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          signal SIGCHLD, SIG_IGN
          fork
          jz r0, child
          wait
          mov r6, r0
          clock
          print "wait=%e at=%d\\n", r6, r0
          exit 0
        child:
          sleep 3ms
          exit 0
        end
        run /bin/p
        """);
    assertTrue(r.stdout().startsWith("wait=-ECHILD "), r.stdout());
    assertTrue(number(r, "at") >= 3_000_000, "returned only after the child ended: " + r.stdout());
  }

  @Test
  void saNocldwaitAutoReapsTheChild_ZB1() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction SIGCHLD, SIG_DFL, SA_NOCLDWAIT
          fork
          jz r0, child
          sleep 2ms
          waitpid -1, WNOHANG
          print "waitpid=%e\\n", r0
          exit 0
        child:
          exit 0
        end
        run /bin/p
        """);
    assertEquals("waitpid=-ECHILD\n", r.stdout());
    assertEquals(-1, record(r, 3).reapedBy(), "auto-reaped");
  }

  @Test
  void aZombieThatExistedBeforeSigIgnStaysWaitable_ZB2() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 2ms
          signal SIGCHLD, SIG_IGN
          waitpid r6, WNOHANG
          print "waitpid=%d status=%x\\n", r0, r1
          exit 0
        child:
          exit 6
        end
        run /bin/p
        """);
    assertEquals("waitpid=3 status=600\n", r.stdout());
  }

  @Test
  void aParentThatNeverWaitsLeavesAZombieWhileItLives_ZB3() {
    Sim.Run r = Sim.run("""
        kernel time_limit=50ms
        program /bin/p
        text
        main:
          fork
          jz r0, child
          sleep 1s
          exit 0
        child:
          exit 3
        end
        run /bin/p
        """);
    assertEquals(StopReason.TIME_LIMIT, r.result().reason(), describe(r));
    List<ProcessRecord> zombies = r.result().zombies();
    assertEquals(1, zombies.size(), describe(r));
    ProcessRecord z = zombies.get(0);
    assertEquals(3, z.pid());
    assertEquals(2, z.ppid());
    assertEquals(0x300, z.status());
  }

  @Test
  void whenTheNonWaitingParentExitsInitReapsTheZombie_ZB4() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          sleep 5ms
          exit 0
        child:
          exit 3
        end
        run /bin/p
        """);
    assertEquals(List.of(), r.result().zombies());
    ProcessRecord child = record(r, 3);
    assertEquals(0x300, child.status());
    assertEquals(1, child.reapedBy(), "init reaps the adopted zombie");
    List<TraceEvent> reparents = events(r, EventKind.REPARENT);
    assertEquals(1, reparents.size(), reparents.toString());
    assertEquals(3, reparents.get(0).pid());
    assertEquals(2, reparents.get(0).a());
    assertEquals(1, reparents.get(0).b());
  }

  @Test
  void aZombieKeepsItsGroupAndSession_ST4() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 2ms
          getpgid r6
          mov r7, r0
          getsid r6
          print "zombie pgid=%d sid=%d\\n", r7, r0
          wait
          exit 0
        child:
          setsid
          exit 0
        end
        run /bin/p
        """);
    assertEquals("zombie pgid=3 sid=3\n", r.stdout());
  }

  @Test
  void autoReapIsDecidedWhenTheChildTerminates_ZB1_ZB2() {
    // SIG_IGN while forking, back to SIG_DFL before the child exits: an ordinary zombie
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          signal SIGCHLD, SIG_IGN
          fork
          jz r0, child
          mov r6, r0
          signal SIGCHLD, SIG_DFL
          waitpid r6, 0
          print "waitpid=%d status=%x\\n", r0, r1
          exit 0
        child:
          sleep 2ms
          exit 8
        end
        run /bin/p
        """);
    assertEquals("waitpid=3 status=800\n", r.stdout());
  }
}
