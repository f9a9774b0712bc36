package io.simkernel.kernel.clock;

import java.util.Arrays;

/**
 * A min-heap of (time, tie key, payload) triples, 4-ary, over parallel primitive arrays: no
 * object per entry, no allocation per operation once grown. Ordered by time, then tie key; the
 * caller supplies unique tie keys, so the order is total.
 *
 * <p>This was the kernel's whole event queue until the radix buckets of {@link EventQueue} were
 * measured faster (docs/benchmarks.md); it now holds only the events of {@link EventQueue} that
 * are due at or before the last time taken, and it stays public so the benchmarks can measure
 * it against the queue that replaced it.
 */
public final class TimeHeap {
  private long[] time;
  private long[] tie;
  private long[] payload;
  private int size;

  public TimeHeap(int initialCapacity) {
    int cap = Math.max(4, initialCapacity);
    time = new long[cap];
    tie = new long[cap];
    payload = new long[cap];
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** Inserts an entry; the tie key must differ from every other entry's of the same time. */
  public void push(long t, long key, long data) {
    if (size == time.length) {
      grow();
    }
    siftUp(size++, t, key, data);
  }

  /** Time of the smallest entry; the heap must not be empty. */
  public long peekTime() {
    return time[0];
  }

  /** Tie key of the smallest entry; the heap must not be empty. */
  public long peekTie() {
    return tie[0];
  }

  /** Payload of the smallest entry; the heap must not be empty. */
  public long peekPayload() {
    return payload[0];
  }

  /** Removes the smallest entry and returns its payload. */
  public long pop() {
    long result = payload[0];
    int last = --size;
    if (last > 0) {
      siftDown(0, time[last], tie[last], payload[last]);
    }
    return result;
  }

  /** Removes every entry. */
  public void clear() {
    size = 0;
  }

  /** The time of the i-th entry in storage order (0 ≤ i < size): for recording, not for order. */
  long timeAt(int i) {
    return time[i];
  }

  static boolean less(long t1, long k1, long t2, long k2) {
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
}
