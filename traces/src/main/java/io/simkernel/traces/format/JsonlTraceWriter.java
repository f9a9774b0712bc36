package io.simkernel.traces.format;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.simkernel.api.trace.TraceEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Writes a trace as JSON Lines (see {@code docs/trace-format.md} and the JSON Schema {@code
 * docs/trace-format.schema.json}): the header object, one object per event, the end object, one
 * per line, fields always in the same order — so equal runs give byte-identical files.
 *
 * <p>Event fields: {@code seq}, {@code t} (virtual ns), {@code cpu}, {@code ev} (the tracepoint
 * name), {@code pid}, {@code a}, {@code b}, {@code c}, {@code text} (only when present) and
 * {@code hash} (the rolling hash, 16 hex digits).
 */
public final class JsonlTraceWriter implements TraceWriter {
  private final JsonGenerator json;

  /** Writes to {@code out} (closed by {@link #finish} and {@link #close}); the header at once. */
  public JsonlTraceWriter(OutputStream out, TraceHeader h) throws IOException {
    this.json = JsonRecords.JSON.createGenerator(out, JsonEncoding.UTF8);
    // no separator between root values: each record ends with its own newline
    json.setRootValueSeparator(null);
    JsonRecords.writeHeader(json, h);
    json.writeRaw('\n');
  }

  /** A file writer: the file appears under {@code target} only when finished. */
  public static TraceWriter toFile(Path target, TraceHeader h) throws IOException {
    return new FileTraceWriter(target, out -> new JsonlTraceWriter(out, h));
  }

  @Override
  public void accept(TraceEvent e) {
    try {
      json.writeStartObject();
      json.writeNumberField("seq", e.seq());
      json.writeNumberField("t", e.timeNs());
      json.writeNumberField("cpu", e.cpu());
      json.writeStringField("ev", e.kind().tracepoint());
      json.writeNumberField("pid", e.pid());
      json.writeNumberField("a", e.a());
      json.writeNumberField("b", e.b());
      json.writeNumberField("c", e.c());
      if (e.text() != null) {
        json.writeStringField("text", e.text());
      }
      json.writeStringField("hash", Hex.of(e.hash()));
      json.writeEndObject();
      json.writeRaw('\n');
    } catch (IOException x) {
      throw new UncheckedIOException("writing a trace", x);
    }
  }

  @Override
  public void finish(TraceEnd end) throws IOException {
    JsonRecords.writeEnd(json, end);
    json.writeRaw('\n');
    json.close();
  }

  @Override
  public void close() throws IOException {
    json.close();
  }
}
