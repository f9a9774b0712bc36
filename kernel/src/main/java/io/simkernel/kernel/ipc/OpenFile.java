package io.simkernel.kernel.ipc;

/**
 * An open file description ({@code struct file}): what a descriptor refers to, its flags and
 * offset, shared by every descriptor duplicated from it or inherited over fork.
 */
public final class OpenFile {
  /** What the description is open on. */
  public enum Kind {
    /** The terminal, read side (reads give end-of-file: scenarios have no keyboard). */
    CONSOLE_IN,
    /** The terminal, written as the console's stream 1. */
    CONSOLE_OUT,
    /** The terminal, written as the console's stream 2. */
    CONSOLE_ERR,
    /** The read end of a pipe. */
    PIPE_READ,
    /** The write end of a pipe. */
    PIPE_WRITE
  }

  private final Kind kind;
  private final Pipe pipe;
  private int refs;

  public OpenFile(Kind kind) {
    this(kind, null);
  }

  OpenFile(Kind kind, Pipe pipe) {
    this.kind = kind;
    this.pipe = pipe;
  }

  /** The pipe behind a {@code PIPE_READ} or {@code PIPE_WRITE} description, else null. */
  public Pipe pipe() {
    return pipe;
  }

  public Kind kind() {
    return kind;
  }

  public int refs() {
    return refs;
  }

  void retain() {
    refs++;
  }

  /** Drops a descriptor's reference; the last one closes the description (a pipe end). */
  void release() {
    refs--;
    if (refs == 0 && pipe != null) {
      pipe.endClosed(kind == Kind.PIPE_READ);
    }
  }
}
