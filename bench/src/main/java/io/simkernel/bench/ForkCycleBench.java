package io.simkernel.bench;

import com.google.common.collect.ImmutableList;
import io.simkernel.api.program.Op;
import io.simkernel.api.program.Operand;
import io.simkernel.api.program.ProgramBuilder;
import io.simkernel.api.program.ProgramImage;
import io.simkernel.api.run.RunResult;
import io.simkernel.api.run.StopReason;
import io.simkernel.api.scenario.KernelConfig;
import io.simkernel.api.scenario.RunCommand;
import io.simkernel.api.scenario.Scenario;
import io.simkernel.api.trace.TraceEvent;
import io.simkernel.api.trace.TraceSink;
import io.simkernel.kernel.Kernel;
import io.simkernel.kernel.KernelOptions;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Simulated fork + exit + wait cycles per second of wall time, through the whole kernel: a fresh
 * machine boots a program whose main loops {@link #K} times over {@code fork}; the child {@code
 * exit 0}s; the parent {@code waitpid}s for it. One JMH operation is one cycle (boot and teardown
 * are amortised over the K cycles of an invocation).
 *
 * <p>A fast number from a broken kernel is worthless, so every run is checked: a reference run in
 * {@link #setUp()} must complete with shell status 0 and K forks, and every measured run must
 * end the same way with the same number of kernel events and the same event hash (the kernel is
 * deterministic, so any difference is a bug). Failures are counted cheaply inside the measured
 * method and turned into an exception at the end of the iteration, outside the timed region.
 */
@State(Scope.Thread)
// The kernel's many large methods (system calls, interpreter) take several seconds of wall time
// to be compiled: before that a cycle is 10-30x slower, so the warm-up is longer than HoldBench's.
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ForkCycleBench {
  /** Cycles per simulated run; large enough that boot cost is noise next to the loop. */
  static final int K = 10_000;

  private Scenario scenario;
  private RunResult reference;
  private RunResult last;
  private long badRuns;
  private final CountingSink sink = new CountingSink();

  /** Counts the events a traced run delivers (and nothing else: the sink should be cheap). */
  static final class CountingSink implements TraceSink {
    long count;

    @Override
    public void accept(TraceEvent event) {
      count++;
    }
  }

  /**
   * Kernel events delivered to the sink. JMH sums this over the iteration and, in throughput
   * mode, divides by the wall time: kernel events per second.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Events {
    public long kernelEvents;

    @Setup(Level.Iteration)
    public void reset() {
      kernelEvents = 0;
    }
  }

  /**
   * {@code main}: r5 = K; loop { fork; child: exit 0; parent: waitpid(child) and check that it
   * returned that child with status 0 (a wrong answer makes the whole run exit 1) }; exit 0.
   */
  static ProgramImage program(int cycles) {
    return new ProgramBuilder("/bin/forkloop")
        .label("main")
        .emit(Op.MOV, Operand.reg(5), Operand.imm(cycles))
        .label("loop")
        .emit(Op.FORK)
        .emit(Op.JZ, Operand.reg(0), Operand.code("child"))
        .emit(Op.MOV, Operand.reg(6), Operand.reg(0))
        .emit(Op.WAITPID, Operand.reg(6), Operand.imm(0))
        .emit(Op.JNE, Operand.reg(0), Operand.reg(6), Operand.code("bad"))
        .emit(Op.JNZ, Operand.reg(1), Operand.code("bad"))
        .emit(Op.SUB, Operand.reg(5), Operand.imm(1))
        .emit(Op.JNZ, Operand.reg(5), Operand.code("loop"))
        .emit(Op.EXIT, Operand.imm(0))
        .label("child")
        .emit(Op.EXIT, Operand.imm(0))
        .label("bad")
        .emit(Op.EXIT, Operand.imm(1))
        .build();
  }

  static Scenario scenario(int cycles) {
    ProgramImage img = program(cycles);
    return new Scenario("forkloop.sks", "", KernelConfig.DEFAULTS, ImmutableList.of(img),
        new RunCommand(img.path(), List.of(), 1, 1));
  }

  private static KernelOptions options(TraceSink traceSink) {
    KernelOptions o = KernelOptions.of(OutputStream.nullOutputStream(),
        OutputStream.nullOutputStream());
    return traceSink == null ? o : o.withSink(traceSink);
  }

  @Setup(Level.Trial)
  public void setUp() {
    scenario = scenario(K);
    reference = Kernel.boot(scenario, options(null)).run();
    if (reference.reason() != StopReason.COMPLETED || reference.shellStatus() != 0) {
      throw new IllegalStateException("reference run did not complete with status 0: "
          + reference.reason() + " " + reference.detail() + " status " + reference.shellStatus());
    }
    if (reference.forks() < K) {
      throw new IllegalStateException("reference run forked " + reference.forks()
          + " times, expected at least " + K);
    }
    System.out.printf("%nreference run: %d cycles, %d kernel events (%.2f per cycle), %d forks,"
        + " %d instructions, virtual %d ns%n", K, reference.events(),
        reference.events() / (double) K, reference.forks(), reference.instructions(),
        reference.virtualNs());
  }

  /** Fork + exit + wait, no trace sink: the kernel only hashes its events. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @OperationsPerInvocation(K)
  public RunResult forkExitWait() {
    return record(Kernel.boot(scenario, options(null)).run());
  }

  /**
   * The same with a sink receiving every event (one {@code TraceEvent} allocated per event).
   * Throughput mode, so the primary score is cycles/s and the counter is kernel events/s.
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(K)
  public RunResult forkExitWaitTraced(Events events) {
    sink.count = 0;
    RunResult r = record(Kernel.boot(scenario, options(sink)).run());
    if (sink.count != r.events()) {
      badRuns++;
    }
    events.kernelEvents += sink.count;
    return r;
  }

  private RunResult record(RunResult r) {
    if (r.reason() != StopReason.COMPLETED || r.shellStatus() != 0
        || r.events() != reference.events() || r.eventHash() != reference.eventHash()) {
      badRuns++;
    }
    last = r;
    return r;
  }

  @TearDown(Level.Iteration)
  public void verify() {
    if (badRuns != 0) {
      throw new IllegalStateException(badRuns + " run(s) differed from the reference run"
          + " (completed, status 0, " + reference.events() + " events, same hash); last: "
          + last.reason() + " " + last.detail() + " status " + last.shellStatus() + ", "
          + last.events() + " events");
    }
  }
}
