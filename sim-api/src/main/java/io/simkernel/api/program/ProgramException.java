package io.simkernel.api.program;

/** A program that cannot be built: the message says what was expected, at a source position. */
public final class ProgramException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int line;
  private final int column;

  public ProgramException(int line, int column, String message) {
    super(message);
    this.line = line;
    this.column = column;
  }

  /** 1-based source line, or 0 when the program was built in Java without positions. */
  public int line() {
    return line;
  }

  /** 1-based source column, or 0. */
  public int column() {
    return column;
  }
}
