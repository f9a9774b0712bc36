package io.simkernel.bench;

import io.simkernel.kernel.mm.AddressSpace;
import io.simkernel.kernel.mm.ForkPolicy;
import io.simkernel.kernel.mm.PhysicalMemory;
import io.simkernel.kernel.mm.Vma;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Wall time of the memory half of a simulated fork (the address space's {@code fork()}: mappings
 * and page tables) against the size of the parent's touched memory, under both fork policies,
 * and the cost of a copy-on-write write fault after it. The parent maps {@code mib} MiB of
 * private anonymous memory and writes every page once (one frame per page, so 1 GiB is 262,144
 * entries in 512 last-level tables); frames are bookkeeping only (a never-written word needs no
 * storage), so 1 GiB costs the JVM a few MiB.
 *
 * <ul>
 *   <li>{@code fork}: fork alone; the child is released after each invocation, outside the
 *       timed region. Targets (perf-anchors §4): ondemand at 1 GiB within 2× of 1 MiB; classic
 *       under 5 ns per entry copied.</li>
 *   <li>{@code forkRelease}: fork and the child's release (exit's teardown) together.</li>
 *   <li>{@code cowWrite}: in a fresh child, one write fault per page of the first 1 MiB (256
 *       pages: copies, plus the table copies of an ondemand fork); per fault.</li>
 * </ul>
 *
 * <p>Every setup checks what it built (entries present, frames in use, the invariant checker),
 * and the write faults' kinds are checked after each invocation, outside the timed region.
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ForkMemoryBench {
  private static final long BASE = 0x100000000L;
  private static final int COW_PAGES = 256;

  @Param({"1", "64", "1024"})
  public int mib;

  @Param({"CLASSIC", "ONDEMAND"})
  public String policy;

  private PhysicalMemory mem;
  private AddressSpace parent;
  private AddressSpace child;
  private long pages;

  @Setup(Level.Trial)
  public void setUp() {
    mem = new PhysicalMemory(4L << 30, ForkPolicy.valueOf(policy));
    parent = mem.newAddressSpace();
    pages = (long) mib << 8;
    parent.map(BASE, pages << 12, Vma.PROT_READ | Vma.PROT_WRITE, false, "[anon]", null, 0);
    for (long i = 0; i < pages; i++) {
      if (parent.fault(BASE + (i << 12), true) != AddressSpace.MINOR_ZERO) {
        throw new IllegalStateException("populating page " + i);
      }
    }
    if (parent.presentPages() != pages || mem.framesInUse() != pages) {
      throw new IllegalStateException("the parent should have " + pages + " pages");
    }
    String bad = mem.checkNow();
    if (bad != null) {
      throw new IllegalStateException(bad);
    }
  }

  @TearDown(Level.Invocation)
  public void releaseChild() {
    if (child != null) {
      child.release();
      child = null;
    }
  }

  @TearDown(Level.Trial)
  public void check() {
    String bad = mem.checkNow();
    if (bad != null || mem.liveSpaces() != 1 || mem.framesInUse() != pages) {
      throw new IllegalStateException("after the trial: " + bad + ", " + mem.liveSpaces()
          + " spaces, " + mem.framesInUse() + " frames");
    }
  }

  /** fork alone (the child is released after the invocation, untimed). */
  @Benchmark
  public AddressSpace fork() {
    child = parent.fork();
    return child;
  }

  /** fork and the child's teardown. */
  @Benchmark
  public long forkRelease() {
    AddressSpace c = parent.fork();
    long n = c.presentPages();
    c.release();
    return n;
  }

  /** Page-table entries (classic) or tables (ondemand) one fork copies or shares. */
  public long forkEntries() {
    AddressSpace c = parent.fork();
    long n = parent.lastForkEntries();
    c.release();
    return n;
  }

  /** A fresh child for {@link #cowWrite}. */
  @State(Scope.Thread)
  public static class Child {
    AddressSpace space;
    ForkMemoryBench bench;

    @Setup(Level.Invocation)
    public void fork(ForkMemoryBench b) {
      bench = b;
      space = b.parent.fork();
    }

    @TearDown(Level.Invocation)
    public void release() {
      space.release();
    }
  }

  /** One copy-on-write write fault per page, in a child that has written nothing yet. */
  @Benchmark
  @OperationsPerInvocation(COW_PAGES)
  public int cowWrite(Child c) {
    int kinds = 0;
    long n = COW_PAGES;
    for (long i = 0; i < n; i++) {
      kinds += c.space.fault(BASE + (i << 12), true);
    }
    if (kinds != n * AddressSpace.COW_COPY) {
      throw new IllegalStateException("expected " + n + " copy-on-write copies");
    }
    return kinds;
  }
}
