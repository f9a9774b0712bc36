package io.simkernel.kernel.ipc;

import io.simkernel.api.Errno;
import java.util.Arrays;

/**
 * A process's file descriptor table ({@code struct files_struct}): slots pointing at shared
 * {@link OpenFile}s, each with its close-on-exec flag. The lowest free slot is used first, as
 * POSIX requires of {@code open} and {@code dup}.
 */
public final class FdTable {
  private OpenFile[] slots;
  private boolean[] cloexec;

  public FdTable() {
    this(new OpenFile[8], new boolean[8]);
  }

  private FdTable(OpenFile[] slots, boolean[] cloexec) {
    this.slots = slots;
    this.cloexec = cloexec;
  }

  /** A table with the terminal on 0, 1 and 2, as init hands to the programs it starts. */
  public static FdTable withConsole() {
    FdTable t = new FdTable();
    t.install(0, new OpenFile(OpenFile.Kind.CONSOLE_IN), false);
    t.install(1, new OpenFile(OpenFile.Kind.CONSOLE_OUT), false);
    t.install(2, new OpenFile(OpenFile.Kind.CONSOLE_ERR), false);
    return t;
  }

  /** The child's table at fork: the same descriptions, shared (FK-3). */
  public FdTable forkCopy() {
    FdTable c = new FdTable(slots.clone(), cloexec.clone());
    for (OpenFile f : c.slots) {
      if (f != null) {
        f.retain();
      }
    }
    return c;
  }

  /** The description behind a descriptor, or null when it is not open. */
  public OpenFile get(long fd) {
    return fd >= 0 && fd < slots.length ? slots[(int) fd] : null;
  }

  public void install(int fd, OpenFile f, boolean closeOnExec) {
    if (fd >= slots.length) {
      slots = Arrays.copyOf(slots, Math.max(fd + 1, slots.length * 2));
      cloexec = Arrays.copyOf(cloexec, slots.length);
    }
    f.retain(); // first: replacing a slot by its own description must not close it
    OpenFile old = slots[fd];
    slots[fd] = f;
    if (old != null) {
      old.release();
    }
    cloexec[fd] = closeOnExec;
  }

  /** close(2): 0 or -EBADF. */
  public long close(long fd) {
    OpenFile f = get(fd);
    if (f == null) {
      return Errno.EBADF.negated();
    }
    f.release();
    slots[(int) fd] = null;
    cloexec[(int) fd] = false;
    return 0;
  }

  /** Closes every descriptor (exit). */
  public void closeAll() {
    for (int fd = 0; fd < slots.length; fd++) {
      if (slots[fd] != null) {
        close(fd);
      }
    }
  }

  /** Closes the close-on-exec descriptors (execve). */
  public void closeOnExec() {
    for (int fd = 0; fd < slots.length; fd++) {
      if (slots[fd] != null && cloexec[fd]) {
        close(fd);
      }
    }
  }

  /** The lowest descriptor number that is not open and is not {@code except}. */
  public int lowestFree(int except) {
    int fd = 0;
    while (fd == except || get(fd) != null) {
      fd++;
    }
    return fd;
  }

  /** One past the highest descriptor slot (open or not), for walking the table. */
  public int capacity() {
    return slots.length;
  }

  /** Number of open descriptors. */
  public int openCount() {
    int n = 0;
    for (OpenFile f : slots) {
      if (f != null) {
        n++;
      }
    }
    return n;
  }
}
