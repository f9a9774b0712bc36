package io.simkernel.kernel.clock;

import java.util.Arrays;

/**
 * A min-priority queue of events keyed by (time, tie key) with a {@code long} payload, as a 4-ary
 * heap over parallel primitive arrays. No allocation per operation once grown.
 *
 * <p>The tie key makes the order total: in {@link Mode#INSERTION} it is the insertion sequence
 * number, so same-time events fire in the order they were scheduled; in {@link Mode#RANDOM} it is
 * a bijective 64-bit mix of (sequence, seed), so same-time events fire in a seeded pseudo-random
 * order that is still a total order and still reproducible.
 */
public final class EventQueue {
  /** How same-time events are ordered. */
  public enum Mode { INSERTION, RANDOM }

  private final Mode mode;
  private final long seed;
  private long[] time;
  private long[] tie;
  private long[] payload;
  private int size;
  private long sequence;
  /** Benchmarks only: every push's time, and -1 for every pop (see {@link #record}). */
  private org.eclipse.collections.impl.list.mutable.primitive.LongArrayList log;

  public EventQueue(Mode mode, long seed, int initialCapacity) {
    this.mode = mode;
    this.seed = seed;
    int cap = Math.max(4, initialCapacity);
    time = new long[cap];
    tie = new long[cap];
    payload = new long[cap];
  }

  public EventQueue() {
    this(Mode.INSERTION, 0, 64);
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** Number of events ever scheduled. */
  public long scheduled() {
    return sequence;
  }

  /**
   * Records this queue's operations into {@code into} from now on: the time of every event
   * pending now and of every later push, and -1 for every pop, so a benchmark can replay a real
   * kernel run's event sequence through other queues (bench RecordedQueueBench). Never used by a
   * simulation; recording changes nothing in the queue's order.
   */
  public void record(org.eclipse.collections.impl.list.mutable.primitive.LongArrayList into) {
    for (int i = 0; i < size; i++) {
      into.add(time[i]);
    }
    log = into;
  }

  /** Schedules an event; {@code t} must be ≥ 0. */
  public void push(long t, long data) {
    if (t < 0) {
      throw new IllegalArgumentException("event time " + t + " is negative");
    }
    long seq = sequence++;
    long key = mode == Mode.INSERTION ? seq : scramble(seq ^ seed);
    if (size == time.length) {
      grow();
    }
    if (log != null) {
      log.add(t);
    }
    siftUp(size++, t, key, data);
  }

  /** Time of the earliest event; the queue must not be empty. */
  public long peekTime() {
    return time[0];
  }

  /** Payload of the earliest event; the queue must not be empty. */
  public long peekPayload() {
    return payload[0];
  }

  /** Removes the earliest event and returns its payload ({@link #peekTime()} first for its time). */
  public long pop() {
    long result = payload[0];
    if (log != null) {
      log.add(-1);
    }
    int last = --size;
    if (last > 0) {
      siftDown(0, time[last], tie[last], payload[last]);
    }
    return result;
  }

  /** Removes every event. */
  public void clear() {
    size = 0;
  }

  private static boolean less(long t1, long k1, long t2, long k2) {
    return t1 < t2 || (t1 == t2 && k1 < k2);
  }

  private void siftUp(int i, long t, long k, long d) {
    while (i > 0) {
      int parent = (i - 1) >>> 2;
      if (!less(t, k, time[parent], tie[parent])) {
        break;
      }
      time[i] = time[parent];
      tie[i] = tie[parent];
      payload[i] = payload[parent];
      i = parent;
    }
    time[i] = t;
    tie[i] = k;
    payload[i] = d;
  }

  private void siftDown(int i, long t, long k, long d) {
    int n = size;
    while (true) {
      int first = (i << 2) + 1;
      if (first >= n) {
        break;
      }
      int best = first;
      int end = Math.min(first + 4, n);
      for (int c = first + 1; c < end; c++) {
        if (less(time[c], tie[c], time[best], tie[best])) {
          best = c;
        }
      }
      if (!less(time[best], tie[best], t, k)) {
        break;
      }
      time[i] = time[best];
      tie[i] = tie[best];
      payload[i] = payload[best];
      i = best;
    }
    time[i] = t;
    tie[i] = k;
    payload[i] = d;
  }

  private void grow() {
    int cap = time.length * 2;
    time = Arrays.copyOf(time, cap);
    tie = Arrays.copyOf(tie, cap);
    payload = Arrays.copyOf(payload, cap);
  }

  /** SplitMix64's finaliser: a bijection on 64-bit values, so distinct sequences stay distinct. */
  static long scramble(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
