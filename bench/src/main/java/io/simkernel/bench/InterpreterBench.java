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
import io.simkernel.kernel.Kernel;
import io.simkernel.kernel.KernelOptions;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Interpreter speed (issue 9: ≥ 200 M simple VM instructions per second on one core): a whole
 * kernel run of {@code bench/scenarios/interpreter-loop.sks}'s program — {@code sub r1, 1} /
 * {@code jnz r1, loop} — of {@link #LOOPS} iterations; the score is instructions per second
 * ({@code @OperationsPerInvocation} is the run's instruction count, checked against every run's
 * {@code RunResult.instructions()} together with its event hash).
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class InterpreterBench {
  static final int LOOPS = 5_000_000;
  /** mov + 2 per iteration + exit. */
  static final long INSNS = 2L * LOOPS + 2;

  private Scenario scenario;
  private RunResult reference;
  private long badRuns;

  static Scenario scenario() {
    ProgramImage img = new ProgramBuilder("/bin/spin")
        .label("main")
        .emit(Op.MOV, Operand.reg(1), Operand.imm(LOOPS))
        .label("loop")
        .emit(Op.SUB, Operand.reg(1), Operand.imm(1))
        .emit(Op.JNZ, Operand.reg(1), Operand.code("loop"))
        .emit(Op.EXIT, Operand.imm(0))
        .build();
    return new Scenario("spin.sks", "", KernelConfig.DEFAULTS, ImmutableList.of(img),
        new RunCommand(img.path(), List.of(), 1, 1));
  }

  private RunResult run() {
    return Kernel.boot(scenario, KernelOptions.of(OutputStream.nullOutputStream(),
        OutputStream.nullOutputStream())).run();
  }

  @Setup(Level.Trial)
  public void setUp() {
    scenario = scenario();
    reference = run();
    if (reference.reason() != StopReason.COMPLETED || reference.shellStatus() != 0
        || reference.instructions() != INSNS) {
      throw new IllegalStateException("reference run: " + reference.reason() + " status "
          + reference.shellStatus() + ", " + reference.instructions() + " instructions, expected "
          + INSNS);
    }
  }

  /** Instructions per second of a whole run (boot and exit are ≈ 50 µs of ≈ 50 ms). */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(2 * LOOPS + 2)
  public RunResult loop() {
    RunResult r = run();
    if (r.instructions() != reference.instructions() || r.eventHash() != reference.eventHash()) {
      badRuns++;
    }
    return r;
  }

  @TearDown(Level.Iteration)
  public void verify() {
    if (badRuns != 0) {
      throw new IllegalStateException(badRuns + " run(s) differed from the reference run");
    }
  }

  /**
   * A load-robust check on a shared machine: {@code main [runs]} repeats the run and prints, per
   * run after the first few, instructions per second of this thread's CPU time and of wall time.
   */
  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    InterpreterBench b = new InterpreterBench();
    b.setUp();
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int i = 0; i < runs; i++) {
      long c0 = mx.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      RunResult r = b.loop();
      long c1 = mx.getCurrentThreadCpuTime();
      long w1 = System.nanoTime();
      System.out.printf("run %d: %.1f M insns/s CPU, %.1f M/s wall (%d instructions)%n", i,
          r.instructions() * 1e3 / (c1 - c0), r.instructions() * 1e3 / (w1 - w0),
          r.instructions());
    }
    b.verify();
  }
}
