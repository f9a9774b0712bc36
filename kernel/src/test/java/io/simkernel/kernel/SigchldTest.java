package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static io.simkernel.kernel.Behaviour.record;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * SIGCHLD: what the parent is sent when a child ends, and to whom (the new parent after
 * reparenting). posix-semantics §10 (CH-1 .. CH-5), RP-2, HA-4.
 */
class SigchldTest {

  @Test
  void sigchldHandlerGetsCldExitedSiginfo_CH1() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction SIGCHLD, handler, SA_SIGINFO|SA_RESTART
          fork
          jz r0, child
          wait
          exit 0
        child:
          exit 7
        handler:
          print "sig=%d code=%d pid=%d status=%d uid=%d\\n", r0, r1, r2, r3, r5
          ret
        end
        run /bin/p
        """);
    assertEquals("sig=17 code=1 pid=3 status=7 uid=0\n", r.stdout());
  }

  @Test
  void sigchldHandlerGetsCldKilledSiginfo_CH1() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction SIGCHLD, handler, SA_SIGINFO|SA_RESTART
          fork
          jz r0, child
          mov r6, r0
          kill r6, SIGKILL
          wait
          exit 0
        child:
          sleep 1s
          exit 0
        handler:
          print "code=%d pid=%d status=%d\\n", r1, r2, r3
          ret
        end
        run /bin/p
        """);
    assertEquals("code=2 pid=3 status=9\n", r.stdout());
  }
  @Test
  void saNocldwaitStillGeneratesSigchld_CH2() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction SIGCHLD, handler, SA_NOCLDWAIT|SA_RESTART
          fork
          jz r0, child
          sleep 5ms
          waitpid -1, WNOHANG
          print "waitpid=%e\\n", r0
          exit 0
        child:
          exit 0
        handler:
          print "SIGCHLD\\n"
          ret
        end
        run /bin/p
        """);
    assertEquals("SIGCHLD\nwaitpid=-ECHILD\n", r.stdout());
  }

  @Test
  void defaultSigchldDoesNotAutoReap_CH3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction SIGCHLD, SIG_DFL, 0
          fork
          jz r0, child
          sleep 2ms
          waitpid -1, WNOHANG
          print "waitpid=%d\\n", r0
          exit 0
        child:
          exit 0
        end
        run /bin/p
        """);
    assertEquals("waitpid=3\n", r.stdout());
    assertEquals(2, record(r, 3).reapedBy());
  }

  @Test
  void threeExitsWhileSigchldIsBlockedGiveOneDeliveryAndThreeZombies_CH5() {
    // several children exit while one SIGCHLD is pending: a single delivery, but every
    // zombie is still reaped by a WNOHANG loop
    Sim.Run r = completed("""
        program /bin/p
        data
          reaped: word 0
        text
        main:
          sigprocmask SIG_BLOCK, {SIGCHLD}
          signal SIGCHLD, handler
          fork
          jz r0, child
          fork
          jz r0, child
          fork
          jz r0, child
          sleep 5ms
          sigprocmask SIG_UNBLOCK, {SIGCHLD}
          load r2, [reaped]
          print "reaped=%d\\n", r2
          exit 0
        child:
          exit 0
        handler:
          print "SIGCHLD\\n"
        loop:
          waitpid -1, WNOHANG
          jle r0, 0, done
          load r2, [reaped]
          add r2, 1
          store [reaped], r2
          jmp loop
        done:
          ret
        end
        run /bin/p
        """);
    assertEquals("SIGCHLD\nreaped=3\n", r.stdout());
  }

  @Test
  void aBlockedSigchldStaysPendingAfterAChildExits_CH3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigprocmask SIG_BLOCK, {SIGCHLD}
          fork
          jz r0, child
          sleep 2ms
          sigpending
          print "pending=%x\\n", r1
          wait
          exit 0
        child:
          exit 0
        end
        run /bin/p
        """);
    assertEquals("pending=10000\n", r.stdout());
  }

  @Test
  void anOrphansSigchldGoesToTheSubreaperThatAdoptedIt_RP2() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          prctl PR_SET_CHILD_SUBREAPER, 1
          sigaction SIGCHLD, handler, SA_SIGINFO|SA_RESTART
          fork
          jz r0, middle
          waitpid r0, 0
          waitpid -1, 0
          print "reaped %d\\n", r0
          exit 0
        middle:
          sigaction SIGCHLD, SIG_DFL
          fork
          jz r0, orphan
          exit 0
        orphan:
          sleep 5ms
          exit 0
        handler:
          print "SIGCHLD from %d\\n", r2
          ret
        end
        run /bin/p
        """);
    assertEquals("SIGCHLD from 3\nSIGCHLD from 4\nreaped 4\n", r.stdout());
  }

  @Test
  void sigchldCarriesTheChildsRealUid_CH1() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction SIGCHLD, handler, SA_SIGINFO|SA_RESTART
          fork
          jz r0, child
          wait
          exit 0
        child:
          setuid 1000
          exit 0
        handler:
          print "uid=%d\\n", r5
          ret
        end
        run /bin/p
        """);
    assertEquals("uid=1000\n", r.stdout());
  }
}
