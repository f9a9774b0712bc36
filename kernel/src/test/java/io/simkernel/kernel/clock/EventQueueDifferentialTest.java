package io.simkernel.kernel.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The radix-heap {@link EventQueue} against the 4-ary {@link TimeHeap} it replaced, fed the same
 * keys: every peek and pop must agree exactly, for the orders a kernel produces (every push at or
 * after the last time taken) and for any order at all, in both tie modes. Equal pops mean equal
 * event order, hence unchanged traces (the package essay's invariant: events are totally ordered
 * by (time, tie key)).
 */
class EventQueueDifferentialTest {
  /** How push times are drawn, relative to the time of the last pop. */
  enum Shape { KERNEL_LIKE, HOLD_EXPONENTIAL, SAME_TIMES, ANY_ORDER, HUGE_TIMES }

  @Test
  void agreesWithTheHeapOnKernelLikeSchedules() {
    runSeeds(Shape.KERNEL_LIKE);
  }

  @Test
  void agreesWithTheHeapOnTheHoldModel() {
    runSeeds(Shape.HOLD_EXPONENTIAL);
  }

  @Test
  void agreesWithTheHeapWhenManyEventsShareATime() {
    runSeeds(Shape.SAME_TIMES);
  }

  @Test
  void agreesWithTheHeapWhenPushesGoIntoThePast() {
    runSeeds(Shape.ANY_ORDER);
  }

  @Test
  void agreesWithTheHeapNearTheLargestTimes() {
    runSeeds(Shape.HUGE_TIMES);
  }

  @Test
  void clearForgetsEverythingAndTheQueueStaysExact() {
    EventQueue q = new EventQueue(EventQueue.Mode.INSERTION, 0, 4);
    for (int i = 0; i < 100; i++) {
      q.push(1_000 + i * 7L, i);
    }
    q.pop();
    q.clear();
    assertEquals(0, q.size());
    q.push(5, 1); // before the old base: still first
    q.push(2_000, 2);
    q.push(3, 3);
    assertEquals(3, q.peekTime());
    assertEquals(3, q.pop());
    assertEquals(1, q.pop());
    assertEquals(2, q.pop());
  }

  private static void runSeeds(Shape shape) {
    for (long seed = 1; seed <= 40; seed++) {
      for (EventQueue.Mode mode : EventQueue.Mode.values()) {
        run(shape, mode, seed);
      }
    }
  }

  private static void run(Shape shape, EventQueue.Mode mode, long seed) {
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + shape.ordinal());
    EventQueue q = new EventQueue(mode, seed, 4);
    TimeHeap ref = new TimeHeap(4);
    long seq = 0;
    long now = 0;
    int steps = 6_000;
    for (int step = 0; step < steps; step++) {
      boolean push = ref.isEmpty() || r.nextInt(100) < (step < steps / 2 ? 60 : 40);
      if (push) {
        long t = nextTime(shape, r, now);
        long key = mode == EventQueue.Mode.INSERTION ? seq : EventQueue.scramble(seq ^ seed);
        q.push(t, seq);
        ref.push(t, key, seq);
        seq++;
      } else {
        String where = shape + " " + mode + " seed " + seed + " step " + step;
        assertEquals(ref.peekTime(), q.peekTime(), where);
        assertEquals(ref.peekPayload(), q.peekPayload(), where);
        now = ref.peekTime();
        assertEquals(ref.pop(), q.pop(), where);
      }
      assertEquals(ref.size(), q.size());
    }
    while (!ref.isEmpty()) {
      assertEquals(ref.peekTime(), q.peekTime());
      assertEquals(ref.pop(), q.pop());
    }
    assertEquals(0, q.size());
  }

  private static long nextTime(Shape shape, SplittableRandom r, long now) {
    switch (shape) {
      case KERNEL_LIKE: {
        int kind = r.nextInt(10);
        if (kind < 3) {
          return now; // a wake-up or a reap at the current time
        }
        if (kind < 7) {
          return now + 1 + r.nextInt(5_000); // a CPU's next stop
        }
        return now + 1_000_000L * (1 + r.nextInt(997)); // a sleep
      }
      case HOLD_EXPONENTIAL:
        return now + (long) (-0x1p30 * Math.log(1.0 - r.nextDouble()));
      case SAME_TIMES:
        return now + r.nextInt(3) * 1_000L;
      case ANY_ORDER:
        return r.nextInt(4) == 0 ? r.nextLong(Math.max(1, now + 1)) : now + r.nextInt(10_000);
      case HUGE_TIMES:
        return Math.max(now, Long.MAX_VALUE - r.nextLong(1L << 40));
      default:
        throw new AssertionError(shape);
    }
  }
}
