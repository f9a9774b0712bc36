package io.simkernel.bench;

import io.simkernel.api.run.RunResult;
import io.simkernel.api.run.StopReason;
import io.simkernel.api.scenario.Scenario;
import io.simkernel.api.trace.TraceEvent;
import io.simkernel.api.trace.TraceHash;
import io.simkernel.kernel.Kernel;
import io.simkernel.kernel.KernelOptions;
import io.simkernel.kernel.asm.ScenarioParser;
import io.simkernel.traces.format.BinaryTraceReader;
import io.simkernel.traces.format.BinaryTraceWriter;
import io.simkernel.traces.format.JsonlTraceReader;
import io.simkernel.traces.format.JsonlTraceWriter;
import io.simkernel.traces.format.TraceEnd;
import io.simkernel.traces.format.TraceHeader;
import io.simkernel.traces.format.TraceReader;
import io.simkernel.traces.format.TraceWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Trace encoding and decoding throughput, in events per second: one JMH operation is one event.
 * The events are a real run's — {@link #CYCLES} fork + exit + waitpid cycles through the kernel,
 * {@value #EVENTS} events in all (9 per cycle: fork, block, switch, exit, SIGCHLD, wake-up,
 * switch, wait, free) — recorded once in {@link #setUp()}, so the kernel's own speed is not in
 * the figures. Writing goes to a reusable in-memory buffer, reading from the encoded bytes, so
 * no disk either: this is the codec's cost, the part {@code run --trace} adds to a run.
 *
 * <p>Every measured pass is checked: a read must return exactly {@value #EVENTS} events and the
 * end record (the binary reader also recomputes and verifies every event's hash), and a write
 * must produce exactly the bytes {@code setUp} produced, or the benchmark throws.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class TraceFormatBench {
  static final int CYCLES = 100_000;
  static final int EVENTS = 900_008;

  private static final String SCENARIO = """
      program /bin/loop
      text
      main:
        mov   r8, %d
      again:
        fork
        jz    r0, child
        waitpid r0, 0
        sub   r8, 1
        jnz   r8, again
        exit  0
      child:
        exit  0
      end
      run /bin/loop
      """.formatted(CYCLES);

  private TraceHeader header;
  private TraceEnd end;
  private TraceEvent[] events;
  private byte[] binary;
  private byte[] jsonl;
  private final Sink sink = new Sink();

  /** Records the run and encodes it once in each encoding (the reference bytes). */
  @Setup
  public void setUp() throws IOException {
    Scenario s = ScenarioParser.parse("loop.sks", SCENARIO);
    List<TraceEvent> list = new ArrayList<>(EVENTS);
    RunResult r = Kernel.boot(s, KernelOptions.of(OutputStream.nullOutputStream(),
        OutputStream.nullOutputStream()).withSink(list::add)).run();
    if (r.reason() != StopReason.COMPLETED || list.size() != EVENTS) {
      throw new IllegalStateException("the recorded run changed: " + r.reason() + ", "
          + list.size() + " events (expected " + EVENTS + "); update EVENTS");
    }
    events = list.toArray(new TraceEvent[0]);
    header = TraceHeader.of(s, "bench");
    end = TraceEnd.of(r);
    binary = write(true);
    jsonl = write(false);
    System.out.printf("%n# %d events: binary %d bytes (%.2f bytes/event), JSON Lines %d bytes"
        + " (%.1f bytes/event)%n", EVENTS, binary.length, (double) binary.length / EVENTS,
        jsonl.length, (double) jsonl.length / EVENTS);
  }

  private byte[] write(boolean bin) throws IOException {
    sink.reset();
    TraceWriter w = bin ? new BinaryTraceWriter(sink, header) : new JsonlTraceWriter(sink, header);
    for (TraceEvent e : events) {
      w.accept(e);
    }
    w.finish(end);
    return sink.bytes();
  }

  private long read(byte[] bytes, int length, boolean bin, Blackhole bh) throws IOException {
    long n = 0;
    ByteArrayInputStream in = new ByteArrayInputStream(bytes, 0, length);
    try (TraceReader r = bin ? new BinaryTraceReader(in, "bench")
        : new JsonlTraceReader(in, "bench")) {
      for (TraceEvent e = r.next(); e != null; e = r.next()) {
        bh.consume(e);
        n++;
      }
      bh.consume(r.end());
    }
    if (n != EVENTS) {
      throw new IllegalStateException("read " + n + " events, expected " + EVENTS);
    }
    return n;
  }

  private void checkWritten(byte[] reference) {
    if (sink.size() != reference.length) {
      throw new IllegalStateException("wrote " + sink.size() + " bytes, expected "
          + reference.length);
    }
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void binaryWrite() throws IOException {
    write(true);
    checkWritten(binary);
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long binaryRead(Blackhole bh) throws IOException {
    return read(binary, binary.length, true, bh);
  }

  /** The target: a trace written and read back at 5 M events/s or more. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long binaryWriteRead(Blackhole bh) throws IOException {
    write(true);
    checkWritten(binary);
    return read(sink.buffer(), sink.size(), true, bh);
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void jsonlWrite() throws IOException {
    write(false);
    checkWritten(jsonl);
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long jsonlRead(Blackhole bh) throws IOException {
    return read(jsonl, jsonl.length, false, bh);
  }

  /**
   * What the kernel does for each event when tracing is off (no sink): fold it into the run's
   * rolling hash ({@code KernelTrace.emit}: {@link TraceHash#step} on the event's fields, and the
   * text's hash when it has one) — no record is built. Together with ForkCycleBench's time per
   * cycle this gives what "tracing off" costs a run. Checked: the fold must end in the run's
   * hash.
   */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long hashOnly() {
    long h = TraceHash.SEED;
    for (TraceEvent e : events) {
      String t = e.text();
      h = TraceHash.step(h, e.kind(), e.timeNs(), e.cpu(), e.pid(), e.a(), e.b(), e.c(),
          t != null, t != null ? TraceHash.textHash(t) : 0);
    }
    if (h != end.hash()) {
      throw new IllegalStateException("hash " + Long.toHexString(h) + " is not the run's");
    }
    return h;
  }

  /** A growable in-memory output, reused between invocations (no allocation once grown). */
  static final class Sink extends OutputStream {
    private byte[] buf = new byte[1 << 20];
    private int size;

    void reset() {
      size = 0;
    }

    int size() {
      return size;
    }

    byte[] bytes() {
      return Arrays.copyOf(buf, size);
    }

    /** The buffer itself (the first {@link #size()} bytes are written), valid until a write. */
    byte[] buffer() {
      return buf;
    }

    @Override
    public void write(int b) {
      if (size == buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
      buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (size + len > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + len));
      }
      System.arraycopy(b, off, buf, size, len);
      size += len;
    }
  }
}
