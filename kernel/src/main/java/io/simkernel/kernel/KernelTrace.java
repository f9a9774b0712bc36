package io.simkernel.kernel;

import io.simkernel.api.trace.EventKind;
import io.simkernel.api.trace.TraceHash;
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
  private long hash = TraceHash.SEED;
  private int cpu = -1;
  private int context;
  private Profiler prof; // null unless profiling

  KernelTrace(VirtualClock clock) {
    this.clock = clock;
  }

  void setSink(TraceSink sink) {
    this.sink = sink;
  }

  void setProfiler(Profiler p) {
    this.prof = p;
  }

  /** The CPU subsequent events are attributed to (-1: none), in no process's context. */
  public void onCpu(int cpu) {
    onCpu(cpu, 0);
  }

  /**
   * The CPU subsequent events are attributed to, and the process whose action they are (the one
   * on that CPU; 0: none, as for a timer): Linux's {@code common_pid}, the current task.
   */
  public void onCpu(int cpu, int current) {
    this.cpu = cpu;
    this.context = current;
  }

  /** The process whose action the current events are (0: a timer or the idle CPU). */
  public int context() {
    return context;
  }

  public long events() {
    return seq;
  }

  private String lastText;
  private long lastTextHash;

  public long hash() {
    return hash;
  }

  public void emit(EventKind kind, int pid, long a, long b, long c, String text) {
    if (prof != null) {
      prof.enter(Profiler.TRACING);
      record(kind, pid, a, b, c, text);
      prof.leave();
    } else {
      record(kind, pid, a, b, c, text);
    }
  }

  private void record(EventKind kind, int pid, long a, long b, long c, String text) {
    long t = clock.now();
    long h = TraceHash.step(hash, kind, t, cpu, pid, a, b, c, text != null,
        text != null ? textHash(text) : 0);
    hash = h;
    if (sink != null) {
      sink.accept(new TraceEvent(seq, t, cpu, kind, pid, a, b, c, text, h));
    }
    seq++;
  }

  /**
   * The text's hash, remembered for the last string object hashed: a fork and an exit carry the
   * command name, the same {@code String} in parent and child, so most texts are hashed once.
   * Equal hashes either way (the cache only skips recomputing), so no trace depends on it.
   */
  private long textHash(String text) {
    if (text != lastText) {
      lastTextHash = TraceHash.textHash(text);
      lastText = text;
    }
    return lastTextHash;
  }

  public void emit(EventKind kind, int pid, long a, long b, long c) {
    emit(kind, pid, a, b, c, null);
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
