package io.simkernel.bench;

import io.simkernel.kernel.clock.EventQueue;
import io.simkernel.kernel.clock.TimeHeap;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.eventlist.EventList;
import umontreal.ssj.simevents.eventlist.Henriksen;
import umontreal.ssj.simevents.eventlist.SplayTree;

/**
 * The classic hold model (perf-anchors §2.1): N events pending; one hold removes the earliest
 * event and schedules one at (its time + an exponential increment, mean 2^30 ticks). N stays
 * constant, so the cost measured is one pop + one push at that queue size.
 *
 * <p>SSJ ({@code ca.umontreal.iro.simul:ssj} 3.3.1, a Java discrete-event library) is measured in
 * the same run through its own event lists: {@code SplayTree} (its default) and {@code
 * Henriksen} (its fastest in perf-anchors §2.1). SSJ keys events by a {@code double} time (ties
 * broken by insertion order), so it gets the same increments as doubles.
 *
 * <p>All structures are driven by the same increment ring and start from the same population,
 * so their numbers differ only by the structure. The queues are built once per trial and never
 * reset: the warm-up iterations move the time distribution of the pending events from the
 * initial one to the hold model's steady state before anything is measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class HoldBench {
  /** Size of the pre-computed increment ring; a power of two so the index wraps with a mask. */
  static final int RING = 1 << 16;
  /** Mean increment, in ticks: as in perf-anchors, so numbers are comparable. */
  static final double MEAN = 0x1p30;
  /** Fixed seed: every run holds the same sequence of keys. */
  static final long SEED = 0x5EED_1234_ABCDL;

  @Param({"1000", "100000", "1000000"})
  public int n;

  private long[] increments;
  private int next;

  private EventQueue eventQueue;

  private TimeHeap timeHeap;
  private long heapSeq;

  private PriorityQueue<Ev> priorityQueue;
  private long pqSeq;

  private EventList ssjList;

  /** An SSJ event that does nothing: the hold only moves it in the list. */
  static final class SsjEv extends Event {
    @Override
    public void actions() {}

    /**
     * Sets the time of an event just removed from the list, as SSJ's own {@code Simulator} loop
     * does (it writes {@code eventTime} directly; {@code setTime} refuses an event it believes
     * scheduled).
     */
    void moveTo(double t) {
      eventTime = t;
    }
  }

  /**
   * A PriorityQueue element. Mutable on purpose: a hold re-inserts the object it just removed
   * with a new key, so the loop allocates nothing, like the primitive heap.
   */
  static final class Ev implements Comparable<Ev> {
    long time;
    long seq;

    @Override
    public int compareTo(Ev o) {
      int c = Long.compare(time, o.time);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) {
    String bench = params.getBenchmark();
    String which = bench.substring(bench.lastIndexOf('.') + 1);
    increments = exponentialRing(new SplittableRandom(SEED), RING, MEAN);
    // Initial population: N exponential times from 0, drawn from its own generator so both
    // structures get the same times in the same order.
    SplittableRandom init = new SplittableRandom(SEED ^ 0x9E3779B97F4A7C15L);
    long[] start = new long[n];
    for (int i = 0; i < n; i++) {
      start[i] = exponential(init, MEAN);
    }
    // only the structure this benchmark holds on is built (1e6 events of each would crowd the heap)
    if (which.equals("eventQueue")) {
      eventQueue = new EventQueue(EventQueue.Mode.INSERTION, 0, n);
      for (int i = 0; i < n; i++) {
        eventQueue.push(start[i], i);
      }
    } else if (which.equals("timeHeap")) {
      timeHeap = new TimeHeap(n + 1);
      for (int i = 0; i < n; i++) {
        timeHeap.push(start[i], heapSeq++, i);
      }
    } else if (which.equals("priorityQueue")) {
      // Sized for N + 1 so the queue never grows inside a hold.
      priorityQueue = new PriorityQueue<>(n + 1);
      for (int i = 0; i < n; i++) {
        Ev e = new Ev();
        e.time = start[i];
        e.seq = pqSeq++;
        priorityQueue.add(e);
      }
    } else {
      ssjList = which.equals("ssjHenriksen") ? new Henriksen() : new SplayTree();
      for (int i = 0; i < n; i++) {
        SsjEv e = new SsjEv();
        e.setTime(start[i]);
        ssjList.add(e);
      }
    }
    next = 0;
  }

  static long[] exponentialRing(SplittableRandom rnd, int size, double mean) {
    long[] ring = new long[size];
    for (int i = 0; i < size; i++) {
      ring[i] = exponential(rnd, mean);
    }
    return ring;
  }

  /** An exponential variate by inversion; 1 - u keeps the argument of log in (0, 1]. */
  static long exponential(SplittableRandom rnd, double mean) {
    return (long) (-mean * Math.log(1.0 - rnd.nextDouble()));
  }

  private long increment() {
    long d = increments[next];
    next = (next + 1) & (RING - 1);
    return d;
  }

  /**
   * What a hold costs outside any structure: the JMH call, the increment taken from the ring and
   * the sum returned. Subtract it from a structure's score for the structure alone.
   */
  @Benchmark
  public long overhead() {
    long nt = next + increment();
    return nt;
  }

  /** One hold on the kernel's event queue (a radix heap); returns the new time so the JIT cannot drop it. */
  @Benchmark
  public long eventQueue() {
    EventQueue q = eventQueue;
    long t = q.peekTime();
    long payload = q.pop();
    long nt = t + increment();
    q.push(nt, payload);
    return nt;
  }

  /**
   * One hold on the 4-ary primitive heap that was the kernel's queue before the radix heap (and
   * still holds its current-time events), with the same (time, sequence) keys.
   */
  @Benchmark
  public long timeHeap() {
    TimeHeap q = timeHeap;
    long t = q.peekTime();
    long payload = q.pop();
    long nt = t + increment();
    q.push(nt, heapSeq++, payload);
    return nt;
  }

  /** One hold on java.util.PriorityQueue, re-inserting the removed object with a new key. */
  @Benchmark
  public long priorityQueue() {
    PriorityQueue<Ev> q = priorityQueue;
    Ev e = q.poll();
    e.time += increment();
    e.seq = pqSeq++;
    q.add(e);
    return e.time;
  }

  /** One hold on SSJ's default event list (a splay tree). */
  @Benchmark
  public double ssjSplayTree() {
    return ssjHold();
  }

  /** One hold on SSJ's Henriksen list (its fastest at every N in perf-anchors §2.1). */
  @Benchmark
  public double ssjHenriksen() {
    return ssjHold();
  }

  private double ssjHold() {
    EventList l = ssjList;
    SsjEv e = (SsjEv) l.removeFirst();
    double nt = e.time() + increment();
    e.moveTo(nt);
    l.add(e);
    return nt;
  }
}
