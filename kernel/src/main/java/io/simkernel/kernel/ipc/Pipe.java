package io.simkernel.kernel.ipc;

import io.simkernel.kernel.wait.WaitQueue;
import java.util.function.Consumer;

/**
 * A pipe ({@code struct pipe_inode_info}, pipe(7)): a 64 KiB byte buffer, the number of open
 * file descriptions on its read and write ends, and the queues of readers waiting for data and
 * writers waiting for room. When the last description of one end is closed (close, exit,
 * execve with close-on-exec) the other end's sleepers are woken, through the waker the kernel
 * gave at creation, so that a reader sees end-of-file and a writer SIGPIPE/EPIPE.
 */
public final class Pipe {
  /** Capacity in bytes (Linux's default: 16 pages). */
  public static final int CAPACITY = 65536;
  /** Writes of at most this many bytes are atomic (pipe(7) PIPE_BUF). */
  public static final int PIPE_BUF = 4096;

  private final byte[] buf = new byte[CAPACITY];
  private final WaitQueue readWait = new WaitQueue();
  private final WaitQueue writeWait = new WaitQueue();
  private final Consumer<WaitQueue> waker;
  private int head;
  private int count;
  private int readers;
  private int writers;

  private Pipe(Consumer<WaitQueue> waker) {
    this.waker = waker;
  }

  /**
   * pipe(2): a new pipe and its two open file descriptions, {@code [read end, write end]}, not
   * yet installed in any table. {@code waker} wakes every sleeper of a queue.
   */
  public static OpenFile[] create(Consumer<WaitQueue> waker) {
    Pipe p = new Pipe(waker);
    p.readers = 1;
    p.writers = 1;
    return new OpenFile[] {new OpenFile(OpenFile.Kind.PIPE_READ, p),
        new OpenFile(OpenFile.Kind.PIPE_WRITE, p)};
  }

  /** Bytes buffered. */
  public int available() {
    return count;
  }

  /** Room left. */
  public int free() {
    return CAPACITY - count;
  }

  /** Open descriptions of the read end. */
  public int readers() {
    return readers;
  }

  /** Open descriptions of the write end. */
  public int writers() {
    return writers;
  }

  /** Readers sleeping until data arrives or the last writer closes. */
  public WaitQueue readWait() {
    return readWait;
  }

  /** Writers sleeping until room appears or the last reader closes. */
  public WaitQueue writeWait() {
    return writeWait;
  }

  /** Appends {@code n} bytes ({@code n <= free()}). */
  public void put(byte[] b, int off, int n) {
    if (n > free()) {
      throw new IllegalStateException("pipe overflow: " + n + " bytes, " + free() + " free");
    }
    for (int i = 0; i < n; i++) {
      buf[(head + count + i) % CAPACITY] = b[off + i];
    }
    count += n;
  }

  /** The {@code i}th buffered byte, 0..255, without consuming it. */
  public int peek(int i) {
    return buf[(head + i) % CAPACITY] & 0xFF;
  }

  /** Drops the first {@code n} buffered bytes (they were copied to the reader). */
  public void consume(int n) {
    head = (head + n) % CAPACITY;
    count -= n;
  }

  /** The last description of one end was closed: the other side wakes. */
  void endClosed(boolean readEnd) {
    if (readEnd) {
      readers--;
      waker.accept(writeWait);
    } else {
      writers--;
      waker.accept(readWait);
    }
  }
}
