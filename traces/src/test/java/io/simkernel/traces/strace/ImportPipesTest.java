package io.simkernel.traces.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.WaitStatus;
import org.junit.jupiter.api.Test;

/**
 * Pipes in a log become simulated pipes (pipe(7)): the same descriptor numbers, the calls on
 * them replayed, the traced closes kept and none added, so EPIPE/SIGPIPE and end-of-file come
 * from the simulated kernel as they came from the real one.
 */
class ImportPipesTest {
  private static final String CLONE = "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|"
      + "CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0)";

  /** A writer whose reader reads, closes and exits; its next write gets EPIPE and SIGPIPE. */
  private static final String WRITER_DIES = """
      500 00:00:00.000000 execve("/bin/w", ["w"], 0x1 /* 1 var */) = 0 <0.000100>
      500 00:00:00.001000 pipe2([5, 6], 0) = 0 <0.000010>
      500 00:00:00.002000 %s = 501 <0.000050>
      500 00:00:00.003000 close(5) = 0 <0.000005>
      501 00:00:00.003100 close(6) = 0 <0.000005>
      500 00:00:00.004000 write(6, "0123456789", 10) = 10 <0.000010>
      501 00:00:00.005000 read(5, "0123456789", 64) = 10 <0.000010>
      501 00:00:00.010000 close(5) = 0 <0.000005>
      501 00:00:00.011000 exit_group(0) = ?
      501 00:00:00.011100 +++ exited with 0 +++
      500 00:00:00.020000 write(6, "x", 1) = -1 EPIPE (Broken pipe) <0.000010>
      500 00:00:00.020100 --- SIGPIPE {si_signo=SIGPIPE, si_code=SI_USER, si_pid=500, si_uid=0} ---
      500 00:00:00.020200 +++ killed by SIGPIPE +++
      """.formatted(CLONE);

  @Test
  void tracedClosesAreKeptAndTheWriterDiesOfTheSimulatedSigpipe() {
    ImportResult r = StraceImporter.importLog("t.strace", WRITER_DIES);
    String text = r.text();
    assertFalse(text.contains("# not in the log: "), "close is traced: no close is inferred\n" + text);
    // the simulator gives the first free descriptors, 3 and 4: moved to the logged 5 and 6
    assertTrue(text.contains("dup2  r1, 5") && text.contains("dup2  r2, 6"), text);
    assertTrue(text.contains("read 5, [io_buf], 64") && text.contains("write 6, [io_buf], 10"),
        text);
    assertTrue(r.unreplayable().isEmpty(), "the SIGPIPE death is replayed: " + r.unreplayable());
    CheckReport report = ReplayCheck.check(r, "t.sks");
    assertTrue(report.fullMatch(), report.format());
    SimulatedRun run = SimulatedRun.run(r.scenario("t.sks"));
    assertEquals(WaitStatus.signaled(13, false), run.record(2).status(), "killed by SIGPIPE");
    assertEquals(WaitStatus.exited(0), run.record(3).status());
  }

  /** The same log gives the same scenario, and its replay the same trace hash (rule 1). */
  @Test
  void pipeAndFaultCountReplaysAreDeterministic() {
    for (String w : new String[] {"pipeline-sigpipe", "fork-cow-faults"}) {
      ImportResult a = Corpus.imported(w);
      ImportResult b = Corpus.imported(w);
      assertEquals(a.text(), b.text());
      assertEquals(SimulatedRun.run(a.scenario("a.sks")).result().eventHash(),
          SimulatedRun.run(b.scenario("a.sks")).result().eventHash(), w);
    }
  }

  /** Without the EPIPE evidence, a reader that keeps its end open keeps the writer alive. */
  @Test
  void aWriteThatSucceededIsNotTurnedIntoAFailure() {
    String log = WRITER_DIES.replace("write(6, \"x\", 1) = -1 EPIPE (Broken pipe) <0.000010>",
        "write(6, \"x\", 1) = 1 <0.000010>")
        .replace("501 00:00:00.010000 close(5) = 0 <0.000005>\n", "")
        .replace("500 00:00:00.020100 --- SIGPIPE {si_signo=SIGPIPE, si_code=SI_USER, "
            + "si_pid=500, si_uid=0} ---\n", "")
        .replace("+++ killed by SIGPIPE +++", "+++ exited with 0 +++")
        .replace("501 00:00:00.011000 exit_group(0) = ?\n501 00:00:00.011100 +++ exited with 0 +++\n",
            "")
        + "501 00:00:00.030000 exit_group(0) = ?\n501 00:00:00.030100 +++ exited with 0 +++\n";
    ImportResult r = StraceImporter.importLog("t.strace", log);
    CheckReport report = ReplayCheck.check(r, "t.sks");
    assertTrue(report.fullMatch(), report.format());
  }
}
