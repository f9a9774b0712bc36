package io.simkernel.kernel.clock;

import java.util.Arrays;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;

/**
 * A min-priority queue of events keyed by (time, tie key) with a {@code long} payload: a radix
 * heap over primitive arrays. No object per event, no allocation per operation once grown.
 *
 * <p>The tie key makes the order total: in {@link Mode#INSERTION} it is the insertion sequence
 * number, so same-time events fire in the order they were scheduled; in {@link Mode#RANDOM} it is
 * a bijective 64-bit mix of (sequence, seed), so same-time events fire in a seeded pseudo-random
 * order that is still a total order and still reproducible.
 *
 * <p><b>Structure.</b> A simulation never schedules into the past: every push is at or after the
 * time of the last event taken. The queue exploits that (a monotone priority queue, Ahuja,
 * Mehlhorn, Orlin and Tarjan's radix heap) while staying exact for any order of pushes:
 *
 * <ul>
 *   <li>{@code base} is the time of the last event made due. Events at or before it are in
 *       {@link #due}, a 4-ary heap ordered by (time, tie key).
 *   <li>An event after {@code base} is appended, unsorted, to the bucket of (the highest 4-bit
 *       digit in which its time differs from {@code base}, its value of that digit). Every time
 *       in a bucket is smaller than every time in a bucket numbered above it.
 *   <li>When {@link #due} is empty, the lowest non-empty bucket is scanned for its smallest time
 *       m; {@code base} becomes m; the events at m go to {@link #due} and the rest to lower
 *       buckets (each event only ever moves down, at most 16 times, in practice two or three).
 * </ul>
 *
 * So a push is O(1), a pop from {@link #due} is O(log k) in the k events due at one time
 * (usually 1), and the buckets are read and written sequentially, which keeps a million pending
 * events cache-friendly. 4-bit digits measured best (of 3, 4, 6 and 8 bits) on the hold model
 * and on a recorded kernel run (docs/benchmarks.md). Every pop returns exactly the smallest
 * (time, tie key) pending: the order is that of the 4-ary heap this replaced ({@link TimeHeap}),
 * so no trace changes.
 */
public final class EventQueue {
  /** How same-time events are ordered. */
  public enum Mode { INSERTION, RANDOM }

  /** Bits per radix digit: a bucket per (digit position, digit value). */
  private static final int DIGIT_BITS = 4;
  private static final int DIGIT_VALUES = 1 << DIGIT_BITS;
  /** A bucket per (digit position, digit value), rounded up to whole words of the bitmap. */
  private static final int BUCKETS = ((63 / DIGIT_BITS + 1) * DIGIT_VALUES + 63) & ~63;
  private static final int FIRST_BUCKET_CAPACITY = 16;

  private final Mode mode;
  private final long seed;
  /** Events at or before {@link #base}, ordered by (time, tie key). */
  private final TimeHeap due;
  /**
   * Bucket b's events, interleaved (time, tie key, payload) so that an append or a scan touches
   * one array; {@link #bucketSize} counts events, not longs.
   */
  private final long[][] buckets = new long[BUCKETS][];
  private final int[] bucketSize = new int[BUCKETS];
  /** Bit b of this bitmap is set iff bucket b holds an event. */
  private final long[] occupied = new long[BUCKETS / 64];
  /** Every bucketed event's time is after this; every event in {@link #due} at or before it. */
  private long base;
  private int size;
  private long sequence;
  /** Benchmarks only: every push's time, and -1 for every pop (see {@link #record}). */
  private LongArrayList log;

  public EventQueue(Mode mode, long seed, int initialCapacity) {
    this.mode = mode;
    this.seed = seed;
    this.due = new TimeHeap(Math.min(Math.max(4, initialCapacity), 64));
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
  public void record(LongArrayList into) {
    for (int i = 0; i < due.size(); i++) {
      into.add(due.timeAt(i));
    }
    for (int b = 0; b < BUCKETS; b++) {
      for (int i = 0; i < bucketSize[b]; i++) {
        into.add(buckets[b][3 * i]);
      }
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
    if (log != null) {
      log.add(t);
    }
    size++;
    if (t <= base) {
      due.push(t, key, data);
    } else {
      append(bucketOf(t), t, key, data);
    }
  }

  /** Time of the earliest event; the queue must not be empty. */
  public long peekTime() {
    settle();
    return due.peekTime();
  }

  /** Payload of the earliest event; the queue must not be empty. */
  public long peekPayload() {
    settle();
    return due.peekPayload();
  }

  /** Removes the earliest event and returns its payload ({@link #peekTime()} first for its time). */
  public long pop() {
    settle();
    if (log != null) {
      log.add(-1);
    }
    size--;
    return due.pop();
  }

  /** Removes every event. */
  public void clear() {
    due.clear();
    Arrays.fill(bucketSize, 0);
    Arrays.fill(occupied, 0);
    size = 0;
  }

  /**
   * The bucket of a time after {@link #base}: (position of the highest digit in which they
   * differ, the time's value of that digit). Bucket numbers grow with the times they hold.
   */
  private int bucketOf(long t) {
    int level = (63 - Long.numberOfLeadingZeros(t ^ base)) / DIGIT_BITS;
    int digit = (int) (t >>> (level * DIGIT_BITS)) & (DIGIT_VALUES - 1);
    return level * DIGIT_VALUES + digit;
  }

  private void append(int b, long t, long key, long data) {
    int n = bucketSize[b];
    long[] bucket = buckets[b];
    int at = 3 * n;
    if (bucket == null || at == bucket.length) {
      bucket = growBucket(b, n);
    }
    bucket[at] = t;
    bucket[at + 1] = key;
    bucket[at + 2] = data;
    bucketSize[b] = n + 1;
    occupied[b >>> 6] |= 1L << b;
  }

  private long[] growBucket(int b, int n) {
    int cap = n == 0 ? FIRST_BUCKET_CAPACITY : n * 2;
    long[] bucket = buckets[b] == null ? new long[3 * cap] : Arrays.copyOf(buckets[b], 3 * cap);
    buckets[b] = bucket;
    return bucket;
  }

  /** Makes the earliest event due, if any is pending. */
  private void settle() {
    if (due.isEmpty() && size != 0) {
      refill();
    }
  }

  /**
   * Empties the lowest non-empty bucket: its smallest time becomes the base, its events at that
   * time become due and the others move to lower buckets (all its times share the base's bits
   * above the bucket, so each lands strictly lower).
   */
  private void refill() {
    int w = 0;
    while (occupied[w] == 0) {
      w++;
    }
    int b = (w << 6) + Long.numberOfTrailingZeros(occupied[w]);
    long[] bucket = buckets[b];
    int end = 3 * bucketSize[b];
    long min = bucket[0];
    for (int i = 3; i < end; i += 3) {
      min = Math.min(min, bucket[i]);
    }
    base = min;
    bucketSize[b] = 0;
    occupied[w] &= ~(1L << b);
    for (int i = 0; i < end; i += 3) {
      long t = bucket[i];
      if (t == min) {
        due.push(t, bucket[i + 1], bucket[i + 2]);
      } else {
        append(bucketOf(t), t, bucket[i + 1], bucket[i + 2]);
      }
    }
  }

  /** SplitMix64's finaliser: a bijection on 64-bit values, so distinct sequences stay distinct. */
  static long scramble(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
