package io.simkernel.bench;

import io.simkernel.api.run.RunResult;
import io.simkernel.api.run.StopReason;
import io.simkernel.api.scenario.Scenario;
import io.simkernel.kernel.Kernel;
import io.simkernel.kernel.KernelOptions;
import io.simkernel.kernel.asm.ScenarioParser;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Kernel throughput on whole scenarios (issue 9), in throughput mode with two counters JMH
 * divides by the wall time: {@code kernelEvents} (kernel events per wall second) and {@code
 * virtualNanos} (virtual nanoseconds per wall second, so / 1e9 is the simulated-to-real ratio).
 *
 * <ul>
 *   <li>{@code mix}: 1,000 children that sleep (1–997 ms by PID), signal their parent (SIGUSR1,
 *       caught) and exit, 20 rounds each, while the parent forks them all and waits for them
 *       (fork / nanosleep / kill / signal delivery / exit / wait on 2 CPUs; the same scenario as
 *       {@link RecordedQueueBench}).
 *   <li>{@code idle}: 100 processes that each sleep 1 s 100 times: an idle-heavy scenario, where
 *       the simulator should leap over the idle time (FoundationDB reports ≈ 10:1 for its
 *       simulations; the issue asks ≥ 1000:1).
 * </ul>
 * Every run must complete with status 0 and the reference run's event hash.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class KernelMixBench {
  @Param({"mix", "idle"})
  public String scenario;

  private Scenario parsed;
  private long hash;

  static final String IDLE = """
      kernel cpus=2
      program /bin/idle
      text
      main:
        mov r8, 100
      spawn:
        fork
        jz r0, child
        sub r8, 1
        jnz r8, spawn
        mov r8, 100
      reap:
        wait
        sub r8, 1
        jnz r8, reap
        exit 0
      child:
        mov r10, 100
      again:
        sleep 1s
        sub r10, 1
        jnz r10, again
        exit 0
      end
      run /bin/idle
      """;

  /** Counters summed over an iteration; JMH divides them by its wall time. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counts {
    public long kernelEvents;
    public long virtualNanos;

    @Setup(Level.Iteration)
    public void reset() {
      kernelEvents = 0;
      virtualNanos = 0;
    }
  }

  private static RunResult run(Scenario s) {
    return Kernel.boot(s, KernelOptions.of(OutputStream.nullOutputStream(),
        OutputStream.nullOutputStream())).run();
  }

  @Setup(Level.Trial)
  public void setUp() {
    String text = scenario.equals("mix") ? RecordedQueueBench.scenarioText(1000) : IDLE;
    parsed = ScenarioParser.parse(scenario + ".sks", text);
    RunResult r = run(parsed);
    if (r.reason() != StopReason.COMPLETED || r.shellStatus() != 0) {
      throw new IllegalStateException("reference run failed: " + r.reason() + " " + r.detail());
    }
    hash = r.eventHash();
    System.out.printf("%nreference run (%s): %d kernel events, %d instructions, %d forks,"
        + " %d signals, virtual %.3f s%n", scenario, r.events(), r.instructions(), r.forks(),
        r.signalsGenerated(), r.virtualNs() / 1e9);
  }

  @Benchmark
  public RunResult run(Counts c) {
    RunResult r = run(parsed);
    if (r.eventHash() != hash) {
      throw new IllegalStateException("a run differed from the reference run");
    }
    c.kernelEvents += r.events();
    c.virtualNanos += r.virtualNs();
    return r;
  }
}
