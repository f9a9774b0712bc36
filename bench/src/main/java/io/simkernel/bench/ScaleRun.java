package io.simkernel.bench;

import io.simkernel.api.run.RunResult;
import io.simkernel.api.scenario.Scenario;
import io.simkernel.api.trace.EventKind;
import io.simkernel.api.trace.TraceEvent;
import io.simkernel.api.trace.TraceSink;
import io.simkernel.kernel.Kernel;
import io.simkernel.kernel.KernelOptions;
import io.simkernel.kernel.asm.ScenarioParser;
import java.io.OutputStream;

/**
 * Scale (issue 9): N live sleeping simulated processes in one heap, created and reaped, with the
 * wall time of each phase and the heap bytes per live process. Not a JMH benchmark (one run is
 * the measurement; it is far too big to repeat many times) and not a unit test (it needs a big
 * heap and minutes): run it by hand, e.g.
 *
 * <pre>
 * java -Xmx4g -XX:+UseParallelGC -cp bench/target/benchmarks.jar io.simkernel.bench.ScaleRun 100000 ondemand
 * java -Xmx4g -XX:+UseParallelGC -cp bench/target/benchmarks.jar io.simkernel.bench.ScaleRun 1000000 ondemand create-only
 * </pre>
 *
 * <p>{@code create-only} stops the run (time_limit) once all are created and measured, before
 * they wake. (Reaping used to be quadratic in the number of children — each {@code wait} copied
 * and scanned the parent's child list — so a million could not be reaped; the children list now
 * finds the first zombie in O(log n), see {@code proc.ChildList}.)
 *
 * <p>The parent forks N children; each sleeps 1000 s (virtual) and exits; the parent then waits
 * for all of them. When the N-th fork event is seen, the heap is measured after a full GC
 * (Runtime used memory, minus the same measure taken after boot), then the run goes on.
 */
public final class ScaleRun {
  private ScaleRun() {}

  static String scenario(int n, String policy, boolean createOnly) {
    return """
        kernel pid_max=%d fork=%s%s
        program /bin/many
        text
        main:
          mov r8, %d
        spawn:
          fork
          jz r0, child
          sub r8, 1
          jnz r8, spawn
          mov r8, %d
        reap:
          wait
          sub r8, 1
          jnz r8, reap
          exit 0
        child:
          sleep 1000s
          exit 0
        end
        run /bin/many
        """.formatted(Math.max(n + 100, 301), policy, createOnly ? " time_limit=900s" : "", n, n);
  }

  static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    String policy = args.length > 1 ? args[1] : "ondemand";
    // create-only: the run stops at 900 s of virtual time, before the children wake (at 1000 s)
    boolean createOnly = args.length > 2 && args[2].equals("create-only");
    Scenario s = ScenarioParser.parse("many.sks", scenario(n, policy, createOnly));
    // [0] wall at the N-th fork, [1] heap then, [2] wall after measuring, [3] [4] CPU time of
    // this thread at the same two points (the machine is shared: CPU time is what the run used)
    long[] at = new long[5];
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    TraceSink sink = new TraceSink() {
      long forks;

      @Override
      public void accept(TraceEvent e) {
        if (e.kind() == EventKind.SCHED_PROCESS_FORK && ++forks == n) {
          at[0] = System.nanoTime();
          at[3] = mx.getCurrentThreadCpuTime();
          at[1] = usedHeap();
          at[2] = System.nanoTime(); // the GC's time is not the simulation's
          at[4] = mx.getCurrentThreadCpuTime();
        }
      }
    };
    Kernel k = Kernel.boot(s, KernelOptions.of(OutputStream.nullOutputStream(),
        OutputStream.nullOutputStream()).withSink(sink));
    long base = usedHeap();
    long t0 = System.nanoTime();
    long c0 = mx.getCurrentThreadCpuTime();
    RunResult r = k.run();
    long t1 = System.nanoTime();
    long c1 = mx.getCurrentThreadCpuTime();
    double create = (at[0] - t0) / 1e9;
    double reap = (t1 - at[2]) / 1e9;
    System.out.printf("processes: %d (fork=%s), run ended: %s, status %d, %d events, virtual %.3f s%n",
        n, policy, r.reason(), r.shellStatus(), r.events(), r.virtualNs() / 1e9);
    double createCpu = (at[3] - c0) / 1e9;
    double reapCpu = (c1 - at[4]) / 1e9;
    System.out.printf("create %d sleeping processes: %.3f s wall (%.2f us each), %.3f s CPU of the"
        + " simulating thread (%.2f us each)%n", n, create, create * 1e6 / n, createCpu,
        createCpu * 1e6 / n);
    System.out.printf("wake, exit and reap them all: %.3f s wall (%.2f us each), %.3f s CPU"
        + " (%.2f us each)%n", reap, reap * 1e6 / n, reapCpu, reapCpu * 1e6 / n);
    System.out.printf("heap with all alive: %.1f MiB above boot = %d bytes per process%n",
        (at[1] - base) / 1048576.0, (at[1] - base) / n);
  }
}
