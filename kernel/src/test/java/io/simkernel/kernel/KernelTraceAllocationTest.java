package io.simkernel.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.simkernel.api.trace.EventKind;
import io.simkernel.api.trace.TraceEvent;
import io.simkernel.api.trace.TraceHash;
import io.simkernel.kernel.clock.VirtualClock;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Tracing costs nothing when nobody listens: with no sink the kernel's event stream only folds
 * each event into the run's hash — no record is built, nothing is allocated — and the hash it
 * folds is {@link TraceHash}, which trace readers recompute.
 */
class KernelTraceAllocationTest {
  private static final int EVENTS = 1_000_000;

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  private static void emitMany(KernelTrace t) {
    for (int i = 0; i < EVENTS; i++) {
      t.emit(EventKind.SCHED_BLOCK, 2, 'S', i, 0, "sleep");
    }
  }

  @Test
  void withoutASinkEmittingAllocatesNothing() {
    assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean
        && ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
            .isThreadAllocatedMemoryEnabled(), "this JVM does not count allocated bytes");
    KernelTrace quiet = new KernelTrace(new VirtualClock());
    emitMany(quiet); // warm up: compiled code, not the interpreter's, is what a long run uses
    long before = allocatedBytes();
    emitMany(quiet);
    long quietBytes = allocatedBytes() - before;

    KernelTrace heard = new KernelTrace(new VirtualClock());
    long[] count = new long[1];
    heard.setSink(e -> count[0]++);
    before = allocatedBytes();
    emitMany(heard);
    long heardBytes = allocatedBytes() - before;

    assertTrue(quietBytes < 64 * 1024, "no sink, yet " + quietBytes + " bytes allocated for "
        + EVENTS + " events");
    assertEquals(EVENTS, count[0]);
    assertTrue(heardBytes > EVENTS * 16L, "the measurement sees a sink's records: " + heardBytes);
  }

  @Test
  void theKernelsHashIsTraceHash() {
    KernelTrace t = new KernelTrace(new VirtualClock());
    long[] h = {TraceHash.SEED};
    t.setSink((TraceEvent e) -> {
      h[0] = TraceHash.step(h[0], e);
      assertEquals(h[0], e.hash());
    });
    t.onCpu(1);
    t.emit(EventKind.SCHED_PROCESS_FORK, 1, 2, 0, 0, "init");
    t.onCpu(-1);
    t.emit(EventKind.SCHED_WAKEUP, 2, 0, 0, 0);
    assertEquals(h[0], t.hash());
  }
}
