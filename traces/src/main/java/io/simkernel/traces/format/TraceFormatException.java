package io.simkernel.traces.format;

import java.io.IOException;

/**
 * A trace file that cannot be read: malformed, truncated, or of an unknown format or version.
 * {@link #getMessage()} is the one line a user sees: {@code FILE:LINE: error: ...} for JSON
 * Lines, {@code FILE:offset N: error: ...} for the binary encoding (which has no lines).
 */
public final class TraceFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final boolean truncated;

  private TraceFormatException(String message, boolean truncated) {
    super(message);
    this.truncated = truncated;
  }

  /** An error at {@code location} ("12" for a line, "offset 345" for a byte offset). */
  public static TraceFormatException at(String file, String location, String what) {
    return new TraceFormatException(file + ":" + location + ": error: " + what, false);
  }

  /** The file ends before its end record. */
  public static TraceFormatException truncated(String file, String location, String what) {
    return new TraceFormatException(file + ":" + location + ": error: truncated trace: " + what,
        true);
  }

  /** Whether the file was cut short (its end record is missing), rather than malformed. */
  public boolean isTruncated() {
    return truncated;
  }

  /** No stack trace: this is a user's bad input, reported in one line. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
