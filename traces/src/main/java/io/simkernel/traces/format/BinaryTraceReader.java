package io.simkernel.traces.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.simkernel.api.trace.EventKind;
import io.simkernel.api.trace.TraceEvent;
import io.simkernel.api.trace.TraceHash;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the binary encoding ({@link BinaryTraceWriter}'s output) as a stream, recomputing each
 * event's sequence number and rolling hash, and checking the end record against them. Errors
 * name the byte offset of the record at fault: {@code FILE:offset N: error: ...}.
 */
public final class BinaryTraceReader implements TraceReader {
  private static final EventKind[] KINDS = EventKind.values();

  private final String name;
  private final InputStream in;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int lim;
  /** File offset of buf[0]. */
  private long base;
  /** File offset of the record being read, for messages. */
  private long recordStart;
  private final TraceHeader header;
  private final RecordFields fields;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private long count;
  private long lastTime;
  private int lastCpu = -1;
  private int lastPid;
  private long hash = TraceHash.SEED;
  private String[] texts = new String[64];
  private long[] textHashes = new long[64];
  private int textCount;
  private TraceEnd end;

  /** Reads the magic and header at once; {@code name} is how errors name the file. */
  public BinaryTraceReader(InputStream in, String name) throws IOException {
    this.name = name;
    this.in = in;
    this.fields = new RecordFields(msg -> TraceFormatException.at(name, location(), msg));
    for (byte m : BinaryFormat.MAGIC) {
      int b = readByte();
      if (b != (m & 0xFF)) {
        throw b < 0 ? truncated("the file ends inside the magic number")
            : error("not a binary simkernel trace (bad magic number)");
      }
    }
    long version = varint();
    if (version < BinaryFormat.FIRST_VERSION || version > TraceHeader.VERSION) {
      throw error("binary trace format version " + version + " is not one this simkernel reads ("
          + BinaryFormat.FIRST_VERSION + " to " + TraceHeader.VERSION + ")");
    }
    recordStart = offset();
    if (json() != RecordFields.Kind.HEADER) {
      throw error("the first record must be the trace header");
    }
    this.header = fields.header();
    if (header.version() != version) {
      throw error("the header says version " + header.version() + " but the file is version "
          + version);
    }
  }

  @Override
  public TraceHeader header() {
    return header;
  }

  @Override
  public TraceEvent next() throws IOException {
    if (end != null) {
      return null;
    }
    recordStart = offset();
    int tag = readByte();
    if (tag < 0) {
      throw truncated("the file ends after " + count + " events without its end record");
    }
    if (tag == BinaryFormat.TAG_END) {
      readEnd();
      return null;
    }
    int k = (tag & BinaryFormat.KIND_MASK) - 1;
    if ((tag & BinaryFormat.RESERVED) != 0 || k >= KINDS.length) {
      throw error("unknown record tag 0x" + Integer.toHexString(tag));
    }
    long t = lastTime + BinaryFormat.unzigzag(varint());
    long cpu = (tag & BinaryFormat.CPU_CHANGED) != 0 ? BinaryFormat.unzigzag(varint()) : lastCpu;
    long pid = lastPid + BinaryFormat.unzigzag(varint());
    long a = BinaryFormat.unzigzag(varint());
    long b = BinaryFormat.unzigzag(varint());
    long c = BinaryFormat.unzigzag(varint());
    String text = null;
    long textHash = 0;
    if ((tag & BinaryFormat.HAS_TEXT) != 0) {
      int i = text();
      text = texts[i];
      textHash = textHashes[i];
    }
    if (cpu != (int) cpu || pid != (int) pid) {
      throw error("event #" + count + ": " + (cpu != (int) cpu ? "cpu" : "pid") + " out of range");
    }
    EventKind kind = KINDS[k];
    hash = TraceHash.step(hash, kind, t, (int) cpu, (int) pid, a, b, c, text != null, textHash);
    TraceEvent e = new TraceEvent(count, t, (int) cpu, kind, (int) pid, a, b, c, text, hash);
    String bad = RecordFields.checkEvent(e, count, lastTime);
    if (bad != null) {
      throw error(bad);
    }
    count++;
    lastTime = t;
    lastCpu = (int) cpu;
    lastPid = (int) pid;
    return e;
  }

  /**
   * Reads a text reference: an index into the table, or an inline text (which joins the table
   * while it has room, exactly as the writer's does). Returns the text's slot; an inline text
   * beyond the table's bound goes to a scratch slot past its end.
   */
  private int text() throws IOException {
    long ref = varint();
    if (ref > 0) {
      if (ref > textCount) {
        throw error("text reference " + ref + " to an entry not yet defined (" + textCount
            + " defined)");
      }
      return (int) ref - 1;
    }
    String s = decode(bytes(BinaryFormat.TEXT_MAX_BYTES, "a text"));
    int slot = textCount < BinaryFormat.TEXT_TABLE_MAX ? textCount++ : textCount;
    if (slot >= texts.length) {
      texts = Arrays.copyOf(texts, texts.length * 2);
      textHashes = Arrays.copyOf(textHashes, textHashes.length * 2);
    }
    texts[slot] = s;
    textHashes[slot] = TraceHash.textHash(s);
    return slot;
  }

  private String decode(byte[] b) throws TraceFormatException {
    try {
      return utf8.decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException x) {
      throw error("a text is not valid UTF-8");
    }
  }

  private void readEnd() throws IOException {
    if (json() != RecordFields.Kind.END) {
      throw error("the record after tag 0 must be the end record");
    }
    TraceEnd e = fields.end();
    String bad = RecordFields.checkEnd(e, count, hash, lastTime);
    if (bad != null) {
      throw error(bad);
    }
    recordStart = offset();
    if (readByte() >= 0) {
      throw error("data after the end record");
    }
    end = e;
  }

  /** Reads a length-prefixed JSON object into {@link #fields}. */
  private RecordFields.Kind json() throws IOException {
    byte[] b = bytes(BinaryFormat.RECORD_MAX_BYTES, "a header or end record");
    try (JsonParser p = JsonRecords.JSON.createParser(b)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw error("expected a JSON object");
      }
      fields.read(p);
      if (p.nextToken() != null) {
        throw error("data after the JSON object");
      }
    } catch (JsonProcessingException x) {
      throw error("malformed JSON: " + x.getOriginalMessage());
    }
    return fields.kind();
  }

  private byte[] bytes(int max, String what) throws IOException {
    long n = varint();
    if (n < 0 || n > max) {
      throw error(what + " of " + n + " bytes is longer than the limit (" + max + "): corrupt");
    }
    byte[] out = new byte[(int) n];
    int done = 0;
    while (done < n) {
      if (pos == lim && !fill()) {
        throw truncated("the file ends inside " + what);
      }
      int chunk = Math.min(lim - pos, (int) n - done);
      System.arraycopy(buf, pos, out, done, chunk);
      pos += chunk;
      done += chunk;
    }
    return out;
  }

  private long varint() throws IOException {
    if (lim - pos >= 10) { // fast path: the whole varint is in the buffer
      long v = 0;
      for (int shift = 0; shift < 63; shift += 7) {
        byte b = buf[pos++];
        v |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return v;
        }
      }
      return v | lastVarintByte(buf[pos++] & 0xFF);
    }
    long v = 0;
    for (int shift = 0; shift <= 63; shift += 7) {
      int b = readByte();
      if (b < 0) {
        throw truncated("the file ends inside a record");
      }
      if (shift == 63) {
        return v | lastVarintByte(b);
      }
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new AssertionError("unreachable");
  }

  /**
   * The tenth byte of a varint carries only bit 63: anything else would be bits a 64-bit value
   * cannot hold, silently dropped — so a corrupt byte there is an error, not a no-op.
   */
  private long lastVarintByte(int b) throws TraceFormatException {
    if (b > 1) {
      throw error("a varint does not fit in 64 bits (tenth byte 0x" + Integer.toHexString(b)
          + ")");
    }
    return (long) b << 63;
  }

  private int readByte() throws IOException {
    if (pos == lim && !fill()) {
      return -1;
    }
    return buf[pos++] & 0xFF;
  }

  private boolean fill() throws IOException {
    base += lim;
    pos = 0;
    lim = 0;
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      return false;
    }
    lim = n;
    return true;
  }

  private long offset() {
    return base + pos;
  }

  private TraceFormatException error(String what) {
    return TraceFormatException.at(name, location(), what);
  }

  private TraceFormatException truncated(String what) {
    return TraceFormatException.truncated(name, location(), what);
  }

  @Override
  public TraceEnd end() {
    if (end == null) {
      throw new IllegalStateException("the end record has not been read yet");
    }
    return end;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String location() {
    return "offset " + recordStart;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
