package io.simkernel.traces.strace;

/**
 * A log (or a ground-truth file) that cannot be read: exactly one error, at a 1-based line, in
 * the form compilers use — {@code FILE:LINE: error: WHAT; expected WHAT} — so that editors and
 * terminals jump to it (DESIGN.md rule 5: bad input never crashes and never lies). The command
 * line prints {@link #format()} and exits with status 125, never a stack trace.
 */
public final class StraceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;

  /** {@code what} says what is wrong, {@code expected} what would have been right. */
  public StraceException(String file, int line, String what, String expected) {
    super(what + "; expected " + expected);
    this.file = file;
    this.line = line;
  }

  /** The file name as given to the reader. */
  public String file() {
    return file;
  }

  /** 1-based line of the offending text. */
  public int line() {
    return line;
  }

  /** Exactly {@code FILE:LINE: error: MESSAGE}. */
  public String format() {
    return file + ":" + line + ": error: " + getMessage();
  }

  @Override
  public String toString() {
    return format();
  }
}
