package io.simkernel.kernel;

import io.simkernel.api.trace.EventKind;
import io.simkernel.api.trace.TraceEvent;
import io.simkernel.api.trace.TraceSink;
import io.simkernel.kernel.clock.VirtualClock;

/**
 * The kernel's event stream. Every event updates a rolling 64-bit hash of the run (kind, time,
 * CPU, every field, the text), so two runs can be compared by one number; a {@link TraceEvent}
 * record is built only when a sink listens, so an unobserved run allocates nothing per event.
 */
public final class KernelTrace {
  private final VirtualClock clock;
  private TraceSink sink;
  private long seq;
  private long hash = 0x6A09E667F3BCC909L;
  private int cpu = -1;

  KernelTrace(VirtualClock clock) {
    this.clock = clock;
  }

  void setSink(TraceSink sink) {
    this.sink = sink;
  }

  /** The CPU subsequent events are attributed to (-1: none). */
  public void onCpu(int cpu) {
    this.cpu = cpu;
  }

  public long events() {
    return seq;
  }

  public long hash() {
    return hash;
  }

  public void emit(EventKind kind, int pid, long a, long b, long c, String text) {
    long t = clock.now();
    long h = hash;
    h = mix(h, kind.ordinal());
    h = mix(h, t);
    h = mix(h, cpu);
    h = mix(h, pid);
    h = mix(h, a);
    h = mix(h, b);
    h = mix(h, c);
    if (text != null) {
      h = mix(h, textHash(text));
    }
    hash = h;
    if (sink != null) {
      sink.accept(new TraceEvent(seq, t, cpu, kind, pid, a, b, c, text, h));
    }
    seq++;
  }

  public void emit(EventKind kind, int pid, long a, long b, long c) {
    emit(kind, pid, a, b, c, null);
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

  /** FNV-1a over bytes. */
  public static long bytesHash(byte[] b, int off, int len) {
    long h = 0xcbf29ce484222325L;
    for (int i = off; i < off + len; i++) {
      h = (h ^ (b[i] & 0xFF)) * 0x100000001b3L;
    }
    return h;
  }
}
