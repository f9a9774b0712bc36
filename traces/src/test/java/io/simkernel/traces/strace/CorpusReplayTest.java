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

  @ParameterizedTest
  @ValueSource(strings = {"bash-bg-wait", "subshell-exit3", "kill-term-sleeping",
      "sigkill-child", "exec-errors", "double-fork-daemon", "zombie-reap", "sigchld-ign-echild",
      "sigprocmask-term", "py-mp-fork", "py-mp-spawn"})
  void theReplayMatchesTheGroundTruthFully(String workload) {
    ImportResult r = Corpus.imported(workload);
    CheckReport report = ReplayCheck.check(r, Corpus.truthOf(workload, r), workload + ".sks");
    assertTrue(report.fullMatch(), report.format());
    assertEquals(0, report.exitCode());
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
    for (String workload : new String[] {"bash-bg-wait", "kill-term-sleeping", "sigkill-child",
        "py-mp-fork", "sigprocmask-term"}) {
      ImportResult r = StraceImporter.importLog(workload, Corpus.trace(workload),
          ImportOptions.defaults().withCpus(cpus));
      CheckReport report = ReplayCheck.check(r, Corpus.truthOf(workload, r), workload + ".sks");
      assertTrue(report.fullMatch(), cpus + " CPUs: " + report.format());
    }
  }

  @Test
  void aPipelineReplaysExceptTheSigpipeThatNeedsPipes() {
    ImportResult r = Corpus.imported("pipeline-sigpipe");
    CheckReport report = ReplayCheck.check(r, Corpus.truthOf("pipeline-sigpipe", r), "p.sks");
    List<Fact> bad = report.mismatches();
    assertEquals(3, bad.size(), report.format());
    for (Fact f : bad) {
      assertEquals("pipes", f.feature(), f.format());
      assertTrue(f.subject().contains("9469"), f.format());
      assertTrue(f.why().contains("EPIPE"), f.format());
    }
    assertTrue(report.summary().contains("pipes"), report.summary());
    assertEquals(1, report.exitCode());
    assertTrue(r.text().contains("exit  141"), "yes stands in for its SIGPIPE death at its time");
  }

  @Test
  void copyOnWriteFaultCountsAreReportedAsNotReplayable() {
    ImportResult r = Corpus.imported("fork-cow-faults");
    CheckReport report = ReplayCheck.check(r, Corpus.truthOf("fork-cow-faults", r), "c.sks");
    List<Fact> bad = report.mismatches();
    assertEquals(5, bad.size(), report.format());
    for (Fact f : bad) {
      assertEquals("memory", f.feature(), f.format());
      assertTrue(f.subject().contains("minor faults"), f.format());
    }
    assertTrue(bad.get(2).expected().equals("+8192"), "the writer child's CoW copies");
    assertFalse(report.fullMatch());
  }
}
