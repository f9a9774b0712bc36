package io.simkernel.traces.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.traces.strace.CheckReport.Fact;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every real capture imports into a scenario that assembles, and replays with a full match of
 * its hand-checked ground truth wherever the simulator has what the workload needs; where it
 * does not (pipes, memory work), exactly the facts that need it differ, each with its reason.
 */
class CorpusReplayTest {
  @ParameterizedTest
  @ValueSource(strings = {"bash-bg-wait", "subshell-exit3", "kill-term-sleeping",
      "sigkill-child", "pipeline-sigpipe", "exec-errors", "double-fork-daemon", "zombie-reap",
      "sigchld-ign-echild", "sigprocmask-term", "fork-cow-faults", "py-mp-fork", "py-mp-spawn"})
  void everyCaptureImportsIntoAScenarioThatAssembles(String workload) {
    ImportResult r = Corpus.imported(workload);
    r.scenario(workload + ".sks");
    assertTrue(r.text().contains("# line "), "instructions cite their log lines");
    assertEquals(r.text(), Corpus.imported(workload).text(), "the import is deterministic");
  }

  /** Every workload of the corpus, against its hand-checked ground truth: a full match. */
  @ParameterizedTest
  @ValueSource(strings = {"bash-bg-wait", "subshell-exit3", "kill-term-sleeping",
      "sigkill-child", "pipeline-sigpipe", "exec-errors", "double-fork-daemon", "zombie-reap",
      "sigchld-ign-echild", "sigprocmask-term", "fork-cow-faults", "py-mp-fork", "py-mp-spawn"})
  void theReplayMatchesTheGroundTruthFully(String workload) {
    ImportResult r = Corpus.imported(workload);
    CheckReport report = ReplayCheck.check(r, Corpus.truthOf(workload, r), workload + ".sks");
    assertTrue(report.fullMatch(), report.format());
    assertEquals(0, report.exitCode());
    assertTrue(r.unreplayable().isEmpty(), "every death is replayed: " + r.unreplayable());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash-bg-wait", "kill-term-sleeping", "sigchld-ign-echild",
      "double-fork-daemon"})
  void theReplayMatchesTheFactsOfTheLogItselfFully(String workload) {
    CheckReport report = ReplayCheck.check(Corpus.imported(workload), workload + ".sks");
    assertTrue(report.fullMatch(), report.format());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash-bg-wait", "subshell-exit3", "kill-term-sleeping",
      "sigkill-child", "pipeline-sigpipe", "exec-errors", "double-fork-daemon", "zombie-reap",
      "sigchld-ign-echild", "sigprocmask-term", "fork-cow-faults", "py-mp-fork", "py-mp-spawn"})
  void factsDerivedFromTheLogAgreeWithTheHandCheckedGroundTruth(String workload) {
    ImportResult r = Corpus.imported(workload);
    Expectations truth = Corpus.truthOf(workload, r);
    Expectations log = LogFacts.derive(r.tree());
    assertEquals(truth.processes(), log.processes(), "processes");
    assertEquals(truth.deliveries(), log.deliveries(), "deliveries (artifacts, inferred SIGKILL)");
    assertEquals(truth.kills(), log.kills(), "kill calls");
    assertEquals(truth.reaps(), log.reaps(), "reaps");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void theReplayDoesNotDependOnTheNumberOfCpus(int cpus) {
    for (String workload : Corpus.ALL) {
      ImportResult r = StraceImporter.importLog(workload, Corpus.trace(workload),
          ImportOptions.defaults().withCpus(cpus));
      CheckReport report = ReplayCheck.check(r, Corpus.truthOf(workload, r), workload + ".sks");
      assertTrue(report.fullMatch(), cpus + " CPUs: " + report.format());
    }
  }

  /**
   * yes | head: the replay makes the pipe (pipe2, dup2), closes what the log does not show
   * closed (close is not traced), and yes dies of the SIGPIPE the simulated kernel raises for
   * its write to a pipe with no reader left — si_code SI_USER from itself, as in the capture
   * (trace-formats.md A.3; pipe(7)) — not of an exit standing in for it.
   */
  @Test
  void aPipelineDiesOfTheSimulatedPipesSigpipe() {
    ImportResult r = Corpus.imported("pipeline-sigpipe");
    String text = r.text();
    assertTrue(text.contains("  pipe ") && text.contains("dup2  4, 1")
        && text.contains("dup2  3, 0"), "the pipe is made and wired as bash did");
    assertFalse(text.contains("exit  141"), "no stand-in for the SIGPIPE death");
    assertTrue(text.contains("close 0 ") && text.contains("failed with EPIPE"),
        "head's stdin is closed before yes's failing write: the EPIPE proves it");
    assertEquals(5, text.lines().filter(l -> l.contains("write 1, [io_buf], 8192")).count(),
        "yes's four successful writes and the failing one are replayed");
    SimulatedRun run = SimulatedRun.run(r.scenario("p.sks"));
    SimulatedRun.Generated sigpipe = run.generated().stream()
        .filter(g -> g.sig() == 13).findFirst().orElseThrow();
    assertEquals(3, sigpipe.target());
    assertEquals(3, sigpipe.sender(), "the writer raises it on itself");
    assertEquals(io.simkernel.api.WaitStatus.signaled(13, false), run.record(3).status());
  }

  /**
   * fork-cow-faults: the counts getrusage shows come from replayed writes — the parent fills
   * 8194 fresh pages, the writer child copies 8192 of them on write (copy-on-write faults in
   * the simulated trace, MM rules of posix-semantics §18), the reader writes nothing.
   */
  @Test
  void copyOnWriteFaultCountsComeFromReplayedWrites() {
    ImportResult r = Corpus.imported("fork-cow-faults");
    CheckReport report = ReplayCheck.check(r, Corpus.truthOf("fork-cow-faults", r), "c.sks");
    List<Fact> faults = report.facts().stream().filter(f -> f.subject().contains("minor faults"))
        .toList();
    assertEquals(5, faults.size(), report.format());
    assertTrue(faults.stream().allMatch(Fact::match), report.format());
    assertTrue(r.text().contains("8192 pages shared copy-on-write since the last fork"),
        "the writer child writes the buffer it inherited");
    java.util.List<io.simkernel.api.trace.TraceEvent> events = new java.util.ArrayList<>();
    io.simkernel.kernel.Kernel.boot(r.scenario("c.sks"), io.simkernel.kernel.KernelOptions.of(
        java.io.OutputStream.nullOutputStream(), java.io.OutputStream.nullOutputStream())
        .withSink(events::add)).run();
    long cowCopies = events.stream().filter(e -> e.kind()
        == io.simkernel.api.trace.EventKind.PAGE_FAULT_USER && e.pid() == 4 && e.c() == 2)
        .count();
    assertTrue(cowCopies >= 8192, "the writer's faults are copy-on-write copies: " + cowCopies);
  }
}
