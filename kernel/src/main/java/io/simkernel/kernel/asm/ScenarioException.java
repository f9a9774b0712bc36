package io.simkernel.kernel.asm;

/**
 * A scenario file that cannot be parsed or assembled: one error, at a 1-based line and column, in
 * the form compilers use ({@code FILE:LINE:COL: error: MESSAGE}) so that editors and terminals can
 * jump to it. The message says what is wrong and, whenever it can, what was expected. The CLI
 * prints {@link #format()} and exits with status 125; it never prints a stack trace for this
 * exception.
 */
public final class ScenarioException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;

  public ScenarioException(String file, int line, int column, String message) {
    super(message);
    this.file = file;
    this.line = line;
    this.column = column;
  }

  /** The file name as given to the parser. */
  public String file() {
    return file;
  }

  /** 1-based line of the offending token. */
  public int line() {
    return line;
  }

  /** 1-based column of the offending token. */
  public int column() {
    return column;
  }

  /** The message alone, without the position. */
  public String message() {
    return getMessage();
  }

  /** Exactly {@code FILE:LINE:COL: error: MESSAGE}. */
  public String format() {
    return file + ":" + line + ":" + column + ": error: " + getMessage();
  }

  @Override
  public String toString() {
    return format();
  }
}
