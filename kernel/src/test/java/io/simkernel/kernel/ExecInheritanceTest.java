package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * What a process keeps and loses across execve: dispositions, masks, pending signals, timers,
 * subreaper and parent-death settings. posix-semantics EX-2, EX-3, EX-4, EX-6, RP-6, PD-3.
 */
class ExecInheritanceTest {

  @Test
  void caughtSignalsAreResetToDefaultByExec_EX2() {
    Sim.Run r = completed("""
        program /bin/q
        text
        main:
          sigaction SIGUSR1, QUERY
          print "usr1=%d\\n", r1
          raise SIGUSR1
          print "not reached\\n"
          exit 0
        end

        program /bin/p
        text
        main:
          signal SIGUSR1, handler
          execve "/bin/q"
          exit 1
        handler:
          print "old handler ran\\n"
          ret
        end
        run /bin/p
        """);
    assertEquals("usr1=0\n", r.stdout());
    assertEquals(10, r.result().mainStatus(), "killed by SIGUSR1's default action");
  }

  @Test
  void ignoredSignalsStayIgnoredAcrossExec_EX2() {
    Sim.Run r = completed("""
        program /bin/q
        text
        main:
          sigaction SIGTERM, QUERY
          print "term=%d\\n", r1
          raise SIGTERM
          print "survived\\n"
          exit 0
        end

        program /bin/p
        text
        main:
          signal SIGTERM, SIG_IGN
          execve "/bin/q"
          exit 1
        end
        run /bin/p
        """);
    assertEquals("term=1\nsurvived\n", r.stdout());
  }

  @Test
  void sigchldSigIgnSurvivesExecSoChildrenAreAutoReaped_EX2_ZB1() {
    Sim.Run r = completed("""
        program /bin/q
        text
        main:
          fork
          jz r0, child
          sleep 2ms
          wait
          print "wait=%e\\n", r0
          exit 0
        child:
          exit 0
        end

        program /bin/p
        text
        main:
          signal SIGCHLD, SIG_IGN
          execve "/bin/q"
          exit 1
        end
        run /bin/p
        """);
    assertEquals("wait=-ECHILD\n", r.stdout());
  }

  @Test
  void execClearsTheFlagsAndMaskOfEveryAction_EX2() {
    Sim.Run r = completed("""
        program /bin/q
        text
        main:
          sigaction SIGUSR2, QUERY
          print "handler=%d flags=%x mask=%x\\n", r1, r2, r3
          exit 0
        end

        program /bin/p
        text
        main:
          sigaction SIGUSR2, SIG_IGN, SA_RESTART, {SIGINT}
          execve "/bin/q"
          exit 1
        end
        run /bin/p
        """);
    assertEquals("handler=1 flags=0 mask=0\n", r.stdout());
  }

  @Test
  void signalMaskAndPendingSetSurviveExec_EX3() {
    Sim.Run r = completed("""
        program /bin/q
        text
        main:
          sigprocmask SIG_BLOCK, QUERY
          mov r6, r1
          sigpending
          print "mask=%x pending=%x\\n", r6, r1
          exit 0
        end

        program /bin/p
        text
        main:
          sigprocmask SIG_BLOCK, {SIGUSR1}
          raise SIGUSR1
          execve "/bin/q"
          exit 1
        end
        run /bin/p
        """);
    assertEquals("mask=200 pending=200\n", r.stdout());
  }

  @Test
  void subreaperAttributeSurvivesExec_RP6_EX6() {
    Sim.Run r = completed("""
        program /bin/q
        text
        main:
          prctl PR_GET_CHILD_SUBREAPER
          print "subreaper=%d\\n", r1
          exit 0
        end

        program /bin/p
        text
        main:
          prctl PR_SET_CHILD_SUBREAPER, 1
          execve "/bin/q"
          exit 1
        end
        run /bin/p
        """);
    assertEquals("subreaper=1\n", r.stdout());
  }

  @Test
  void pdeathsigSurvivesExec_EX6_PD3() {
    Sim.Run r = completed("""
        program /bin/q
        text
        main:
          prctl PR_GET_PDEATHSIG
          print "pdeathsig=%d\\n", r1
          exit 0
        end

        program /bin/p
        text
        main:
          prctl PR_SET_PDEATHSIG, SIGHUP
          execve "/bin/q"
          exit 1
        end
        run /bin/p
        """);
    assertEquals("pdeathsig=1\n", r.stdout());
  }

  @Test
  void anAlarmKeepsRunningAcrossExec_EX4() {
    Sim.Run r = completed("""
        program /bin/q
        text
        main:
          sleep 100ms
          print "not reached\\n"
          exit 0
        end

        program /bin/p
        text
        main:
          alarm 5ms
          execve "/bin/q"
          exit 1
        end
        run /bin/p
        """);
    assertEquals("", r.stdout());
    assertEquals(14, r.result().mainStatus(), "killed by SIGALRM");
    assertTrue(r.result().virtualNs() < 10_000_000, "at the alarm, not after the sleep");
  }
}
