package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static io.simkernel.kernel.Behaviour.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Process groups and sessions, and the group forms of kill. posix-semantics §17 (PG-1 .. PG-7),
 * EX-7, KL-1, KL-3, KL-6.
 */
class ProcessGroupTest {

  @Test
  void setsidInAProcessGroupLeaderFailsWithEperm_PG5() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          wait
          exit 0
        child:
          setpgid 0, 0
          print "setpgid=%d\\n", r0
          setsid
          print "setsid=%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("setpgid=0\nsetsid=-EPERM\n", r.stdout());
  }

  @Test
  void setsidFailsWhileAnotherProcessUsesTheCallersPidAsItsGroup_PG5() {
    // 3 makes group 3, forks 4 into it, then leaves it for 2's group: 3 is no group leader,
    // but group 3 still exists (4), so 3 cannot become leader of a new group 3
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          wait
          exit 0
        child:
          setpgid 0, 0
          fork
          jz r0, grandchild
          setpgid 0, 2
          print "moved=%d\\n", r0
          setsid
          print "setsid=%e\\n", r0
          wait
          exit 0
        grandchild:
          sleep 5ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals("moved=0\nsetsid=-EPERM\n", r.stdout());
  }

  @Test
  void setsidInAFreshChildMakesItLeaderOfSessionAndGroup_PG5() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          wait
          exit 0
        child:
          setsid
          mov r6, r0
          getpgrp
          mov r7, r0
          getsid 0
          mov r8, r0
          getpgid 0
          print "setsid=%d pgrp=%d sid=%d pgid=%d\\n", r6, r7, r8, r0
          getsid 2
          print "parent's sid=%d\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("setsid=3 pgrp=3 sid=3 pgid=3\nparent's sid=2\n", r.stdout());
  }

  @Test
  void setsidTwiceFailsWithEperm_PG5() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          wait
          exit 0
        child:
          setsid
          setsid
          print "%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-EPERM\n", r.stdout());
  }

  @Test
  void setpgidWithANegativePgidFailsWithEinval_PG3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          setpgid 0, -1
          print "%e\\n", r0
          setpgid 999, -1
          print "%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    // the pgid check comes before the target lookup
    assertEquals("-EINVAL\n-EINVAL\n", r.stdout());
  }

  @Test
  void setpgidOfAProcessThatIsNotAChildFailsWithEsrch_PG3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          setpgid 1, 1
          print "init: %e\\n", r0
          setpgid 999, 0
          print "missing: %e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("init: -ESRCH\nmissing: -ESRCH\n", r.stdout());
  }

  @Test
  void setpgidOfAChildBeforeExecSucceeds_PG3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          setpgid r6, r6
          print "setpgid=%d\\n", r0
          getpgid r6
          print "pgid=%d\\n", r0
          wait
          exit 0
        child:
          sleep 5ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals("setpgid=0\npgid=3\n", r.stdout());
  }

  @Test
  void setpgidOfAChildAfterItsExecFailsWithEacces_EX7_PG3() {
    Sim.Run r = completed("""
        program /bin/sleeper
        text
        main:
          sleep 5ms
          exit 0
        end

        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 1ms
          setpgid r6, r6
          print "%e\\n", r0
          wait
          exit 0
        child:
          execve "/bin/sleeper"
          exit 127
        end
        run /bin/p
        """);
    assertEquals("-EACCES\n", r.stdout());
  }

  @Test
  void setpgidOfAChildInAnotherSessionFailsWithEperm_PG3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 1ms
          setpgid r6, r6
          print "%e\\n", r0
          wait
          exit 0
        child:
          setsid
          sleep 5ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-EPERM\n", r.stdout());
  }

  @Test
  void setpgidIntoAGroupOfAnotherSessionFailsWithEperm_PG3() {
    // 3 leads session and group 3; 4 (session 2) cannot join group 3
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, leader
          fork
          jz r0, joiner
          wait
          wait
          exit 0
        leader:
          setsid
          sleep 10ms
          exit 0
        joiner:
          sleep 2ms
          setpgid 0, 3
          print "%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-EPERM\n", r.stdout());
  }

  @Test
  void setpgidIntoAGroupThatDoesNotExistFailsWithEperm_PG3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          wait
          exit 0
        child:
          setpgid 0, 999
          print "%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-EPERM\n", r.stdout());
  }

  @Test
  void aSessionLeaderCannotChangeItsGroup_PG3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          wait
          exit 0
        child:
          setsid
          setpgid 0, 0
          print "%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-EPERM\n", r.stdout());
  }

  @Test
  void setpgrpMakesTheCallerAGroupLeader_PG4() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          wait
          exit 0
        child:
          setpgrp
          mov r6, r0
          getpgrp
          print "setpgrp=%d pgrp=%d\\n", r6, r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("setpgrp=0 pgrp=3\n", r.stdout());
  }

  @Test
  void getpgidAndGetsidOfANonexistentPidFailWithEsrch_PG4_PG6() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          getpgid 999
          print "getpgid=%e\\n", r0
          getsid 999
          print "getsid=%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("getpgid=-ESRCH\ngetsid=-ESRCH\n", r.stdout());
  }

  @Test
  void killZeroReachesTheWholeGroupIncludingTheCaller_KL1() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          signal SIGUSR1, handler
          fork
          jz r0, child
          fork
          jz r0, child
          sleep 1ms
          kill 0, SIGUSR1
          print "kill=%d\\n", r0
          wait
          wait
          exit 0
        child:
          pause
          exit 0
        handler:
          getpid
          print "handler in %d\\n", r0
          ret
        end
        run /bin/p
        """);
    assertTrue(r.stdout().startsWith("handler in 2\nkill=0\n"), r.stdout());
    assertTrue(r.stdout().contains("handler in 3\n"), r.stdout());
    assertTrue(r.stdout().contains("handler in 4\n"), r.stdout());
  }

  @Test
  void killNegativePgidReachesOnlyThatGroup_KL1() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          setpgid r6, r6
          fork
          jz r0, child
          setpgid r0, r6
          fork
          jz r0, child
          kill -3, SIGTERM
          print "kill=%d\\n", r0
          wait
          wait
          wait
          exit 0
        child:
          sleep 5ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals("kill=0\n", r.stdout());
    assertEquals(15, record(r, 3).status());
    assertEquals(15, record(r, 4).status());
    assertEquals(0, record(r, 5).status(), "5 is in the caller's group, not group 3");
    assertEquals(0, r.result().mainStatus());
  }

  @Test
  void killpgSignalsEveryMemberOfTheGroup_KL6() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          setpgid r6, r6
          fork
          jz r0, child
          setpgid r0, r6
          killpg r6, SIGKILL
          print "killpg=%d\\n", r0
          wait
          wait
          exit 0
        child:
          sleep 5ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals("killpg=0\n", r.stdout());
    assertEquals(9, record(r, 3).status());
    assertEquals(9, record(r, 4).status());
  }

  @Test
  void killpgZeroMeansTheCallersGroup_KL6() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          signal SIGUSR1, handler
          killpg 0, SIGUSR1
          print "killpg=%d\\n", r0
          exit 0
        handler:
          print "handler\\n"
          ret
        end
        run /bin/p
        """);
    assertEquals("handler\nkillpg=0\n", r.stdout());
  }

  @Test
  void killpgOfANegativeGroupFailsWithEinval_KL6() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          killpg -5, SIGTERM
          print "%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("-EINVAL\n", r.stdout());
  }

  @Test
  void signallingAGroupWithNoMembersFailsWithEsrch_PG7_KL3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          kill -999, SIGTERM
          print "kill=%e\\n", r0
          killpg 999, SIGTERM
          print "killpg=%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("kill=-ESRCH\nkillpg=-ESRCH\n", r.stdout());
  }

  @Test
  void aZombieMemberKeepsItsGroupInExistence_PG7() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          setpgid r6, r6
          sleep 2ms
          kill -3, 0
          print "zombie group: %d\\n", r0
          waitpid r6, 0
          kill -3, 0
          print "after reap: %e\\n", r0
          exit 0
        child:
          exit 0
        end
        run /bin/p
        """);
    assertEquals("zombie group: 0\nafter reap: -ESRCH\n", r.stdout());
  }

  @Test
  void setpgidOfAZombieChildSucceeds_PG3_ST4() {
    // a zombie is still found by its PID (kernel/sys.c setpgid uses find_task_by_vpid)
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 2ms
          setpgid r6, r6
          mov r7, r0
          getpgid r6
          print "setpgid=%d pgid=%d\\n", r7, r0
          wait
          exit 0
        child:
          exit 0
        end
        run /bin/p
        """);
    assertEquals("setpgid=0 pgid=3\n", r.stdout());
  }

  @Test
  void anotherSessionIsReportedBeforeAnExec_PG3() {
    // the child both changed session and exec'd: the session check (EPERM) comes first
    Sim.Run r = completed("""
        program /bin/sleeper
        text
        main:
          sleep 5ms
          exit 0
        end

        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 1ms
          setpgid r6, r6
          print "%e\\n", r0
          wait
          exit 0
        child:
          setsid
          execve "/bin/sleeper"
          exit 127
        end
        run /bin/p
        """);
    assertEquals("-EPERM\n", r.stdout());
  }

  @Test
  void killpgOfGroupOneIsKillMinusOne_KL6() {
    // glibc and musl killpg(pgrp, sig) is kill(-pgrp, sig): for pgrp 1 that is the broadcast
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          setpgid r6, r6
          killpg 1, SIGTERM
          print "killpg(1)=%d\\n", r0
          waitpid r6, 0
          print "status=%x\\n", r1
          exit 0
        child:
          sleep 5ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals("killpg(1)=0\nstatus=f\n", r.stdout());
  }
}
