package io.simkernel.traces.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.traces.strace.CheckReport.Fact;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How particular calls and situations of a log become scenario code, on small logs. */
class ImportBehaviourTest {
  private static final String CLONE = "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|"
      + "CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0)";

  private static ImportResult imp(String log) {
    return StraceImporter.importLog("t.strace", log);
  }

  private static CheckReport checkAgainstLog(ImportResult r) {
    return ReplayCheck.check(r, "t.sks");
  }

  @Test
  void anOrphanGoesToTheSubreaperThatSetPrctlAndIsReapedThere() {
    ImportResult r = imp("""
        100 00:00:00.000000 execve("/bin/sub", ["sub"], 0x1 /* 1 var */) = 0 <0.000100>
        100 00:00:00.001000 prctl(PR_SET_CHILD_SUBREAPER, 1) = 0 <0.000005>
        100 00:00:00.002000 %1$s = 101 <0.000050>
        100 00:00:00.002100 wait4(101,  <unfinished ...>
        101 00:00:00.003000 %1$s = 102 <0.000050>
        101 00:00:00.004000 exit_group(0) = ?
        101 00:00:00.004100 +++ exited with 0 +++
        100 00:00:00.004200 <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 101 <0.002100>
        100 00:00:00.005000 wait4(-1,  <unfinished ...>
        102 00:00:00.010000 getppid() = 100 <0.000005>
        102 00:00:00.020000 exit_group(7) = ?
        102 00:00:00.020100 +++ exited with 7 +++
        100 00:00:00.020200 <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 7}], 0, NULL) = 102 <0.015200>
        100 00:00:00.021000 exit_group(0) = ?
        100 00:00:00.021100 +++ exited with 0 +++
        """.formatted(CLONE));
    assertTrue(r.text().contains("prctl PR_SET_CHILD_SUBREAPER, 1"), r.text());
    Expectations facts = LogFacts.derive(r.tree());
    assertEquals(100, facts.process(102).finalParent(), "RP-1: the living subreaper, not init");
    assertEquals(100, facts.process(102).reapedBy());
    CheckReport report = checkAgainstLog(r);
    assertTrue(report.fullMatch(), report.format());
  }

  @Test
  void aChildThatLivesAndDiesBeforeItsVforkReturnsIsAttachedToItsParent() {
    ImportResult r = imp("""
        200 00:00:00.000000 execve("/bin/v", ["v"], 0x1 /* 1 var */) = 0 <0.000100>
        200 00:00:00.001000 vfork( <unfinished ...>
        201 00:00:00.001100 execve("/bin/nope", ["nope"], 0x1 /* 1 var */) = -1 ENOENT (No such file or directory) <0.000010>
        201 00:00:00.001200 exit_group(127) = ?
        201 00:00:00.001300 +++ exited with 127 +++
        200 00:00:00.001400 <... vfork resumed>) = 201 <0.000400>
        200 00:00:00.001500 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=201, si_uid=0, si_status=127, si_utime=0, si_stime=0} ---
        200 00:00:00.002000 wait4(201, [{WIFEXITED(s) && WEXITSTATUS(s) == 127}], 0, NULL) = 201 <0.000010>
        200 00:00:00.003000 exit_group(0) = ?
        200 00:00:00.003100 +++ exited with 0 +++
        """);
    assertEquals(200, r.tree().get(201).parent().pid());
    assertTrue(r.tree().get(201).vforked());
    assertTrue(r.text().contains("  vfork "), r.text());
    assertTrue(r.text().contains("execve \"/bin/nope\""), "a failed exec keeps its undefined path");
    CheckReport report = checkAgainstLog(r);
    assertTrue(report.fullMatch(), report.format());
  }

  @Test
  void aRestartedCallIsReplayedOnceAndTheHandlerRunsWhatTheLogShows() {
    ImportResult r = imp("""
        400 00:00:00.000000 execve("/bin/r", ["r"], 0x1 /* 1 var */) = 0 <0.000100>
        400 00:00:00.001000 rt_sigaction(SIGUSR1, {sa_handler=0x401000, sa_mask=[], sa_flags=SA_RESTORER|SA_RESTART, sa_restorer=0x1}, NULL, 8) = 0 <0.000005>
        400 00:00:00.002000 %s = 401 <0.000050>
        400 00:00:00.003000 wait4(401,  <unfinished ...>
        401 00:00:00.010000 kill(400, SIGUSR1) = 0 <0.000005>
        400 00:00:00.010100 <... wait4 resumed>0x7ffe, 0, NULL) = ? ERESTARTSYS (To be restarted if SA_RESTART is set) <0.007100>
        400 00:00:00.010200 --- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=401, si_uid=0} ---
        400 00:00:00.010300 getppid() = 1 <0.000005>
        400 00:00:00.010400 rt_sigreturn({mask=[]}) = 61 <0.000005>
        400 00:00:00.010500 wait4(401,  <unfinished ...>
        401 00:00:00.020000 exit_group(0) = ?
        401 00:00:00.020100 +++ exited with 0 +++
        400 00:00:00.020200 <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 401 <0.009700>
        400 00:00:00.021000 exit_group(0) = ?
        400 00:00:00.021100 +++ exited with 0 +++
        """.formatted(CLONE));
    assertEquals(1, count(r.text(), "waitpid 3, 0"), r.text());
    assertTrue(r.text().contains("sigaction SIGUSR1, handler_401000, SA_RESTART, {}"), r.text());
    assertTrue(r.text().contains("handler_401000_400_1:"), "the body of the first delivery");
    assertTrue(r.text().contains("call  nap"), "a handler must not shorten a recorded gap");
    CheckReport report = checkAgainstLog(r);
    assertTrue(report.fullMatch(), report.format());
  }

  @Test
  void aFaultDeathCannotBeReplayedAndTheCheckSaysWhy() {
    ImportResult r = imp("""
        300 00:00:00.000000 execve("/bin/crash", ["crash"], 0x1 /* 1 var */) = 0 <0.000100>
        300 00:00:00.001000 %s = 301 <0.000050>
        300 00:00:00.001100 wait4(-1,  <unfinished ...>
        301 00:00:00.002000 --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---
        301 00:00:00.002100 +++ killed by SIGSEGV (core dumped) +++
        300 00:00:00.002200 <... wait4 resumed>[{WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV && WCOREDUMP(s)}], 0, NULL) = 301 <0.001100>
        300 00:00:00.003000 exit_group(0) = ?
        300 00:00:00.003100 +++ exited with 0 +++
        """.formatted(CLONE));
    assertTrue(r.text().contains("exit  139"), r.text());
    assertTrue(r.text().contains("core=unlimited"), "TM-6: the core flag needs RLIMIT_CORE");
    assertEquals("faults", r.unreplayable().get(0).feature());
    CheckReport report = checkAgainstLog(r);
    List<Fact> bad = report.mismatches();
    assertFalse(bad.isEmpty());
    for (Fact f : bad) {
      assertEquals("faults", f.feature(), f.format());
    }
    assertTrue(report.format().contains("killed by SIGSEGV (core dumped) got exited 139"),
        report.format());
  }

  @Test
  void runsOfSigprocmaskBecomeTheirNetEffectAndCancellingRunsDisappear() {
    ImportResult r = imp("""
        1 00:00:00.000000 execve("/bin/m", ["m"], 0x1 /* 1 var */) = 0 <0.000100>
        1 00:00:00.001000 rt_sigprocmask(SIG_BLOCK, [CHLD], [], 8) = 0 <0.000005>
        1 00:00:00.001100 rt_sigprocmask(SIG_SETMASK, [], NULL, 8) = 0 <0.000005>
        1 00:00:00.002000 getppid() = 0 <0.000005>
        1 00:00:00.003000 rt_sigprocmask(SIG_BLOCK, [INT], [], 8) = 0 <0.000005>
        1 00:00:00.003100 rt_sigprocmask(SIG_BLOCK, [TERM], [INT], 8) = 0 <0.000005>
        1 00:00:00.003200 rt_sigprocmask(SIG_BLOCK, NULL, [INT TERM], 8) = 0 <0.000005>
        1 00:00:00.004000 getppid() = 0 <0.000005>
        1 00:00:00.005000 rt_sigprocmask(SIG_UNBLOCK, [INT], NULL, 8) = 0 <0.000005>
        1 00:00:00.006000 exit_group(0) = ?
        1 00:00:00.006100 +++ exited with 0 +++
        """);
    String t = r.text();
    assertEquals(2, count(t, "  sigprocmask "), t);
    assertTrue(t.contains("sigprocmask SIG_SETMASK, {SIGINT,SIGTERM}"), t);
    assertTrue(t.contains("lines 5-6: 2 rt_sigprocmask calls, net effect"), t);
    assertTrue(t.contains("sigprocmask SIG_UNBLOCK, {SIGINT}"), "a lone call stays as recorded");
  }

  @Test
  void raiseIsATgkillToOneselfAndAnExecErrorOtherThanEnoentIsAnApproximation() {
    ImportResult r = imp("""
        10 00:00:00.000000 execve("/bin/m", ["m"], 0x1 /* 1 var */) = 0 <0.000100>
        10 00:00:00.001000 execve("./data.txt", ["./data.txt"], 0x1 /* 1 var */) = -1 EACCES (Permission denied) <0.000005>
        10 00:00:00.002000 kill(1, SIGTERM) = -1 EPERM (Operation not permitted) <0.000005>
        10 00:00:00.003000 tgkill(10, 10, SIGUSR2) = 0 <0.000005>
        10 00:00:00.003100 --- SIGUSR2 {si_signo=SIGUSR2, si_code=SI_TKILL, si_pid=10, si_uid=0} ---
        10 00:00:00.003200 +++ killed by SIGUSR2 +++
        """);
    String t = r.text();
    assertTrue(t.contains("raise SIGUSR2"), t);
    assertTrue(t.contains("= -1 EACCES; the simulator has no permission bits"), t);
    assertTrue(r.approximations().stream().anyMatch(a -> a.contains("EACCES")),
        r.approximations().toString());
    assertTrue(r.approximations().stream().anyMatch(a -> a.contains("outside the traced tree")),
        "a kill of a process the log does not trace is left out");
    assertTrue(r.unreplayable().isEmpty(), "its own tgkill kills it: replayable");
    CheckReport report = checkAgainstLog(r);
    assertTrue(report.fullMatch(), report.format());
  }

  @Test
  void threadsAreFoldedIntoTheirProcessAndTheirExitDoesNotEndIt() {
    ImportResult r = imp("""
        500 00:00:00.000000 execve("/bin/t", ["t"], 0x1 /* 1 var */) = 0 <0.000100>
        500 00:00:00.001000 clone(child_stack=0x7f, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM, parent_tid=[501], tls=0x7f, child_tidptr=0x7f) = 501 <0.000050>
        501 00:00:00.002000 getppid() = 1 <0.000005>
        501 00:00:00.003000 exit(0) = ?
        501 00:00:00.003100 +++ exited with 0 +++
        500 00:00:00.004000 exit_group(3) = ?
        500 00:00:00.004100 +++ exited with 3 +++
        """);
    assertEquals(1, r.tree().processes().size());
    assertTrue(r.tree().notes().get(0).contains("thread 501"), r.tree().notes().toString());
    assertEquals(1, count(r.text(), "  exit "), r.text());
    assertTrue(checkAgainstLog(r).fullMatch());
  }

  @Test
  void handlersRunTheBodyOfEachDeliveryInTurn() {
    ImportResult r = Corpus.imported("kill-term-sleeping");
    String t = r.text();
    assertTrue(t.contains("jeq   r13, 1, handler_55cba9a15e40_9415_1"), t);
    assertTrue(t.contains("jeq   r13, 2, handler_55cba9a15e40_9415_2"), t);
    assertTrue(t.contains("getpid"), "dispatch on the process");
  }

  @Test
  void theCheckSaysHowManySigchldsCoalesced() {
    ImportResult r = Corpus.imported("bash-bg-wait");
    CheckReport report = ReplayCheck.check(r, Corpus.truthOf("bash-bg-wait", r), "b.sks");
    assertTrue(report.format().contains("SIGCHLD deliveries to 9300 (sim 2): 2 (3 generated, 1 "
        + "coalesced"), report.format());
  }

  @Test
  void aLogCutAtALineBoundaryLacksAnEndAndIsReportedAsTruncated() {
    String log = Corpus.trace("zombie-reap");
    String cut = log.substring(0, log.indexOf("9691  03:29:54.242164"));
    StraceException e = assertThrows(StraceException.class, () -> imp(cut));
    assertEquals(6, e.line());
    assertTrue(e.getMessage().contains("9691") && e.getMessage().contains("truncated"),
        e.getMessage());
  }

  @Test
  void aTaskNoCloneCreatedIsAnError() {
    StraceException e = assertThrows(StraceException.class, () -> imp("""
        1 00:00:00.000000 getppid() = 0 <0.000005>
        2 00:00:00.000100 getppid() = 0 <0.000005>
        """));
    assertEquals(2, e.line());
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
