package io.simkernel.traces.strace;

import io.simkernel.api.WaitStatus;
import io.simkernel.api.run.ProcessRecord;
import io.simkernel.api.run.StopReason;
import io.simkernel.traces.strace.CheckReport.Fact;
import io.simkernel.traces.strace.Expectations.End;
import io.simkernel.traces.strace.Expectations.Proc;
import io.simkernel.traces.strace.Expectations.Reap;
import io.simkernel.traces.strace.Expectations.Rusage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code import-strace --check}: runs an imported scenario and compares what the simulated
 * processes did with what really happened — the process tree (parents at creation, final
 * parents after reparenting), how each process ended, who reaped it and the image it ran,
 * signal deliveries ({@link SignalFacts}), kill calls, and the order of the reaps the log shows
 * (WT-8). Strace's own part is played by init: it is the root's parent and reaper (caveat 4).
 */
public final class ReplayCheck {
  private static final String MEMORY_WHY = "the replayed process did not reach that getrusage "
      + "(or its stderr is not the console), so its count is unknown";

  private final ImportResult imported;
  private final Expectations exp;
  private final SimulatedRun run;
  private final Mapping map;
  private final Map<Integer, Unreplayable> unreplayable = new TreeMap<>();
  private final List<Fact> facts = new ArrayList<>();

  private ReplayCheck(ImportResult imported, Expectations exp, SimulatedRun run) {
    this.imported = imported;
    this.exp = exp;
    this.run = run;
    this.map = new Mapping(imported.tree(), run);
    for (Unreplayable u : imported.unreplayable()) {
      unreplayable.put(u.pid(), u);
    }
  }

  /** Runs {@code imported} and checks it against {@code exp}. */
  public static CheckReport check(ImportResult imported, Expectations exp, String name) {
    ReplayCheck c = new ReplayCheck(imported, exp, SimulatedRun.run(imported.scenario(name)));
    return c.report(name);
  }

  /** Checks against the facts of the log itself. */
  public static CheckReport check(ImportResult imported, String name) {
    return check(imported, LogFacts.derive(imported.tree()), name);
  }

  private CheckReport report(String name) {
    runFact();
    pidFacts();
    for (Proc p : exp.processes()) {
      processFacts(p);
    }
    facts.addAll(new SignalFacts(exp, run, map, unreplayable).facts());
    reapFacts();
    for (Rusage r : exp.rusage()) {
      rusageFact(r);
    }
    return new CheckReport(header(name), facts);
  }

  private List<String> header(String name) {
    List<String> h = new ArrayList<>();
    h.add("import-strace --check " + imported.tree().file() + " (replayed as " + name + ")");
    h.add("facts from: " + exp.source());
    StringBuilder pids = new StringBuilder("pid map (real -> sim):");
    map.asMap().forEach((r, s) -> pids.append(' ').append(r).append("->").append(s));
    h.add(pids.toString());
    h.add(String.format("simulated: %s, %.3f ms of virtual time",
        run.result().reason() == StopReason.COMPLETED ? "every process ended"
            : "stopped: " + run.result().reason() + " " + run.result().detail(),
        run.result().virtualNs() / 1e6));
    if (!imported.omitted().isEmpty()) {
      h.add("left out of the replay: " + imported.omitted());
    }
    for (String a : imported.approximations()) {
      h.add("approximation: " + a);
    }
    for (Unreplayable u : imported.unreplayable()) {
      h.add("not replayable: " + u.pid() + " (line " + u.line() + "): " + u.reason());
    }
    return h;
  }

  private void runFact() {
    String got = run.result().reason() == StopReason.COMPLETED ? "every process ended"
        : run.result().reason() + " " + run.result().detail();
    facts.add(new Fact(run.result().reason() == StopReason.COMPLETED, "run:",
        "every process ended", got, null, null));
  }

  /** The scenario's literal PIDs (kill and wait targets) assume the predicted map. */
  private void pidFacts() {
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<Integer, Integer> e : imported.pids().asMap().entrySet()) {
      Integer actual = map.sim(e.getKey());
      if (actual == null || !actual.equals(e.getValue())) {
        wrong.add(e.getKey() + "->" + (actual == null ? "none" : actual));
      }
    }
    facts.add(new Fact(wrong.isEmpty(), "pid map:", "as the scenario predicts",
        String.join(" ", wrong), null, null));
  }

  private void processFacts(Proc p) {
    Integer sim = map.sim(p.pid());
    String subject = "process " + map.realName(p.pid()) + ":";
    ProcessRecord rec = sim == null ? null : run.record(sim);
    if (rec == null) {
      facts.add(new Fact(false, subject, "to exist", "no simulated process", null, null));
      return;
    }
    who(subject + " parent", p.parent(), run.parentAtFork(sim));
    who(subject + " final parent", p.finalParent(), rec.ppid());
    endFact(subject, p, rec);
    who(subject + " reaped by", p.reapedBy(), rec.reapedBy());
    if (p.program() != null) {
      String want = Images.normalize(p.program());
      String img = run.image(sim);
      String got = img == null ? "unknown" : Images.strip(img);
      facts.add(new Fact(want.equals(got), subject + " program", want, got, null, null));
    }
  }

  private void who(String subject, int expected, int gotSim) {
    Integer want = map.expectedSim(expected);
    boolean ok = want != null && want == gotSim;
    facts.add(new Fact(ok, subject, map.realName(expected), map.simName(gotSim), null, null));
  }

  private void endFact(String subject, Proc p, ProcessRecord rec) {
    End e = p.end();
    int want = e.killed() ? WaitStatus.signaled(e.signo(), e.core()) : WaitStatus.exited(e.code());
    String got = rec.status() < 0 ? "still running" : WaitStatus.describe(rec.status());
    Unreplayable u = unreplayable.get(p.pid());
    boolean ok = rec.status() == want;
    facts.add(new Fact(ok, subject + " ends", e.describe(), got, ok || u == null ? null
        : u.reason(), ok || u == null ? null : u.feature()));
  }

  /** The reaps the log shows, in order (WT-8); reaps by init are "outside the trace". */
  private void reapFacts() {
    List<int[]> sim = run.reaps();
    int n = Math.max(exp.reaps().size(), sim.size());
    for (int i = 0; i < n; i++) {
      Reap r = i < exp.reaps().size() ? exp.reaps().get(i) : null;
      int[] s = i < sim.size() ? sim.get(i) : null;
      String subject = "reap #" + (i + 1) + (r == null ? "" : " (line " + r.line() + ")") + ":";
      String want = r == null ? "none"
          : map.realName(r.reaper()) + " reaps " + map.realName(r.reaped());
      String got = s == null ? "none" : map.simName(s[0]) + " reaps " + map.simName(s[1]);
      boolean ok = r != null && s != null && eq(map.sim(r.reaper()), s[0])
          && eq(map.sim(r.reaped()), s[1]);
      facts.add(new Fact(ok, subject, want, got, null, null));
    }
    if (n == 0) {
      facts.add(new Fact(true, "observed reaps:", "none", "none", null, null));
    }
  }

  /**
   * A getrusage count: the simulated calls' reports ({@link MemoryWork}) give the same
   * difference between two calls, or the same RUSAGE_CHILDREN total.
   */
  private void rusageFact(Rusage r) {
    boolean delta = r.fromLine() > 0;
    Long to = run.rusage(r.line());
    Long from = delta ? run.rusage(r.fromLine()) : Long.valueOf(0);
    String want = (delta && r.value() >= 0 ? "+" : "") + r.value();
    if (to == null || from == null) {
      facts.add(new Fact(false, "process " + map.realName(r.pid()) + ": " + r.what(), want,
          "no report of the simulated getrusage", MEMORY_WHY, "memory"));
      return;
    }
    long got = to - from;
    facts.add(new Fact(got == r.value(), "process " + map.realName(r.pid()) + ": " + r.what(),
        want, (delta && got >= 0 ? "+" : "") + got, null, null));
  }

  private static boolean eq(Integer a, int b) {
    return a != null && a == b;
  }
}
