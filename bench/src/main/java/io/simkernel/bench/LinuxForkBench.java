package io.simkernel.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Real Linux's fork + exit + wait cycle on this machine, in the same JMH run as the simulated
 * one ({@link ForkCycleBench}), so their ratio is measured side by side (issue 9: simulated
 * cycles ≥ 100× faster). The trial compiles {@code forkcycle.c} (a resource of this module) with
 * {@code gcc -O2} into a temporary directory; one invocation runs it for {@link #K} cycles. The
 * one process start per invocation (≈ 0.5 ms) is amortised over K cycles (≈ 0.2–0.3 s), under
 * 0.3 % of the result. Needs gcc on the PATH; the setup fails with a clear message otherwise.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LinuxForkBench {
  static final int K = 2000;
  private Path dir;
  private Path exe;

  @Setup(Level.Trial)
  public void compile() throws IOException, InterruptedException {
    dir = Files.createTempDirectory("simkernel-forkcycle");
    Path src = dir.resolve("forkcycle.c");
    try (InputStream in = LinuxForkBench.class.getResourceAsStream("forkcycle.c")) {
      Files.copy(in, src);
    }
    exe = dir.resolve("forkcycle");
    Process gcc;
    try {
      gcc = new ProcessBuilder("gcc", "-O2", "-o", exe.toString(), src.toString())
          .inheritIO().start();
    } catch (IOException e) {
      throw new IllegalStateException("LinuxForkBench needs gcc on the PATH: " + e.getMessage());
    }
    if (gcc.waitFor() != 0) {
      throw new IllegalStateException("gcc failed to compile forkcycle.c");
    }
  }

  @TearDown(Level.Trial)
  public void clean() throws IOException {
    Files.deleteIfExists(exe);
    Files.deleteIfExists(dir.resolve("forkcycle.c"));
    Files.deleteIfExists(dir);
  }

  /** K real fork + _exit + waitpid cycles; reported per cycle. */
  @Benchmark
  @OperationsPerInvocation(K)
  public int forkExitWait() throws IOException, InterruptedException {
    Process p = new ProcessBuilder(exe.toString(), Integer.toString(K)).inheritIO().start();
    int status = p.waitFor();
    if (status != 0) {
      throw new IllegalStateException("forkcycle exited " + status + ": a cycle went wrong");
    }
    return status;
  }
}
