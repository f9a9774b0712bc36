package io.simkernel.traces.format;

import io.simkernel.api.trace.TraceEvent;
import io.simkernel.api.trace.TraceHash;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes the compact binary encoding ({@code .sktrace}; layout in {@link BinaryFormat} and
 * {@code docs/trace-format.md}). Per event: a tag byte (kind, "CPU changed", "has text"), the
 * time as a delta from the previous event's, the CPU only when it changed, the PID as a delta
 * from the previous event's, a/b/c as zigzag varints, and the text as a string-table reference.
 * The sequence number is implicit (events are numbered in order) and the rolling hash is not
 * stored: a reader recomputes it ({@link TraceHash}) and checks it against the end record.
 *
 * <p>Because the hash is recomputed, this writer checks every event's hash as it goes: a kernel
 * whose hash function drifted from {@link TraceHash} would otherwise write traces that no reader
 * could verify. Encoding goes into a private buffer, flushed in 64 KiB blocks.
 */
public final class BinaryTraceWriter implements TraceWriter {
  private static final int FLUSH_AT = 1 << 16;

  private final OutputStream out;
  private byte[] buf = new byte[FLUSH_AT + 256];
  private int pos;
  private long count;
  private long lastTime;
  private int lastCpu = -1;
  private int lastPid;
  private long hash = TraceHash.SEED;
  /** Text to index: looked up, never iterated. */
  private final Map<String, Integer> table = new HashMap<>();
  private long[] textHashes = new long[64];
  private String lastText;
  private int lastTextIndex = -1;

  /** Writes to {@code out} (closed by {@link #finish} and {@link #close}); the header at once. */
  public BinaryTraceWriter(OutputStream out, TraceHeader h) throws IOException {
    if (h.version() < BinaryFormat.FIRST_VERSION) {
      throw new IllegalArgumentException("the binary encoding starts at format version "
          + BinaryFormat.FIRST_VERSION);
    }
    this.out = out;
    System.arraycopy(BinaryFormat.MAGIC, 0, buf, 0, BinaryFormat.MAGIC.length);
    pos = BinaryFormat.MAGIC.length;
    varint(h.version());
    record(JsonRecords.headerBytes(h));
  }

  /** A file writer: the file appears under {@code target} only when finished. */
  public static TraceWriter toFile(Path target, TraceHeader h) throws IOException {
    return new FileTraceWriter(target, out -> new BinaryTraceWriter(out, h));
  }

  @Override
  public void accept(TraceEvent e) {
    if (e.seq() != count) {
      throw new IllegalArgumentException("event #" + e.seq() + " out of sequence; expected #"
          + count + " (the binary encoding numbers events implicitly)");
    }
    String text = e.text();
    int tag = e.kind().ordinal() + 1;
    if (e.cpu() != lastCpu) {
      tag |= BinaryFormat.CPU_CHANGED;
    }
    long textHash = 0;
    int ref = 0;
    if (text != null) {
      tag |= BinaryFormat.HAS_TEXT;
      ref = textRef(text);
      textHash = ref > 0 ? textHashes[ref - 1] : TraceHash.textHash(text);
    }
    long h = TraceHash.step(hash, e.kind(), e.timeNs(), e.cpu(), e.pid(), e.a(), e.b(), e.c(),
        text != null, textHash);
    if (h != e.hash()) {
      throw new IllegalStateException("event #" + e.seq() + " carries hash " + Hex.of(e.hash())
          + " but TraceHash gives " + Hex.of(h) + ": the kernel's event hash and the trace"
          + " format's differ, so a binary trace could not be verified");
    }
    hash = h;
    buf[pos++] = (byte) tag;
    varint(BinaryFormat.zigzag(e.timeNs() - lastTime));
    if (e.cpu() != lastCpu) {
      varint(BinaryFormat.zigzag(e.cpu()));
    }
    varint(BinaryFormat.zigzag((long) e.pid() - lastPid));
    varint(BinaryFormat.zigzag(e.a()));
    varint(BinaryFormat.zigzag(e.b()));
    varint(BinaryFormat.zigzag(e.c()));
    if (text != null) {
      varint(ref);
      if (ref == 0) {
        record(text.getBytes(StandardCharsets.UTF_8));
      }
    }
    lastTime = e.timeNs();
    lastCpu = e.cpu();
    lastPid = e.pid();
    count++;
    if (pos >= FLUSH_AT) {
      flushBuffer();
    }
  }

  /**
   * The reference to write for {@code text}: its index + 1 if it is in the table, else 0 (the
   * text follows inline, and joins the table while there is room).
   */
  private int textRef(String text) {
    if (text == lastText) {
      return lastTextIndex + 1; // the kernel passes the same String for a repeated cause
    }
    Integer i = table.get(text);
    if (i == null) {
      if (table.size() < BinaryFormat.TEXT_TABLE_MAX) {
        int n = table.size();
        table.put(text, n);
        if (n == textHashes.length) {
          textHashes = java.util.Arrays.copyOf(textHashes, n * 2);
        }
        textHashes[n] = TraceHash.textHash(text);
        lastText = text;
        lastTextIndex = n;
      }
      return 0;
    }
    lastText = text;
    lastTextIndex = i;
    return i + 1;
  }

  private void varint(long v) {
    while ((v & ~0x7FL) != 0) {
      buf[pos++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[pos++] = (byte) v;
  }

  /** A length-prefixed byte string (the buffer grows for a long one). */
  private void record(byte[] bytes) {
    if (pos + bytes.length + 10 > buf.length) {
      buf = java.util.Arrays.copyOf(buf, pos + bytes.length + FLUSH_AT);
    }
    varint(bytes.length);
    System.arraycopy(bytes, 0, buf, pos, bytes.length);
    pos += bytes.length;
  }

  private void flushBuffer() {
    try {
      out.write(buf, 0, pos);
      pos = 0;
    } catch (IOException x) {
      throw new UncheckedIOException("writing a trace", x);
    }
  }

  @Override
  public void finish(TraceEnd end) throws IOException {
    buf[pos++] = (byte) BinaryFormat.TAG_END;
    record(JsonRecords.endBytes(end));
    out.write(buf, 0, pos);
    pos = 0;
    out.close();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
