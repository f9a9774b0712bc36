package io.simkernel.kernel.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.simkernel.api.gen.ScenarioGenerator;
import io.simkernel.api.gen.ScenarioGenerator.Action;
import io.simkernel.api.gen.ScenarioGenerator.Config;
import io.simkernel.api.gen.ScenarioGenerator.Family;
import io.simkernel.api.run.ProcessRecord;
import io.simkernel.api.run.StopReason;
import io.simkernel.api.trace.EventKind;
import io.simkernel.api.trace.TraceEvent;
import io.simkernel.kernel.Sim;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The differential oracle: the kernel and {@link LifecycleModel} side by side on generated
 * programs restricted to what the model covers (the PROCESS family and SIGCHLD ignored); every
 * outcome — PIDs, exit statuses, reparenting targets and order, which zombie a wait reaps,
 * WNOHANG and -ECHILD answers, getppid, kill results, auto-reaping — must agree.
 *
 * <p>Seeds: {@code -Dsimkernel.oracle.seeds=N} (default 300 fixed-mix and 300 swarm; about
 * 2 ms each), {@code -Dsimkernel.oracle.firstSeed=S}.
 */
class DifferentialOracleTest {
  private static final long FIRST = Long.getLong("simkernel.oracle.firstSeed", 1);
  private static final int SEEDS = Integer.getInteger("simkernel.oracle.seeds", 300);

  static LongStream seeds() {
    return LongStream.range(FIRST, FIRST + SEEDS);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void kernelAgreesWithTheModel(long seed) {
    Config c = Config.defaults().withWeight(Action.IGNORE_SIGCHLD, 1);
    check(seed, c);
  }

  @ParameterizedTest(name = "swarm seed {0}")
  @MethodSource("seeds")
  void kernelAgreesWithTheModelUnderSwarm(long seed) {
    check(seed + 2_000_000, Config.swarm(seed + 2_000_000,
        EnumSet.of(Family.PROCESS, Family.AUTOREAP)));
  }

  /** The oracle is not vacuous: a trace with a reparenting to the wrong reaper is caught. */
  @Test
  void aWrongReaperInTheTraceIsCaught() {
    Sim.Run run = Sim.run("""
        program /bin/p
        text
        main:
          print "n0 subreaper -> begin\\n"
          prctl PR_SET_CHILD_SUBREAPER, 1
          print "n0 subreaper -> %d\\n", r0
          fork
          jz r0, mid
          wait
          print "n0 wait -> %d status 0x%x\\n", r0, r1
          wait
          print "n0 wait -> %d status 0x%x\\n", r0, r1
          print "n0 exit 0 -> begin\\n"
          exit 0
        mid:
          fork
          jz r0, leaf
          print "n1 exit 1 -> begin\\n"
          exit 1
        leaf:
          sleep 1ms
          print "n2 exit 2 -> begin\\n"
          exit 2
        end
        run /bin/p
        """);
    assertEquals(List.of(), LifecycleModel.check(run.events(), run.stdout(), statuses(run)));
    List<TraceEvent> forged = new ArrayList<>();
    for (TraceEvent e : run.events()) {
      forged.add(e.kind() != EventKind.REPARENT ? e : new TraceEvent(e.seq(), e.timeNs(),
          e.cpu(), e.kind(), e.pid(), e.a(), 1, e.c(), e.text(), e.hash()));
    }
    List<String> bad = LifecycleModel.check(forged, run.stdout(), statuses(run));
    assertFalse(bad.isEmpty());
    assertTrue(bad.get(0).contains("reparented to 1; the model's reapers for 3's orphans: [2]"),
        bad.toString());
  }

  /**
   * And it catches a real kernel bug: with the planted bug "init forgets orphans" (KernelOptions),
   * an orphan adopted by init is never released, which the model, whose init reaps (ZB-4),
   * reports — though the run itself ends without any invariant failing.
   */
  @Test
  void aPlantedReaperBugIsCaught() {
    String text = """
        program /bin/p
        text
        main:
          fork
          jz r0, child
          print "n0 exit 0 -> begin\\n"
          exit 0
        child:
          sleep 1ms
          print "n1 exit 7 -> begin\\n"
          exit 7
        end
        run /bin/p
        """;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    List<TraceEvent> events = new ArrayList<>();
    io.simkernel.api.run.RunResult r = io.simkernel.kernel.Kernel.boot(
        io.simkernel.kernel.asm.ScenarioParser.parse("bug.sks", text),
        io.simkernel.kernel.KernelOptions.of(out, java.io.OutputStream.nullOutputStream())
            .withSink(events::add).withPlantedBug("init-forgets-orphans")).run();
    TreeMap<Integer, Integer> statuses = new TreeMap<>();
    r.processes().forEach(p -> statuses.put(p.pid(), p.status()));
    List<String> bad = LifecycleModel.check(events, out.toString(), statuses);
    assertTrue(bad.contains("pid 3 never released (model: zombie, parent 1)"), bad.toString());
  }

  private static void check(long seed, Config c) {
    String text = new ScenarioGenerator(c).generate(seed);
    Sim.Run run = Sim.run(text);
    List<String> bad = new ArrayList<>();
    if (run.result().reason() != StopReason.COMPLETED) {
      bad.add("run ended " + run.result().reason() + ": " + run.result().detail());
    } else {
      bad.addAll(LifecycleModel.check(run.events(), run.stdout(), statuses(run)));
    }
    if (!bad.isEmpty()) {
      fail("seed " + seed + ": the kernel and the model disagree:\n  " + String.join("\n  ", bad)
          + "\n--- scenario ---\n" + text + "--- stdout ---\n" + run.stdout());
    }
  }

  private static TreeMap<Integer, Integer> statuses(Sim.Run run) {
    TreeMap<Integer, Integer> m = new TreeMap<>();
    for (ProcessRecord p : run.result().processes()) {
      m.put(p.pid(), p.status());
    }
    return m;
  }
}
