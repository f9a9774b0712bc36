package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static io.simkernel.kernel.Behaviour.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Handlers, sigreturn, masks, pending signals and EINTR. posix-semantics §12 (SG-11 .. SG-19),
 * §13 (HA-1 .. HA-10), SI-2.
 */
class SignalHandlerTest {

  @Test
  void handlerRunsAndRetRestoresEveryRegister_HA2() {
    // the child computes with known registers; the handler clobbers them all; after sigreturn
    // the interrupted computation goes on with the original values
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 1ms
          kill r6, SIGUSR1
          waitpid r6, 0
          exit 0
        child:
          signal SIGUSR1, handler
          mov r1, 11
          mov r2, 22
          mov r3, 33
          mov r7, 77
          mov r15, 1515
          compute 5ms
          print "after: r1=%d r2=%d r3=%d r7=%d r15=%d\\n", r1, r2, r3, r7, r15
          exit 0
        handler:
          print "handler sig=%d\\n", r0
          mov r0, 0
          mov r1, 0
          mov r2, 0
          mov r3, 0
          mov r7, 0
          mov r15, 0
          ret
        end
        run /bin/p
        """);
    assertEquals("handler sig=10\nafter: r1=11 r2=22 r3=33 r7=77 r15=1515\n", r.stdout());
  }

  @Test
  void interruptedComputeStillTakesItsFullDuration_HA2() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 1ms
          kill r6, SIGUSR1
          waitpid r6, 0
          exit 0
        child:
          signal SIGUSR1, handler
          compute 5ms
          getrusage RUSAGE_SELF
          print "user=%d\\n", r3
          exit 0
        handler:
          ret
        end
        run /bin/p
        """);
    long user = number(r, "user");
    assertTrue(user >= 5_000_000 && user < 5_200_000, "user ns " + user);
  }

  @Test
  void aSelfSignalIsHandledBeforeKillReturns_SG16() {
    Sim.Run r = completed("""
        program /bin/p
        data
          flag: word 0
        text
        main:
          signal SIGUSR1, handler
          getpid
          kill r0, SIGUSR1
          load r2, [flag]
          print "kill=%d flag=%d\\n", r0, r2
          exit 0
        handler:
          store [flag], 1
          ret
        end
        run /bin/p
        """);
    assertEquals("kill=0 flag=1\n", r.stdout());
  }

  @Test
  void raiseRunsTheHandlerBeforeReturning_SG16_KL8() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          signal SIGUSR2, handler
          raise SIGUSR2
          print "raise=%d\\n", r0
          exit 0
        handler:
          print "handler %d\\n", r0
          ret
        end
        run /bin/p
        """);
    assertEquals("handler 12\nraise=0\n", r.stdout());
  }

  @Test
  void sleepInterruptedByAHandlerFailsWithEintrAndTheTimeLeft_HA5() {
    // even with SA_RESTART (glibc signal()), nanosleep is never restarted
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 3ms
          kill r6, SIGUSR1
          waitpid r6, 0
          exit 0
        child:
          signal SIGUSR1, handler
          sleep 10ms
          print "sleep=%e left=%d\\n", r0, r1
          exit 0
        handler:
          ret
        end
        run /bin/p
        """);
    assertTrue(r.stdout().startsWith("sleep=-EINTR "), r.stdout());
    long left = number(r, "left");
    // the child started sleeping just after its fork (~tens of us), was hit at ~3 ms
    assertTrue(left > 6_800_000 && left < 7_200_000, "time left " + left);
  }

  @Test
  void pauseReturnsEintrAfterAHandler_HA10() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 1ms
          kill r6, SIGUSR1
          waitpid r6, 0
          exit 0
        child:
          signal SIGUSR1, handler
          pause
          print "pause=%e\\n", r0
          exit 0
        handler:
          print "handler\\n"
          ret
        end
        run /bin/p
        """);
    assertEquals("handler\npause=-EINTR\n", r.stdout());
  }

  @Test
  void anIgnoredSignalDoesNotEndPause_HA10() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 1ms
          kill r6, SIGUSR2
          sleep 1ms
          kill r6, SIGCHLD
          sleep 1ms
          kill r6, SIGUSR1
          waitpid r6, 0
          exit 0
        child:
          signal SIGUSR2, SIG_IGN
          signal SIGUSR1, handler
          pause
          mov r6, r0
          clock
          print "pause=%e at=%d\\n", r6, r0
          exit 0
        handler:
          ret
        end
        run /bin/p
        """);
    assertTrue(r.stdout().startsWith("pause=-EINTR "), r.stdout());
    assertTrue(number(r, "at") >= 3_000_000, "only SIGUSR1 ended pause: " + r.stdout());
  }

  @Test
  void aHandlerStaysInstalledAcrossDeliveries_HA7() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction SIGUSR1, handler, 0
          raise SIGUSR1
          raise SIGUSR1
          print "done\\n"
          exit 0
        handler:
          print "handler\\n"
          ret
        end
        run /bin/p
        """);
    assertEquals("handler\nhandler\ndone\n", r.stdout());
  }

  @Test
  void saResethandRunsTheHandlerOnceThenDefault_HA3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction SIGUSR1, handler, SA_RESETHAND
          raise SIGUSR1
          sigaction SIGUSR1, QUERY
          print "now=%d\\n", r1
          raise SIGUSR1
          print "not reached\\n"
          exit 0
        handler:
          print "handler\\n"
          ret
        end
        run /bin/p
        """);
    assertEquals("handler\nnow=0\n", r.stdout());
    assertEquals(10, r.result().mainStatus());
  }

  @Test
  void theSignalIsBlockedInsideItsHandler_HA2() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction SIGUSR1, handler, 0
          raise SIGUSR1
          sigprocmask SIG_BLOCK, QUERY
          print "after=%x\\n", r1
          exit 0
        handler:
          sigprocmask SIG_BLOCK, QUERY
          print "inside=%x\\n", r1
          ret
        end
        run /bin/p
        """);
    assertEquals("inside=200\nafter=0\n", r.stdout());
  }

  @Test
  void saSiginfoGivesSenderAndSiUser_HA4() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 1ms
          kill r6, SIGUSR1
          waitpid r6, 0
          exit 0
        child:
          sigaction SIGUSR1, handler, SA_SIGINFO
          pause
          exit 0
        handler:
          print "sig=%d code=%d pid=%d uid=%d\\n", r0, r1, r2, r5
          ret
        end
        run /bin/p
        """);
    assertEquals("sig=10 code=0 pid=2 uid=0\n", r.stdout());
  }

  @Test
  void saMaskIsBlockedInsideTheHandlerAndRestoredAfter_HA2() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction SIGUSR1, handler, 0, {SIGINT,SIGTERM}
          raise SIGUSR1
          sigprocmask SIG_BLOCK, QUERY
          print "after=%x\\n", r1
          exit 0
        handler:
          sigprocmask SIG_BLOCK, QUERY
          print "inside=%x\\n", r1
          ret
        end
        run /bin/p
        """);
    // SIGINT 0x2 | SIGUSR1 0x200 | SIGTERM 0x4000
    assertEquals("inside=4202\nafter=0\n", r.stdout());
  }

  @Test
  void saNodeferLeavesTheSignalUnblockedInItsHandler_HA2() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction SIGUSR1, handler, SA_NODEFER
          raise SIGUSR1
          exit 0
        handler:
          sigprocmask SIG_BLOCK, QUERY
          print "inside=%x\\n", r1
          ret
        end
        run /bin/p
        """);
    assertEquals("inside=0\n", r.stdout());
  }

  @Test
  void saResethandStillBlocksTheSignalInItsHandler_HA3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction SIGUSR1, handler, SA_RESETHAND|SA_SIGINFO
          raise SIGUSR1
          sigaction SIGUSR1, QUERY
          and r2, SA_SIGINFO
          print "after: handler=%d siginfo kept=%d\\n", r1, r2
          exit 0
        handler:
          sigprocmask SIG_BLOCK, QUERY
          print "inside=%x\\n", r1
          ret
        end
        run /bin/p
        """);
    // only the handler field is reset; the flags (SA_SIGINFO) stay as installed
    assertEquals("inside=200\nafter: handler=0 siginfo kept=4\n", r.stdout());
  }

  @Test
  void sleepOfZeroReturnsAtOnceAndANegativeDurationIsEinval() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sleep 0
          print "zero=%d\\n", r0
          sleep -1
          print "negative=%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("zero=0\nnegative=-EINVAL\n", r.stdout());
  }

  @Test
  void maskChangesMadeInsideAHandlerAreUndoneBySigreturn_HA2() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction SIGUSR1, handler, 0
          raise SIGUSR1
          sigprocmask SIG_BLOCK, QUERY
          print "after=%x\\n", r1
          exit 0
        handler:
          sigprocmask SIG_BLOCK, {SIGUSR2}
          ret
        end
        run /bin/p
        """);
    assertEquals("after=0\n", r.stdout());
  }

  @Test
  void raiseGivesSiTkillWithTheCallersPidAndUid_HA4() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          setuid 1000
          sigaction SIGUSR1, handler, SA_SIGINFO
          raise SIGUSR1
          getpid
          kill r0, SIGUSR1
          exit 0
        handler:
          print "code=%d pid=%d uid=%d\\n", r1, r2, r5
          ret
        end
        run /bin/p
        """);
    // raise is tgkill: SI_TKILL (-6); kill: SI_USER (0)
    assertEquals("code=-6 pid=2 uid=1000\ncode=0 pid=2 uid=1000\n", r.stdout());
  }

  @Test
  void aSignalBlockedBySaMaskRunsWhenTheHandlerReturns_HA2_SG16() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction SIGUSR1, first, 0, {SIGUSR2}
          sigaction SIGUSR2, second, 0
          raise SIGUSR1
          print "main\\n"
          exit 0
        first:
          print "first begins\\n"
          raise SIGUSR2
          print "first ends\\n"
          ret
        second:
          print "second\\n"
          ret
        end
        run /bin/p
        """);
    assertEquals("first begins\nfirst ends\nsecond\nmain\n", r.stdout());
  }

  @Test
  void anUnblockedSignalNestsInsideARunningHandler_SG16_SG19() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction SIGUSR1, first, 0
          sigaction SIGUSR2, second, 0
          raise SIGUSR1
          print "main\\n"
          exit 0
        first:
          print "first begins\\n"
          raise SIGUSR2
          print "first ends\\n"
          ret
        second:
          print "second\\n"
          ret
        end
        run /bin/p
        """);
    assertEquals("first begins\nsecond\nfirst ends\nmain\n", r.stdout());
  }
}
