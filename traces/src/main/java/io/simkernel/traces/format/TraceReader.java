package io.simkernel.traces.format;

import io.simkernel.api.trace.TraceEvent;
import java.io.Closeable;
import java.io.IOException;

/**
 * Reads a trace in order: the {@link #header()} (read when the reader is opened), then events
 * from {@link #next()} until it returns null, then the {@link #end()} record. Streaming: a reader
 * holds one event at a time, so a trace of any length can be replayed or exported.
 *
 * <p>Every problem is a {@link TraceFormatException} naming the file and the line (or byte
 * offset): malformed records, events out of sequence, an end record that disagrees with the
 * events, data after the end record, and — {@link TraceFormatException#isTruncated()} — a file
 * that stops before its end record.
 */
public interface TraceReader extends Closeable {

  TraceHeader header();

  /** The next event, or null once the end record has been read. */
  TraceEvent next() throws IOException;

  /** The end record; only after {@link #next()} has returned null. */
  TraceEnd end();

  /** The file name, as error messages show it. */
  String name();

  /** Where the reader is, as error messages show it ("12", "offset 345"). */
  String location();
}
