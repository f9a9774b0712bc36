package io.simkernel.traces.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.traces.strace.StraceEvent.Call;
import io.simkernel.traces.strace.StraceEvent.Delivery;
import io.simkernel.traces.strace.StraceEvent.Exit;
import io.simkernel.traces.strace.StraceEvent.GroupStop;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every line form of trace-formats.md A.1-A.3, the joining of A.2, and the errors. */
class StraceReaderTest {
  private static List<StraceEvent> read(String text) {
    return StraceReader.read("t.strace", text).events();
  }

  private static StraceEvent one(String line) {
    List<StraceEvent> e = read(line + "\n");
    assertEquals(1, e.size());
    return e.get(0);
  }

  private static StraceException error(String text) {
    return assertThrows(StraceException.class, () -> read(text));
  }

  @Test
  void aCallLineGivesNameArgumentsValueAndDuration() {
    Call c = (Call) one("9300  03:29:51.116953 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID"
        + "|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7fa4cf325a10) = 9301 <0.000141>");
    assertEquals(9300, c.tid());
    assertEquals("clone", c.name());
    assertEquals(9301, c.result().number());
    assertEquals(141, c.result().durationUs());
    assertEquals(((3 * 60 + 29) * 60 + 51) * 1_000_000L + 116_953, c.timeUs());
    assertEquals(c.timeUs() + 141, c.endUs(), "the end of a one-line call is its start + -T");
    assertEquals(3, c.argList().size());
    assertTrue(c.succeeded());
  }

  @Test
  void aFiveDigitPidHasOneSpaceAndTheBracketFormIsAccepted() {
    assertEquals(11489, one("11489 03:30:26.191840 getppid() = 1 <0.000007>").tid());
    assertEquals(42, one("[pid    42] 03:30:26.191840 getppid() = 1").tid());
  }

  @Test
  void epochTimestampsOfTttAreAccepted() {
    assertEquals(1_700_000_000_123_456L, one("7 1700000000.123456 getppid() = 1").timeUs());
  }

  @Test
  void anErrorResultKeepsItsErrnoAndExplanation() {
    Call c = (Call) one("9380  03:29:51.953519 execve(\"./does-not-exist\", "
        + "[\"./does-not-exist\"], 0x55be7f93b410 /* 6 vars */) = -1 ENOENT (No such file or "
        + "directory) <0.000014>");
    assertEquals("ENOENT", c.result().errno());
    assertEquals("No such file or directory", c.result().errnoText());
    assertFalse(c.succeeded());
  }

  @Test
  void anExitHasNoValueAndNoDuration() {
    Call c = (Call) one("9692  03:29:53.941584 exit_group(42)    = ?");
    assertTrue(c.result().unknown());
    assertEquals(-1, c.result().durationUs());
    assertEquals("42", c.arg(0));
  }

  @Test
  void anInterruptedCallCarriesItsRestartCode() {
    Call c = (Call) one("5 00:00:01.000000 wait4(-1, 0x7ffe, 0, NULL) = ? ERESTARTSYS (To be "
        + "restarted if SA_RESTART is set) <0.5>");
    assertTrue(c.result().interrupted());
    assertEquals(500_000, c.result().durationUs());
  }

  @Test
  void extraReturnTextAndHexValuesAreKept() {
    Call c = (Call) one("5 00:00:01.000000 select(4, [3], NULL, NULL, NULL) = 1 (in [3])");
    assertEquals("(in [3])", c.result().extra());
    assertEquals(0x55bc, ((Call) one("5 00:00:01.000000 brk(NULL) = 0x55bc")).result().number());
  }

  @Test
  void stringsMayHoldParenthesesAndEscapedQuotes() {
    Call c = (Call) one("5 00:00:01.000000 write(1, \"a) = 3 \\\"(\", 9) = 9");
    assertEquals("write", c.name());
    assertEquals(3, c.argList().size());
    assertEquals(9, c.result().number());
  }

  @Test
  void unfinishedAndResumedHalvesAreJoinedPerTaskAcrossOtherTasksLines() {
    List<StraceEvent> e = read("""
        9300  03:29:51.118362 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD <unfinished ...>
        9302  03:29:51.118368 rt_sigaction(SIGTTOU, {sa_handler=SIG_DFL, sa_mask=[], sa_flags=0},  <unfinished ...>
        9303  03:29:51.118400 exit_group(0)     = ?
        9303  03:29:51.118450 +++ exited with 0 +++
        9302  03:29:51.118500 <... rt_sigaction resumed>{sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}, 8) = 0 <0.000024>
        9300  03:29:51.118531 <... clone resumed>, child_tidptr=0x7fa4cf325a10) = 9303 <0.000164>
        """);
    assertEquals(4, e.size());
    Call clone = (Call) e.get(0);
    assertEquals("child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD, child_tidptr="
        + "0x7fa4cf325a10", clone.args());
    assertEquals(9303, clone.result().number());
    assertEquals(1, clone.line());
    assertEquals(6, clone.endLine());
    assertTrue(clone.joined());
    Call sigaction = (Call) e.get(1);
    assertEquals(4, sigaction.argList().size(), "the halves join into one argument list");
    assertInstanceOf(Call.class, e.get(2), "the newborn's lines come in between, in order");
    assertInstanceOf(Exit.class, e.get(3));
  }

  @Test
  void aTaskThatDiesInsideACallClosesItWithoutAResult() {
    List<StraceEvent> e = read("""
        9 00:00:01.000000 wait4(-1,  <unfinished ...>
        9 00:00:02.000000 <... wait4 resumed> <unfinished ...>) = ?
        9 00:00:02.000100 +++ killed by SIGKILL +++
        8 00:00:03.000000 pause( <unfinished ...>
        8 00:00:04.000000 +++ killed by SIGTERM +++
        """);
    Call w = (Call) e.get(0);
    assertTrue(w.diedInside());
    assertTrue(w.result().unknown());
    Call p = (Call) e.get(2);
    assertTrue(p.diedInside(), "the bare form: the +++ line closes the call");
    assertEquals(5, p.endLine());
  }

  @Test
  void signalLinesKeepTheSiginfo() {
    Delivery d = (Delivery) one("9300  03:29:51.422548 --- SIGCHLD {si_signo=SIGCHLD, si_code="
        + "CLD_EXITED, si_pid=9303, si_uid=0, si_status=0, si_utime=2 /* 0.02 s */, "
        + "si_stime=0} ---");
    assertEquals(17, d.signo());
    assertEquals("CLD_EXITED", d.code());
    assertEquals(9303, d.senderPid());
    assertEquals("2", d.info().get("si_utime"), "comments are dropped from values");
  }

  @Test
  void exitKilledSupersededAndStoppedLinesAreRecognised() {
    Exit x = (Exit) one("9692  03:29:53.941650 +++ exited with 42 +++");
    assertEquals(Exit.Kind.EXITED, x.kind());
    assertEquals(42, x.code());
    Exit k = (Exit) one("9 00:00:01.000000 +++ killed by SIGSEGV (core dumped) +++");
    assertEquals(11, k.signo());
    assertTrue(k.core());
    assertEquals("killed by SIGSEGV (core dumped)", k.describe());
    Exit s = (Exit) one("9 00:00:01.000000 +++ superseded by execve in pid 8 +++");
    assertEquals(Exit.Kind.SUPERSEDED, s.kind());
    GroupStop g = (GroupStop) one("9 00:00:01.000000 --- stopped by SIGSTOP ---");
    assertEquals(19, g.signo());
  }

  @Test
  void timesOfTtWrapAtMidnight() {
    List<StraceEvent> e = read("1 23:59:59.999000 getppid() = 0\n1 00:00:00.001000 getppid() "
        + "= 0\n");
    assertEquals(2000, e.get(1).timeUs() - e.get(0).timeUs());
  }

  @Test
  void aLineWithoutPidIsAnErrorNamingTheLineAndTheForm() {
    StraceException x = error("1 00:00:00.000001 getppid() = 0\nexecve(\"/bin/x\") = 0\n");
    assertEquals(2, x.line());
    assertTrue(x.format().startsWith("t.strace:2: error: no PID"), x.format());
    assertTrue(x.getMessage().contains("; expected"), x.getMessage());
  }

  @Test
  void aMissingTimestampIsAnError() {
    StraceException x = error("1 getppid() = 0\n");
    assertEquals(1, x.line());
    assertTrue(x.getMessage().contains("-tt"), x.getMessage());
  }

  @Test
  void anUnknownBodyIsAnError() {
    assertTrue(error("1 00:00:00.000001 hello world\n").getMessage()
        .contains("unrecognised line body"));
    assertTrue(error("1 00:00:00.000001 +++ vanished +++\n").getMessage().contains("+++"));
  }

  @Test
  void aResumedLineWithoutItsFirstHalfIsAnError() {
    StraceException x = error("1 00:00:00.000001 getppid() = 0\n"
        + "1 00:00:00.000002 <... wait4 resumed>0x1, 0, NULL) = 2\n");
    assertEquals(2, x.line());
    assertTrue(x.getMessage().contains("no unfinished call"), x.getMessage());
  }

  @Test
  void aResumedLineOfAnotherCallIsAnError() {
    StraceException x = error("1 00:00:00.000001 wait4(-1,  <unfinished ...>\n"
        + "1 00:00:00.000002 <... clone resumed>) = 2\n");
    assertEquals(2, x.line());
    assertTrue(x.getMessage().contains("is wait4()"), x.getMessage());
  }

  @Test
  void unclosedArgumentsAndAMissingResultAreErrors() {
    assertTrue(error("1 00:00:00.000001 getppid(\n").getMessage().contains("not closed"));
    assertTrue(error("1 00:00:00.000001 getppid() 3\n").getMessage().contains("= result"));
  }

  @Test
  void aTruncatedLastLineIsReportedAsTruncated() {
    StraceException x = error("1 00:00:00.000001 getppid() = 0 <0.000001>\n"
        + "1 00:00:00.000002 exit_group(0)   =");
    assertEquals(2, x.line());
    assertTrue(x.getMessage().contains("truncated"), x.getMessage());
  }

  @Test
  void aCompleteLastLineWithoutNewlineIsAccepted() {
    assertEquals(1, read("1 00:00:00.000001 getppid() = 0").size());
  }

  @Test
  void aLogEndingInsideACallIsReportedAtItsLastLine() {
    StraceException x = error("1 00:00:00.000001 wait4(-1,  <unfinished ...>\n"
        + "1 00:00:00.000002 --- SIGCHLD {si_signo=SIGCHLD} ---\n");
    assertEquals(2, x.line());
    assertTrue(x.getMessage().contains("truncated"), x.getMessage());
  }

  @Test
  void anEmptyLogIsAnError() {
    assertEquals(1, error("\n\n").line());
  }

  @Test
  void aBrokenDurationIsAnError() {
    assertTrue(error("1 00:00:00.000001 getppid() = 0 <0.0x>\n").getMessage()
        .contains("duration"));
    assertNull(Args.sigset("[NOPE]"), "an unknown signal name makes the set undecodable");
  }
}
