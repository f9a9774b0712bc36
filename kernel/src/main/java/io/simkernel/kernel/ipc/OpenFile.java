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
    CONSOLE_ERR
  }

  private final Kind kind;
  private int refs;

  public OpenFile(Kind kind) {
    this.kind = kind;
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

  void release() {
    refs--;
  }
}
