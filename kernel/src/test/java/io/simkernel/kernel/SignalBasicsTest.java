package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static io.simkernel.kernel.Behaviour.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Sending signals: kill/raise targets, errors and permissions, ignored signals, init's
 * protection. posix-semantics §11 (SI-*), §12 (SG-*), §14 (KL-*). Handlers and masks are in
 * {@link SignalHandlerTest}.
 */
class SignalBasicsTest {

  @Test
  void killOfANonexistentPidFailsWithEsrch_KL3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          kill 999, SIGTERM
          print "%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-ESRCH\n", r.stdout());
  }

  @Test
  void aMissingTargetIsReportedBeforeAnInvalidSignal_KL3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          kill 999, 65
          print "%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-ESRCH\n", r.stdout());
  }

  @Test
  void killWithSignal65FailsWithEinval_KL3_SI1() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          getpid
          kill r0, 65
          print "65: %e\\n", r0
          getpid
          kill r0, -1
          print "-1: %e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("65: -EINVAL\n-1: -EINVAL\n", r.stdout());
  }

  @Test
  void raiseOfAnInvalidSignalFailsWithEinval_KL8() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          raise 65
          print "%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-EINVAL\n", r.stdout());
  }

  @Test
  void nonRootCannotSignalARootProcess_KL4() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          setuid 1000
          kill r6, SIGTERM
          print "SIGTERM: %e\\n", r0
          kill r6, 0
          print "signal 0: %e\\n", r0
          waitpid r6, 0
          print "child status=%x\\n", r1
          exit 0
        child:
          sleep 5ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals("SIGTERM: -EPERM\nsignal 0: -EPERM\nchild status=0\n", r.stdout());
  }

  @Test
  void sameUidMaySignal_KL4() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          setuid 1000
          fork
          jz r0, child
          mov r6, r0
          kill r6, SIGTERM
          print "kill=%d\\n", r0
          waitpid r6, 0
          print "status=%x\\n", r1
          exit 0
        child:
          sleep 5ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals("kill=0\nstatus=f\n", r.stdout());
  }

  @Test
  void killWithSignalZeroChecksExistenceWithoutSending_KL2() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          kill r6, 0
          print "kill=%d\\n", r0
          waitpid r6, 0
          print "status=%x\\n", r1
          exit 0
        child:
          sleep 2ms
          exit 4
        end
        run /bin/p
        """);
    assertEquals("kill=0\nstatus=400\n", r.stdout());
  }

  @Test
  void aSigIgnSigtermDoesNotKill_SG11() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 1ms
          kill r6, SIGTERM
          print "kill=%d\\n", r0
          waitpid r6, 0
          print "status=%x\\n", r1
          exit 0
        child:
          signal SIGTERM, SIG_IGN
          sleep 3ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals("kill=0\nstatus=0\n", r.stdout());
  }

  @Test
  void initIgnoresSigkillFromRoot_SG12_RP7() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          kill 1, SIGKILL
          print "kill=%d\\n", r0
          kill 1, SIGTERM
          print "kill=%d\\n", r0
          sleep 1ms
          kill 1, 0
          print "init alive=%d\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("kill=0\nkill=0\ninit alive=0\n", r.stdout());
  }

  @Test
  void killOfAStoppedChildBySigkillEndsIt_ST3() {
    // two CPUs so that the spinning child does not delay its parent's kills (round robin)
    Sim.Run r = completed("""
        kernel cpus=2
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 1ms
          kill r6, SIGSTOP
          sleep 1ms
          kill r6, SIGKILL
          waitpid r6, 0
          print "status=%x\\n", r1
          exit 0
        child:
          compute 1s
          exit 0
        end
        run /bin/p
        """);
    assertEquals("status=9\n", r.stdout());
    assertTrue(record(r, 3).exitNs() < 3_000_000);
  }

  @Test
  void killMinusOneWithNoOtherProcessFailsWithEsrch_KL3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          kill -1, SIGTERM
          print "%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-ESRCH\n", r.stdout());
  }

  @Test
  void killMinusOneReturnsZeroEvenWhenEveryCandidateRefused_KL3() {
    // Linux quirk: EPERM from every candidate still gives 0 for kill(-1)
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          setuid 1000
          kill -1, SIGTERM
          print "kill(-1)=%d\\n", r0
          waitpid r6, 0
          print "status=%x\\n", r1
          exit 0
        child:
          sleep 5ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals("kill(-1)=0\nstatus=0\n", r.stdout());
  }

  @Test
  void killOfAGroupWhoseMembersAllRefuseFailsWithEperm_KL3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          setpgid r6, r6
          setuid 1000
          kill -3, SIGTERM
          print "kill(-3)=%e\\n", r0
          killpg 3, SIGTERM
          print "killpg(3)=%e\\n", r0
          waitpid r6, 0
          print "status=%x\\n", r1
          exit 0
        child:
          sleep 5ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals("kill(-3)=-EPERM\nkillpg(3)=-EPERM\nstatus=0\n", r.stdout());
  }

  @Test
  void sigcontIsAllowedWithinTheSessionWhateverTheUid_KL4() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          setuid 1000
          kill r6, SIGCONT
          print "SIGCONT=%d\\n", r0
          kill r6, SIGUSR1
          print "SIGUSR1=%e\\n", r0
          waitpid r6, 0
          exit 0
        child:
          sleep 5ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals("SIGCONT=0\nSIGUSR1=-EPERM\n", r.stdout());
  }

  @Test
  void killOfAZombieWithAnInvalidSignalFailsWithEinval_KL3() {
    // the target exists (a zombie is a process for kill), so the bad signal is reported
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 2ms
          kill r6, 65
          print "%e\\n", r0
          wait
          exit 0
        child:
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-EINVAL\n", r.stdout());
  }

  @Test
  void setuidToAnotherUidIsRefusedToANonRootProcess() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          setuid 1000
          getuid
          print "uid=%d\\n", r0
          setuid 0
          print "back to root: %e\\n", r0
          fork
          jz r0, child
          wait
          exit 0
        child:
          getuid
          print "child uid=%d\\n", r0
          exit 0
        end
        run /bin/p
        """);
    // FK-3: the child inherits the uid
    assertEquals("uid=1000\nback to root: -EPERM\nchild uid=1000\n", r.stdout());
  }
  @Test
  void killMinusOneSkipsInitAndTheCaller_KL1() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          fork
          jz r0, child
          kill -1, SIGTERM
          print "kill=%d\\n", r0
          wait
          wait
          print "caller survived\\n"
          exit 0
        child:
          sleep 5ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals("kill=0\ncaller survived\n", r.stdout());
    assertEquals(15, record(r, 3).status());
    assertEquals(15, record(r, 4).status());
  }
}
