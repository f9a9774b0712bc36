package io.simkernel.traces.format;

import io.simkernel.api.run.RunResult;
import io.simkernel.api.trace.TraceSink;
import java.io.IOException;

/**
 * Writes a trace: the header when created, each event as the kernel emits it ({@link
 * #accept}), and the end record on {@link #finish}. An I/O error while accepting an event is
 * thrown as an {@link java.io.UncheckedIOException} (the kernel's sink cannot throw checked ones).
 *
 * <p>{@link #close()} without {@link #finish} abandons the trace: a file-backed writer deletes
 * its partial file, so nothing half-written is ever left under the trace's name.
 */
public interface TraceWriter extends TraceSink, AutoCloseable {

  /** Writes the end record and completes the trace (a file appears under its name). */
  void finish(TraceEnd end) throws IOException;

  default void finish(RunResult r) throws IOException {
    finish(TraceEnd.of(r));
  }

  @Override
  void close() throws IOException;
}
