package io.simkernel.traces;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.simkernel.api.run.RunResult;
import io.simkernel.api.scenario.Scenario;
import io.simkernel.api.trace.TraceEvent;
import io.simkernel.api.trace.TraceSink;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a run's events as JSON Lines (format {@code simkernel-trace}, version 1): a header, one
 * object per event, an end record. Field names: {@code seq}, {@code t} (virtual ns), {@code cpu},
 * {@code ev} (the tracepoint name), {@code pid}, {@code a}, {@code b}, {@code c}, {@code text}
 * (when present) and {@code hash} (the rolling hash, 16 hex digits).
 */
public final class JsonlTraceWriter implements TraceSink, AutoCloseable {
  /** Version of the line format; bumped on any incompatible change. */
  public static final int FORMAT_VERSION = 1;

  private final Path target;
  private final Path partial;
  private final OutputStream stream;
  private final JsonGenerator json;
  private boolean finished;

  /** Opens {@code target} for writing; the header is written at once. */
  public JsonlTraceWriter(Path target, Scenario scenario, String simulatorVersion) throws IOException {
    this.target = target;
    Path dir = target.toAbsolutePath().getParent();
    this.partial = Files.createTempFile(dir, "." + target.getFileName() + ".", ".partial");
    this.stream = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16);
    this.json = new JsonFactory().createGenerator(stream, JsonEncoding.UTF8);
    json.setRootValueSeparator(null);
    json.writeStartObject();
    json.writeStringField("format", "simkernel-trace");
    json.writeNumberField("version", FORMAT_VERSION);
    json.writeStringField("simulator", simulatorVersion);
    json.writeStringField("scenario", scenario.sourceName());
    json.writeStringField("scenario_sha256", scenario.sourceHash());
    json.writeNumberField("seed", scenario.config().seed());
    json.writeStringField("config", scenario.config().describe());
    json.writeEndObject();
    newline();
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
      json.writeStringField("hash", String.format("%016x", e.hash()));
      json.writeEndObject();
      newline();
    } catch (IOException x) {
      throw new UncheckedIOException("writing trace " + target, x);
    }
  }

  /** Writes the end record, saying why the run ended, and publishes the file under its name. */
  public void finish(RunResult r) throws IOException {
    json.writeStartObject();
    json.writeStringField("end", r.reason().name().toLowerCase(java.util.Locale.ROOT));
    json.writeStringField("detail", r.detail());
    json.writeNumberField("events", r.events());
    json.writeNumberField("t", r.virtualNs());
    json.writeStringField("hash", String.format("%016x", r.eventHash()));
    json.writeNumberField("main_status", r.mainStatus());
    json.writeEndObject();
    newline();
    json.close();
    stream.close();
    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    finished = true;
  }

  private void newline() throws IOException {
    json.flush();
    stream.write('\n');
  }

  /** Without {@link #finish}, discards the partial file: nothing half-written is left. */
  @Override
  public void close() throws IOException {
    if (!finished) {
      json.close();
      stream.close();
      Files.deleteIfExists(partial);
    }
  }
}
