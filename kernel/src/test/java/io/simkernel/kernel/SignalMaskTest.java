package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Dispositions, masks and the pending set: what sigaction and sigprocmask accept and report,
 * blocking, pending, discarding and the order of delivery. posix-semantics SI-2, SG-11, SG-14,
 * SG-15, SG-16, SG-17, HA-1, HA-3, HA-9, TM-2.
 */
class SignalMaskTest {

  @Test
  void aBlockedSignalStaysPendingAndIsDeliveredBeforeSigprocmaskReturns_SG14_SG16() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          signal SIGUSR1, handler
          sigprocmask SIG_BLOCK, {SIGUSR1}
          raise SIGUSR1
          print "raised\\n"
          sigpending
          print "pending=%x\\n", r1
          sigprocmask SIG_UNBLOCK, {SIGUSR1}
          print "unblocked\\n"
          sigpending
          print "pending=%x\\n", r1
          exit 0
        handler:
          print "handler\\n"
          ret
        end
        run /bin/p
        """);
    assertEquals("raised\npending=200\nhandler\nunblocked\npending=0\n", r.stdout());
  }

  @Test
  void aBlockedFatalSignalKillsWhenUnblocked_TM2() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigprocmask SIG_BLOCK, {SIGTERM}
          raise SIGTERM
          print "still alive\\n"
          sigprocmask SIG_UNBLOCK, {SIGTERM}
          print "not reached\\n"
          exit 0
        end
        run /bin/p
        """);
    assertEquals("still alive\n", r.stdout());
    assertEquals(15, r.result().mainStatus());
    assertEquals(143, r.exitStatus());
  }

  @Test
  void sigkillCannotBeCaughtIgnoredOrReset_HA1_HA8() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction SIGKILL, handler
          print "handler: %e\\n", r0
          sigaction SIGKILL, SIG_IGN
          print "ignore: %e\\n", r0
          sigaction SIGKILL, SIG_DFL
          print "default: %e\\n", r0
          signal SIGKILL, handler
          print "signal(): %e\\n", r0
          sigaction SIGSTOP, handler
          print "SIGSTOP: %e\\n", r0
          sigaction SIGKILL, QUERY
          print "query: %d old=%d\\n", r0, r1
          exit 0
        handler:
          ret
        end
        run /bin/p
        """);
    assertEquals("handler: -EINVAL\nignore: -EINVAL\ndefault: -EINVAL\nsignal(): -EINVAL\n"
        + "SIGSTOP: -EINVAL\nquery: 0 old=0\n", r.stdout());
  }

  @Test
  void sigactionOfAnInvalidSignalFailsWithEinval_HA1() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction 0, SIG_IGN
          print "0: %e\\n", r0
          sigaction 65, SIG_IGN
          print "65: %e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("0: -EINVAL\n65: -EINVAL\n", r.stdout());
  }

  @Test
  void sigkillAndSigstopCannotBeBlocked_HA9_SI2() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigprocmask SIG_BLOCK, {SIGKILL,SIGSTOP,SIGUSR1}
          print "block=%d\\n", r0
          sigprocmask SIG_BLOCK, QUERY
          print "mask=%x\\n", r1
          exit 0
        end
        run /bin/p
        """);
    assertEquals("block=0\nmask=200\n", r.stdout());
  }

  @Test
  void sigkillKillsEvenWhenTheProgramTriedToBlockIt_SI2() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigprocmask SIG_SETMASK, {SIGKILL}
          raise SIGKILL
          print "not reached\\n"
          exit 0
        end
        run /bin/p
        """);
    assertEquals("", r.stdout());
    assertEquals(9, r.result().mainStatus());
  }

  @Test
  void sigprocmaskWithAnInvalidHowFailsWithEinval_HA9() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigprocmask 7, {SIGUSR1}
          print "%e\\n", r0
          sigprocmask SIG_BLOCK, QUERY
          print "mask=%x\\n", r1
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-EINVAL\nmask=0\n", r.stdout());
  }

  @Test
  void settingSigIgnDiscardsAPendingSignal_SG15() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigprocmask SIG_BLOCK, {SIGTERM}
          raise SIGTERM
          signal SIGTERM, SIG_IGN
          sigpending
          print "pending=%x\\n", r1
          signal SIGTERM, SIG_DFL
          sigprocmask SIG_UNBLOCK, {SIGTERM}
          print "survived\\n"
          exit 0
        end
        run /bin/p
        """);
    assertEquals("pending=0\nsurvived\n", r.stdout());
    assertEquals(0, r.result().mainStatus());
  }

  @Test
  void aBlockedIgnoredSignalIsStillPending_SG11_SG14() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          signal SIGUSR1, SIG_IGN
          sigprocmask SIG_BLOCK, {SIGUSR1}
          raise SIGUSR1
          sigpending
          print "pending=%x\\n", r1
          exit 0
        end
        run /bin/p
        """);
    assertEquals("pending=200\n", r.stdout());
  }

  @Test
  void theLowestPendingSignalIsDeliveredFirst_SG17_SG19() {
    // each handler's sa_mask blocks the other, so the bodies run one after another
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction SIGUSR2, handler, 0, {SIGUSR1}
          sigaction SIGUSR1, handler, 0, {SIGUSR2}
          sigprocmask SIG_BLOCK, {SIGUSR1,SIGUSR2}
          raise SIGUSR2
          raise SIGUSR1
          sigprocmask SIG_SETMASK, {}
          exit 0
        handler:
          print "%d\\n", r0
          ret
        end
        run /bin/p
        """);
    assertEquals("10\n12\n", r.stdout());
  }

  @Test
  void sigkillAndSigstopInSaMaskAreSilentlyDropped_HA1() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction SIGUSR1, handler, 0, {SIGKILL,SIGSTOP,SIGINT}
          print "sigaction=%d\\n", r0
          sigaction SIGUSR1, QUERY
          print "mask=%x\\n", r3
          exit 0
        handler:
          ret
        end
        run /bin/p
        """);
    assertEquals("sigaction=0\nmask=2\n", r.stdout());
  }

  @Test
  void sigactionReportsThePreviousHandler_HA1() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction SIGUSR1, SIG_IGN
          print "first old=%d\\n", r1
          sigaction SIGUSR1, handler
          print "second old=%d\\n", r1
          sigaction SIGUSR1, SIG_DFL
          mov r5, handler
          seq r6, r1, r5
          print "third old is handler=%d\\n", r6
          exit 0
        handler:
          ret
        end
        run /bin/p
        """);
    assertEquals("first old=0\nsecond old=1\nthird old is handler=1\n", r.stdout());
  }

  @Test
  void sigprocmaskReturnsThePreviousMask_HA9() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigprocmask SIG_BLOCK, {SIGUSR1}
          print "%x\\n", r1
          sigprocmask SIG_BLOCK, {SIGUSR2}
          print "%x\\n", r1
          sigprocmask SIG_UNBLOCK, {SIGUSR1}
          print "%x\\n", r1
          sigprocmask SIG_SETMASK, {SIGINT}
          print "%x\\n", r1
          sigprocmask SIG_BLOCK, QUERY
          print "%x\\n", r1
          exit 0
        end
        run /bin/p
        """);
    assertEquals("0\n200\na00\n800\n2\n", r.stdout());
  }

  @Test
  void aQueryIgnoresTheHowArgument_HA9() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigprocmask SIG_BLOCK, {SIGUSR1}
          sigprocmask 7, QUERY
          print "r0=%d mask=%x\\n", r0, r1
          exit 0
        end
        run /bin/p
        """);
    assertEquals("r0=0 mask=200\n", r.stdout());
  }
}
