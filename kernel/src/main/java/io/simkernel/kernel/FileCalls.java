package io.simkernel.kernel;

import io.simkernel.api.Constants;
import io.simkernel.api.Errno;
import io.simkernel.api.scenario.FileEntry;
import io.simkernel.api.trace.EventKind;
import io.simkernel.kernel.fs.FileSystem;
import io.simkernel.kernel.fs.Inode;
import io.simkernel.kernel.ipc.FdTable;
import io.simkernel.kernel.ipc.OpenFile;
import io.simkernel.kernel.mm.MemoryFault;
import io.simkernel.kernel.proc.Process;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The file system calls on regular files and directories (open, read, write, unlink; close
 * and dup2 are the descriptor table's): fs/open.c {@code do_sys_open}, fs/read_write.c
 * {@code vfs_read}/{@code vfs_write}, fs/namei.c {@code do_unlinkat}. Results follow the raw
 * Linux convention (a value or {@code -errno}); each call adds its cost to {@link #cost()}.
 */
final class FileCalls {
  /** RLIMIT_NOFILE's default soft limit: descriptors are below it. */
  static final int MAX_FDS = 1024;
  /** Every process's file-creation mask (the usual default; there is no umask call). */
  static final int UMASK = 022;
  /** A single read or write moves at most this many bytes (Linux: MAX_RW_COUNT, smaller). */
  static final int MAX_RW = 1 << 20;
  private static final int O_ACCMODE = 3;

  private final Kernel k;
  private long cost;

  FileCalls(Kernel k) {
    this.k = k;
  }

  /** Virtual time the last call cost beyond the system-call entry. */
  long cost() {
    return cost;
  }

  /** Places the scenario's {@code file} and {@code dir} lines in the file system at boot. */
  static void populate(FileSystem fs, List<FileEntry> files) {
    for (FileEntry f : files) {
      if (f.directory()) {
        fs.installDir(f.path(), f.mode(), f.uid());
      } else {
        fs.installFile(f.path(), f.contents().getBytes(StandardCharsets.UTF_8), f.mode(),
            f.uid());
      }
    }
  }

  /**
   * open(path, flags, mode): the lowest free descriptor, or -EMFILE, -EINVAL (access mode 3),
   * the path's errors, -EEXIST (O_CREAT|O_EXCL on an existing file), -EISDIR (a directory
   * opened for writing or with O_CREAT), -EACCES (permission bits against the process's uid;
   * creating needs write and search on the directory). A new file gets {@code mode & ~022} and
   * the caller as owner; O_TRUNC empties an existing regular file.
   */
  long open(Process p, String path, long flags, long mode) {
    cost = 0;
    if (path == null) {
      return Errno.EFAULT.negated();
    }
    FdTable t = p.files();
    int fd = t.lowestFree(-1);
    if (fd >= MAX_FDS) {
      return Errno.EMFILE.negated(); // get_unused_fd_flags comes first
    }
    int acc = (int) (flags & O_ACCMODE);
    if (acc == O_ACCMODE) {
      return Errno.EINVAL.negated();
    }
    FileSystem fs = k.fs();
    Inode[] found = new Inode[2];
    String[] last = new String[1];
    long r = fs.resolve(path, p.uid(), found, last);
    boolean creat = (flags & Constants.O_CREAT) != 0;
    if (r == Errno.ENOENT.negated() && creat && found[1] != null) {
      if (path.endsWith("/")) {
        return Errno.EISDIR.negated();
      }
      r = fs.create(found[1], last[0], (int) (mode & 07777 & ~UMASK), p.uid(), found);
      if (r < 0) {
        return r;
      }
    } else if (r < 0) {
      return r;
    } else {
      r = checkExisting(p, found[0], flags, acc);
      if (r < 0) {
        return r;
      }
    }
    OpenFile f = OpenFile.file(found[0], (int) (flags & (O_ACCMODE | Constants.O_APPEND)));
    t.install(fd, f, (flags & Constants.O_CLOEXEC) != 0);
    return fd;
  }

  /** may_open and O_TRUNC for a file that exists. */
  private static long checkExisting(Process p, Inode f, long flags, int acc) {
    if ((flags & Constants.O_CREAT) != 0 && (flags & Constants.O_EXCL) != 0) {
      return Errno.EEXIST.negated();
    }
    if (f.isDir() && (acc != Constants.O_RDONLY || (flags & Constants.O_CREAT) != 0)) {
      return Errno.EISDIR.negated();
    }
    int mask = acc == Constants.O_RDONLY ? FileSystem.MAY_READ
        : acc == Constants.O_WRONLY ? FileSystem.MAY_WRITE
        : FileSystem.MAY_READ | FileSystem.MAY_WRITE;
    if ((flags & Constants.O_TRUNC) != 0) {
      mask |= FileSystem.MAY_WRITE; // build_open_flags: O_TRUNC needs write permission
    }
    long r = FileSystem.permission(f, p.uid(), mask);
    if (r < 0) {
      return r;
    }
    if ((flags & Constants.O_TRUNC) != 0 && !f.isDir()) {
      f.truncate();
    }
    return 0;
  }

  /**
   * write(2) on a file: -EBADF unless open for writing; with O_APPEND the offset moves to the end
   * first, in the same step as the write (one event: no other process runs in between, as the
   * inode lock makes it on Linux); the shared offset advances by what was written.
   */
  long write(Process p, long fd, OpenFile f, byte[] b, int len) {
    cost = 0;
    int acc = f.flags() & O_ACCMODE;
    if (acc == Constants.O_RDONLY) {
      return Errno.EBADF.negated();
    }
    Inode inode = f.inode();
    long at = (f.flags() & Constants.O_APPEND) != 0 ? inode.size() : f.offset();
    int n = Math.min(len, MAX_RW);
    if (at + n > Integer.MAX_VALUE - 8) {
      return Errno.EFBIG.negated();
    }
    inode.write(at, b, n);
    f.setOffset(at + n);
    cost = k.cost().printPerByteNs() * n;
    k.trace().emit(EventKind.WRITE, p.pid(), fd, n, KernelTrace.bytesHash(b, 0, n));
    return n;
  }

  /**
   * read(2) on a file: -EBADF unless open for reading, -EISDIR on a directory; up to {@code len}
   * bytes from the shared offset (0 at end of file) copied to {@code addr} as copy_to_user does
   * (-EFAULT when nothing could be stored); the offset advances by what was copied.
   */
  long read(Process p, OpenFile f, long addr, long len) {
    cost = 0;
    if ((f.flags() & O_ACCMODE) == Constants.O_WRONLY) {
      return Errno.EBADF.negated();
    }
    Inode inode = f.inode();
    if (inode.isDir()) {
      return Errno.EISDIR.negated();
    }
    if (len < 0) {
      return Errno.EFAULT.negated();
    }
    byte[] buf = new byte[(int) Math.min(len, MAX_RW)];
    int n = inode.read(f.offset(), buf, buf.length);
    if (n == 0) {
      return 0;
    }
    int copied = 0;
    p.mm().permitShared(true);
    try {
      for (; copied < n; copied++) {
        p.mm().kernelStoreByte(addr + copied, buf[copied]);
      }
    } catch (MemoryFault e) {
      // copy_to_user stopped short
    } finally {
      p.mm().permitShared(false);
    }
    if (copied == 0) {
      return Errno.EFAULT.negated();
    }
    f.setOffset(f.offset() + copied);
    cost = k.cost().printPerByteNs() * copied;
    return copied;
  }

  /** unlink(path): the name goes; an open file lives on until its last close. */
  long unlink(Process p, String path) {
    cost = 0;
    return path == null ? Errno.EFAULT.negated() : k.fs().unlink(path, p.uid());
  }
}
