package io.simkernel.kernel.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.WaitStatus;
import io.simkernel.api.run.ProcessRecord;
import io.simkernel.api.run.StopReason;
import io.simkernel.kernel.Sim;
import org.junit.jupiter.api.Test;

/**
 * Job control (posix-semantics §15, WT-10, WT-11, CH-4, PG-8..PG-10), interval timers, queued
 * real-time signals (SG-13, KL-7) and sigsuspend (HA-10). Expected values come from the rules.
 */
class JobControlAndTimersTest {
  private static Sim.Run run(String body) {
    Sim.Run r = Sim.run(body);
    assertEquals(StopReason.COMPLETED, r.result().reason(), () -> r.result().detail()
        + "\n" + r.stdout() + r.result().leftAlive());
    return r;
  }

  /** A program with a data word {@code count}: handlers count in memory, since sigreturn
   * restores every register (HA-2). */
  private static String program(String text) {
    return "program /bin/p\ndata\n  count: word 0\ntext\n" + text + "\nend\nrun /bin/p\n";
  }

  private static final String COUNT = """
          load r1, [count]
          add r1, 1
          store [count], r1
          ret""";

  @Test
  void stoppedChildIsReportedToWuntracedOnceWithStatus0x137f_WT10() {
    Sim.Run r = run(program("""
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 1ms
          kill r6, SIGSTOP
          waitpid r6, WUNTRACED
          print "stopped=%x\\n", r1
          waitpid r6, WUNTRACED|WNOHANG
          print "again=%d\\n", r0
          kill r6, SIGCONT
          waitpid r6, WCONTINUED
          print "continued=%x\\n", r1
          kill r6, SIGKILL
          waitpid r6, 0
          print "killed=%x\\n", r1
          exit 0
        child:
          compute 1s
          exit 0"""));
    assertEquals("stopped=137f\nagain=0\ncontinued=ffff\nkilled=9\n", r.stdout());
  }

  @Test
  void aStoppedProcessRunsNothingButSigkillStillKillsIt_ST3() {
    Sim.Run r = run(program("""
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 1ms
          kill r6, SIGSTOP
          sleep 100ms
          kill r6, SIGKILL
          waitpid r6, 0
          print "status=%x\\n", r1
          exit 0
        child:
          print "child runs\\n"
          sleep 10ms
          print "child ran while stopped\\n"
          exit 0"""));
    assertEquals("child runs\nstatus=9\n", r.stdout());
  }

  @Test
  void sigcontDiscardsAPendingStopAndViceVersa_SG11() {
    Sim.Run r = run(program("""
        main:
          sigprocmask SIG_BLOCK, {SIGTSTP,SIGCONT}
          getpid
          mov r6, r0
          kill r6, SIGTSTP
          kill r6, SIGCONT
          sigpending
          print "pending=%x\\n", r1
          exit 0"""));
    // SIGCONT removes the pending SIGTSTP: only SIGCONT (bit 17) remains
    assertEquals("pending=" + Long.toHexString(1L << 17) + "\n", r.stdout());
  }

  @Test
  void saNocldstopSuppressesSigchldForStopsButWaitStillReports_CH4() {
    Sim.Run r = run(program("""
        main:
          sigaction SIGCHLD, on_chld, SA_NOCLDSTOP
          fork
          jz r0, child
          mov r6, r0
          sleep 1ms
          kill r6, SIGSTOP
          waitpid r6, WUNTRACED
          print "reported=%x\\n", r1
          kill r6, SIGKILL
          waitpid r6, 0
          exit 0
        on_chld:
          print "SIGCHLD\\n"
          ret
        child:
          compute 1s
          exit 0"""));
    // the only SIGCHLD is the one for the kill (CLD_KILLED)
    assertEquals("reported=137f\nSIGCHLD\n", r.stdout());
  }

  @Test
  void newlyOrphanedGroupWithAStoppedMemberGetsSighupThenSigcont_PG9() {
    Sim.Run r = run(program("""
        main:
          fork
          jz r0, middle
          waitpid r0, 0
          sleep 50ms
          exit 0
        middle:
          fork
          jz r0, grandchild
          mov r6, r0
          sleep 5ms
          exit 0                    # orphans the stopped grandchild's group
        grandchild:
          setpgid 0, 0              # a group of its own, parent in another group: not orphaned
          sigaction SIGHUP, on_hup
          getpid
          kill r0, SIGSTOP
          print "continued after the stop\\n"
          exit 7
        on_hup:
          print "SIGHUP\\n"
          ret"""));
    assertEquals("SIGHUP\ncontinued after the stop\n", r.stdout());
    ProcessRecord gc = r.result().processes().stream().filter(p -> p.pid() == 4).findFirst()
        .orElseThrow();
    assertEquals(WaitStatus.exited(7), gc.status());
    assertEquals(1, gc.reapedBy(), "reparented to init and reaped by it (RP-1, ZB-4)");
  }

  @Test
  void terminalStopSignalsAreDiscardedInAnOrphanedGroup_PG10() {
    Sim.Run r = run(program("""
        main:
          fork
          jz r0, child
          waitpid r0, 0
          print "child=%x\\n", r1
          exit 0
        child:
          setsid                    # a new session: its group has no outside link
          getpid
          kill r0, SIGTSTP          # discarded: the group is orphaned
          print "still running\\n"
          exit 0"""));
    assertEquals("still running\nchild=0\n", r.stdout());
  }

  @Test
  void alarmDeliversSigalrmWhoseDefaultActionTerminates_alarm() {
    Sim.Run r = run(program("""
        main:
          fork
          jz r0, child
          waitpid r0, 0
          print "status=%x\\n", r1
          exit 0
        child:
          alarm 5ms
          pause"""));
    assertEquals("status=" + Integer.toHexString(WaitStatus.signaled(14, false)) + "\n",
        r.stdout());
  }

  @Test
  void alarmReportsTheTimeLeftOnThePreviousAlarm() {
    Sim.Run r = run(program("""
        main:
          alarm 10ms
          sleep 4ms
          alarm 0
          print "left=%d\\n", r1
          exit 0"""));
    long left = Long.parseLong(r.stdout().trim().substring(5));
    assertTrue(left > 5_000_000 && left <= 6_000_000, r.stdout());
  }

  @Test
  void alarmIsNotInheritedByForkChildren_FK4() {
    Sim.Run r = run(program("""
        main:
          alarm 50ms
          fork
          jz r0, child
          waitpid r0, 0
          alarm 0
          exit 0
        child:
          getitimer ITIMER_REAL
          print "child timer=%d\\n", r1
          exit 0"""));
    assertEquals("child timer=0\n", r.stdout());
  }

  @Test
  void itimerRealWithAnIntervalFiresRepeatedly() {
    Sim.Run r = run(program("""
        main:
          sigaction SIGALRM, on_alrm
          setitimer ITIMER_REAL, 1ms, 1ms
        again:
          pause
          load r9, [count]
          jlt r9, 3, again
          setitimer ITIMER_REAL, 0, 0
          clock
          print "ticks=%d at=%d\\n", r9, r0
          exit 0
        on_alrm:
        """ + COUNT));
    assertTrue(r.stdout().startsWith("ticks=3 at=3"), r.stdout());
  }

  @Test
  void itimerVirtualCountsUserCpuTimeOnly() {
    Sim.Run r = run(program("""
        main:
          sigaction SIGVTALRM, on_vt
          setitimer ITIMER_VIRTUAL, 2ms, 0
          sleep 10ms                # sleeping uses no CPU: no signal
          load r9, [count]
          print "after sleep=%d\\n", r9
          compute 3ms               # 2 ms into it the timer expires
          load r9, [count]
          print "after compute=%d\\n", r9
          exit 0
        on_vt:
        """ + COUNT));
    assertEquals("after sleep=0\nafter compute=1\n", r.stdout());
  }

  @Test
  void realTimeSignalsQueueEveryInstanceWithItsValueInOrder_SG13_KL7() {
    Sim.Run r = run(program("""
        main:
          sigaction SIGRTMIN, on_rt, SA_SIGINFO
          sigprocmask SIG_BLOCK, {SIGRTMIN}
          getpid
          mov r6, r0
          sigqueue r6, SIGRTMIN, 11
          sigqueue r6, SIGRTMIN, 22
          sigqueue r6, SIGRTMIN, 33
          sigprocmask SIG_UNBLOCK, {SIGRTMIN}
          exit 0
        on_rt:
          print "value=%d code=%d\\n", r4, r1
          ret"""));
    assertEquals("value=11 code=-1\nvalue=22 code=-1\nvalue=33 code=-1\n", r.stdout());
  }

  @Test
  void standardSignalsCoalesceWhilePending_SG13() {
    Sim.Run r = run(program("""
        main:
          sigaction SIGUSR1, on_usr1
          sigprocmask SIG_BLOCK, {SIGUSR1}
          getpid
          kill r0, SIGUSR1
          kill r0, SIGUSR1
          kill r0, SIGUSR1
          sigprocmask SIG_UNBLOCK, {SIGUSR1}
          load r9, [count]
          print "handled=%d\\n", r9
          exit 0
        on_usr1:
        """ + COUNT));
    assertEquals("handled=1\n", r.stdout());
  }

  @Test
  void sigqueueFailsWithEagainWhenTheQueueIsFull_KL7() {
    Sim.Run r = run(program("""
        main:
          setrlimit RLIMIT_SIGPENDING, 2
          sigprocmask SIG_BLOCK, {SIGRTMIN}
          getpid
          mov r6, r0
          sigqueue r6, SIGRTMIN, 1
          sigqueue r6, SIGRTMIN, 2
          sigqueue r6, SIGRTMIN, 3
          print "third=%e\\n", r0
          signal SIGRTMIN, SIG_IGN
          exit 0"""));
    assertEquals("third=-EAGAIN\n", r.stdout());
  }

  @Test
  void lowerRealTimeSignalsAreDeliveredFirst_SG17() {
    Sim.Run r = run(program("""
        main:
          sigaction 40, on_rt, SA_SIGINFO
          sigaction 35, on_rt, SA_SIGINFO
          sigprocmask SIG_BLOCK, -1
          getpid
          mov r6, r0
          sigqueue r6, 40, 1
          sigqueue r6, 35, 2
          sigprocmask SIG_SETMASK, 0
          exit 0
        on_rt:
          print "sig=%d\\n", r0
          ret"""));
    // handlers nest: 35 is selected first, then 40 is set up on top of it and runs first (SG-19)
    assertTrue(r.stdout().contains("sig=35\n") && r.stdout().contains("sig=40\n"), r.stdout());
  }

  @Test
  void sigsuspendWaitsWithATemporaryMaskAndRestoresItAfterTheHandler_HA10() {
    Sim.Run r = run(program("""
        main:
          sigaction SIGUSR1, on_usr1
          sigprocmask SIG_BLOCK, {SIGUSR1}
          fork
          jz r0, child
          sigsuspend 0               # SIGUSR1 unblocked only while suspended
          print "sigsuspend=%e\\n", r0
          sigprocmask SIG_BLOCK, QUERY
          print "mask=%x\\n", r1
          wait
          exit 0
        on_usr1:
          print "handler\\n"
          ret
        child:
          sleep 1ms
          getppid
          kill r0, SIGUSR1
          exit 0"""));
    assertEquals("handler\nsigsuspend=-EINTR\nmask=" + Long.toHexString(1L << 9) + "\n",
        r.stdout());
  }
}
