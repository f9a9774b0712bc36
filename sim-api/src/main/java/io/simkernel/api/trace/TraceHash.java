package io.simkernel.api.trace;

/**
 * The rolling 64-bit hash of a run, as a specification: each event folds its kind, time, CPU,
 * generic fields and (when present) the FNV-1a hash of its text into the hash of the events
 * before it, starting from {@link #SEED}. The kernel computes it as it runs; trace readers
 * recompute it, so the compact binary trace need not store it per event and a reader can check
 * the end record's hash against the events it read.
 *
 * <p>The kernel ({@code KernelTrace}) must compute exactly this function: a test runs every
 * example and compares the two event by event, so a change on one side without the other (and
 * without a trace-format version bump) fails the build instead of silently breaking old traces.
 */
public final class TraceHash {
  /** The hash of a run with no events: the first 64 bits of SHA-256's first initial value. */
  public static final long SEED = 0x6A09E667F3BCC909L;

  private TraceHash() {}

  /** The hash after {@code e}, given the hash {@code h} of every event before it. */
  public static long step(long h, TraceEvent e) {
    return step(h, e.kind(), e.timeNs(), e.cpu(), e.pid(), e.a(), e.b(), e.c(),
        e.text() != null, e.text() == null ? 0 : textHash(e.text()));
  }

  /**
   * The hash after one event whose text (if {@code hasText}) hashes to {@code textHash}: readers
   * that see the same text many times pass its hash, computed once.
   */
  public static long step(long h, EventKind kind, long timeNs, int cpu, int pid, long a, long b,
      long c, boolean hasText, long textHash) {
    h = mix(h, kind.ordinal());
    h = mix(h, timeNs);
    h = mix(h, cpu);
    h = mix(h, pid);
    h = mix(h, a);
    h = mix(h, b);
    h = mix(h, c);
    if (hasText) {
      h = mix(h, textHash);
    }
    return h;
  }

  private static long mix(long h, long v) {
    h = (h ^ v) * 0x9E3779B97F4A7C15L;
    return h ^ (h >>> 29);
  }

  /** FNV-1a over the UTF-16 units: specified here, so stable on every JVM. */
  public static long textHash(CharSequence s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001b3L;
    }
    return h;
  }
}
