package io.simkernel.kernel.ipc;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The terminal: the bytes processes write to it go, unchanged and in virtual-time order, to the
 * host streams given at boot (the CLI's stdout and stderr). Counts bytes for the report.
 */
public final class Console {
  private final OutputStream out;
  private final OutputStream err;
  private long outBytes;
  private long errBytes;

  public Console(OutputStream out, OutputStream err) {
    this.out = out;
    this.err = err;
  }

  /** Writes to the console's output (stream 1) or error (stream 2) side. */
  public void write(int stream, byte[] b, int off, int len) {
    try {
      if (stream == 2) {
        err.write(b, off, len);
        errBytes += len;
      } else {
        out.write(b, off, len);
        outBytes += len;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing the simulated console", e);
    }
  }

  public void flush() {
    try {
      out.flush();
      err.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("flushing the simulated console", e);
    }
  }

  public long outBytes() {
    return outBytes;
  }

  public long errBytes() {
    return errBytes;
  }
}
