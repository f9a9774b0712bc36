package io.simkernel.kernel;

import io.simkernel.api.Constants;
import io.simkernel.api.Errno;
import io.simkernel.api.Signals;
import io.simkernel.kernel.ipc.OpenFile;
import io.simkernel.kernel.mm.AddressSpace;
import io.simkernel.kernel.mm.MemoryFault;
import io.simkernel.kernel.proc.Process;
import io.simkernel.kernel.signal.SignalOps;

/**
 * The memory system calls: {@code mmap munmap mprotect madvise brk} (Linux's results and
 * errors, from the address space) and the simulator's {@code touch addr, len, read|write}, which
 * makes one access per page as user code would — faulting, counting and charging each fault,
 * SIGSEGV on a bad page — so memory experiments need no loops.
 */
final class MemorySyscalls {
  /** {@link #touch}: no frame was free; the process sleeps and the call is executed again. */
  static final long BLOCK = Long.MIN_VALUE;
  /** {@link #touch}: a signal is to be delivered before the call can go on. */
  static final long RESTART = Long.MIN_VALUE + 1;

  private final Kernel k;
  private long cost;

  MemorySyscalls(Kernel k) {
    this.k = k;
  }

  /** Virtual time the last call cost beyond the system-call entry. */
  long cost() {
    return cost;
  }

  /** mmap(NULL, len, prot, flags, fd, offset): anonymous memory, or Linux's error for a file. */
  long mmap(Process p, long len, long prot, long flags, long fd, long offset) {
    cost = 0;
    if ((offset & 4095) != 0) {
      return Errno.EINVAL.negated(); // sys_mmap: the offset must be page-aligned
    }
    if ((flags & Constants.MAP_ANONYMOUS) != 0) {
      return p.mm().mmap(len, prot, flags);
    }
    OpenFile f = p.files().get(fd);
    if (f == null) {
      return Errno.EBADF.negated();
    }
    if (len == 0 || (flags & 3) == 0) {
      return Errno.EINVAL.negated();
    }
    boolean file = f.kind() == OpenFile.Kind.FILE; // access mode as open(2) set it
    boolean readable = file ? (f.flags() & 3) != Constants.O_WRONLY
        : f.kind() == OpenFile.Kind.CONSOLE_IN;
    boolean writable = file ? (f.flags() & 3) != Constants.O_RDONLY : !readable;
    if ((flags & 3) != Constants.MAP_PRIVATE && (prot & Constants.PROT_WRITE) != 0 && !writable) {
      return Errno.EACCES.negated();
    }
    if (!readable) {
      return Errno.EACCES.negated(); // do_mmap: a mapping needs a file open for reading
    }
    // a terminal has no mmap; the in-memory file system does not map files (yet)
    return Errno.ENODEV.negated();
  }

  long munmap(Process p, long addr, long len) {
    cost = 0;
    return p.mm().munmap(addr, len);
  }

  long mprotect(Process p, long addr, long len, long prot) {
    cost = 0;
    return p.mm().mprotect(addr, len, prot);
  }

  long madvise(Process p, long addr, long len, long advice) {
    cost = 0;
    return p.mm().madvise(addr, len, advice);
  }

  /** brk(addr): the heap starts at the image's end (ProgramImage.end, page-aligned). */
  long brk(Process p, long addr) {
    cost = 0;
    return p.mm().brk(addr, p.image().end());
  }

  /**
   * touch addr, len, read|write: one access per page of [addr, addr+len), in order (the first at
   * {@code addr}, the others at their page's start). Returns 0, {@code -EINVAL} for a bad length
   * or mode, {@code -EFAULT} after raising SIGSEGV for a bad page, or {@link #BLOCK} / {@link
   * #RESTART}.
   */
  long touch(Process p, long addr, long len, long mode) {
    cost = 0;
    p.setWakeAt(-1); // the end of an out-of-memory wait (nothing else sleeps in touch)
    if (len < 0 || mode <= 0 || (mode & ~(Constants.PROT_READ | Constants.PROT_WRITE)) != 0) {
      return Errno.EINVAL.negated();
    }
    if (len == 0) {
      return 0;
    }
    boolean write = (mode & Constants.PROT_WRITE) != 0;
    long first = addr & -4096L;
    long last = (addr + len - 1) & -4096L;
    if (addr + len - 1 < addr) {
      last = -4096L;
    }
    for (long page = first; ; page += 4096) {
      long r = access(p, page == first ? addr : page, write);
      if (r != 0) {
        return r;
      }
      cost += k.cost().instructionNs();
      if (page == last) {
        return 0;
      }
    }
  }

  private long access(Process p, long at, boolean write) {
    AddressSpace mm = p.mm();
    while (true) {
      int code = mm.probe(at, write);
      if (code == AddressSpace.PROBE_OK) {
        return 0;
      }
      if (code != MemoryFault.NOT_PRESENT && code != MemoryFault.WRITE_PROTECT) {
        k.signalOps().force(p, Signals.SIGSEGV, code);
        return Errno.EFAULT.negated();
      }
      int kind = mm.fault(at, write);
      if (kind == AddressSpace.OOM) {
        return outOfMemory(p);
      }
      cost += k.memoryFaults().account(p, at, write, kind);
    }
  }

  private long outOfMemory(Process p) {
    if (SignalOps.hasDeliverable(p)) {
      return RESTART;
    }
    Process victim = k.oom().outOfMemory(p);
    if (victim == p) {
      return RESTART; // SIGKILL is pending: delivered before the call could run again
    }
    long until = k.now() + cost + OomKiller.BACKOFF_NS;
    p.setWakeAt(until);
    k.sleepUntil(p, until, "out of memory");
    return BLOCK;
  }
}
