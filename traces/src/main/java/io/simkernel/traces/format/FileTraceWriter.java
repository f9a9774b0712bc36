package io.simkernel.traces.format;

import io.simkernel.api.trace.TraceEvent;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Puts a stream writer's output in a file atomically: it writes beside the target (a hidden
 * {@code .NAME.*.partial} file in the same directory, so the final rename stays on one file
 * system) and renames it over the target only on {@link #finish}. A run that dies half way
 * leaves no file that looks like a trace; {@link #close()} without finish deletes the partial.
 */
final class FileTraceWriter implements TraceWriter {
  /** Makes the stream writer once the partial file is open. */
  interface Encoder {
    TraceWriter open(OutputStream out) throws IOException;
  }

  private final Path target;
  private final Path partial;
  private final OutputStream stream;
  private final TraceWriter inner;
  private boolean finished;

  FileTraceWriter(Path target, Encoder encoder) throws IOException {
    this.target = target;
    this.partial = TraceFiles.createPartial(target);
    OutputStream s = null;
    TraceWriter w;
    try {
      s = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16);
      w = encoder.open(s);
    } catch (IOException | RuntimeException e) {
      if (s != null) {
        s.close();
      }
      Files.deleteIfExists(partial);
      throw e;
    }
    this.stream = s;
    this.inner = w;
  }

  @Override
  public void accept(TraceEvent event) {
    inner.accept(event);
  }

  @Override
  public void finish(TraceEnd end) throws IOException {
    inner.finish(end);
    stream.close();
    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    finished = true;
  }

  @Override
  public void close() throws IOException {
    if (!finished) {
      try {
        inner.close();
        stream.close();
      } finally {
        Files.deleteIfExists(partial);
      }
    }
  }
}
