package io.simkernel.kernel.clock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventQueueTest {
  @Test
  void popsInTimeOrder() {
    EventQueue q = new EventQueue();
    long[] times = {50, 10, 40, 20, 30};
    for (int i = 0; i < times.length; i++) {
      q.push(times[i], i);
    }
    long prev = -1;
    while (!q.isEmpty()) {
      long t = q.peekTime();
      q.pop();
      assertTrue(t >= prev, "time went back");
      prev = t;
    }
  }

  @Test
  void sameTimeEventsFireInInsertionOrderByDefault() {
    EventQueue q = new EventQueue();
    for (int i = 0; i < 100; i++) {
      q.push(7, i);
    }
    for (int i = 0; i < 100; i++) {
      assertEquals(i, q.pop());
    }
  }

  @Test
  void randomModePermutesSameTimeEventsReproduciblyPerSeed() {
    long[] a = drainSameTime(new EventQueue(EventQueue.Mode.RANDOM, 42, 4));
    long[] b = drainSameTime(new EventQueue(EventQueue.Mode.RANDOM, 42, 4));
    long[] c = drainSameTime(new EventQueue(EventQueue.Mode.RANDOM, 43, 4));
    assertArrayEquals(a, b, "same seed, same order");
    assertFalse(Arrays.equals(a, c), "another seed gives another order");
    long[] sorted = a.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      assertEquals(i, sorted[i], "a permutation: every event fires exactly once");
    }
    long[] identity = new long[a.length];
    Arrays.setAll(identity, i -> i);
    assertFalse(Arrays.equals(a, identity), "the order is not insertion order");
  }

  @Test
  void randomModeStillOrdersByTimeFirst() {
    EventQueue q = new EventQueue(EventQueue.Mode.RANDOM, 9, 4);
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 10_000; i++) {
      q.push(r.nextInt(100), i);
    }
    long prev = -1;
    while (!q.isEmpty()) {
      long t = q.peekTime();
      q.pop();
      assertTrue(t >= prev);
      prev = t;
    }
  }

  @Test
  void matchesASortedReferenceUnderInterleavedPushAndPop() {
    EventQueue q = new EventQueue(EventQueue.Mode.INSERTION, 0, 4);
    List<long[]> ref = new ArrayList<>(); // {time, seq, payload}
    SplittableRandom r = new SplittableRandom(7);
    long seq = 0;
    for (int step = 0; step < 50_000; step++) {
      if (ref.isEmpty() || r.nextInt(3) > 0) {
        long t = r.nextLong(1_000);
        q.push(t, seq);
        ref.add(new long[] {t, seq, seq});
        seq++;
      } else {
        ref.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        long[] min = ref.remove(0);
        assertEquals(min[0], q.peekTime());
        assertEquals(min[2], q.pop());
      }
    }
    assertEquals(ref.size(), q.size());
  }

  @Test
  void rejectsNegativeTimes() {
    assertThrows(IllegalArgumentException.class, () -> new EventQueue().push(-1, 0));
  }

  @Test
  void clockNeverGoesBack() {
    VirtualClock c = new VirtualClock();
    c.advanceTo(10);
    c.advanceTo(10);
    assertThrows(IllegalStateException.class, () -> c.advanceTo(9));
    assertEquals(10, c.now());
  }

  private static long[] drainSameTime(EventQueue q) {
    for (int i = 0; i < 64; i++) {
      q.push(1000, i);
    }
    long[] out = new long[64];
    for (int i = 0; i < 64; i++) {
      out[i] = q.pop();
    }
    return out;
  }
}
