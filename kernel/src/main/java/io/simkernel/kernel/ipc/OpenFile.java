package io.simkernel.kernel.ipc;

import io.simkernel.kernel.fs.Inode;

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
    PIPE_WRITE,
    /** A file of the file system (io.simkernel.kernel.fs), with an offset and access mode. */
    FILE
  }

  private final Kind kind;
  private final Pipe pipe;
  private final Inode inode;
  private final int flags;
  private long offset;
  private int refs;

  public OpenFile(Kind kind) {
    this(kind, null);
  }

  OpenFile(Kind kind, Pipe pipe) {
    this.kind = kind;
    this.pipe = pipe;
    this.inode = null;
    this.flags = 0;
  }

  private OpenFile(Inode inode, int flags) {
    this.kind = Kind.FILE;
    this.pipe = null;
    this.inode = inode;
    this.flags = flags;
    inode.opened(writable());
  }

  /**
   * open(2)'s new description on a file: offset 0, the status flags kept (O_ACCMODE, O_APPEND).
   * Not yet installed in any table.
   */
  public static OpenFile file(Inode inode, int flags) {
    return new OpenFile(inode, flags);
  }

  /** The file behind a {@code FILE} description, else null. */
  public Inode inode() {
    return inode;
  }

  /** The open flags (access mode and O_APPEND) of a {@code FILE} description. */
  public int flags() {
    return flags;
  }

  /** A {@code FILE} description opened O_WRONLY or O_RDWR. */
  public boolean writable() {
    return (flags & 3) != 0;
  }

  /** The file offset, shared by every descriptor of this description (FK-3, dup2). */
  public long offset() {
    return offset;
  }

  public void setOffset(long offset) {
    this.offset = offset;
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

  /** Drops a descriptor's reference; the last one closes the description (a pipe end, a file). */
  void release() {
    refs--;
    if (refs == 0 && pipe != null) {
      pipe.endClosed(kind == Kind.PIPE_READ);
    }
    if (refs == 0 && inode != null) {
      inode.closed(writable()); // an unlinked file goes with its last description (unlink(2))
    }
  }
}
