package io.simkernel.kernel.proc;

/**
 * PID numbers, allocated as Linux's {@code alloc_pid} does (kernel/pid.c, an IDR allocated
 * cyclically): the lowest free number above the last one handed out, wrapping to 300
 * ({@code RESERVED_PIDS}) once the cursor has passed it (posix-semantics PID-3, PID-4); a number
 * stays taken while any process, process group or session uses it (PID-5); EAGAIN when nothing is
 * free (PID-6, reported by the caller). A bitmap finds the next free number a word at a time.
 */
public final class PidAllocator {
  /** {@code RESERVED_PIDS} in include/linux/pid.h. */
  public static final int RESERVED_PIDS = 300;

  private final int pidMax;
  private final long[] inUse;
  private final int[] refs;
  private int last;

  /** Usable PIDs are 1..pidMax-1 (PID-2). */
  public PidAllocator(int pidMax) {
    if (pidMax < RESERVED_PIDS + 1 || pidMax > 4_194_304) {
      throw new IllegalArgumentException("pid_max must be 301..4194304, got " + pidMax);
    }
    this.pidMax = pidMax;
    this.inUse = new long[(pidMax + 63) >>> 6];
    this.refs = new int[pidMax];
    inUse[0] |= 1; // 0 is the idle task's, never allocated (PID-1)
  }

  public int pidMax() {
    return pidMax;
  }

  /** The most recently allocated PID. */
  public int last() {
    return last;
  }

  /** Allocates a PID with one reference, or returns -1 when none is free (PID-6). */
  public int allocate() {
    int cursor = last + 1;
    int min = cursor > RESERVED_PIDS ? RESERVED_PIDS : 1;
    int pid = nextFree(Math.max(cursor, min), pidMax);
    if (pid < 0) {
      pid = nextFree(min, Math.min(cursor, pidMax));
    }
    if (pid < 0) {
      return -1;
    }
    inUse[pid >>> 6] |= 1L << pid;
    refs[pid] = 1;
    last = pid;
    return pid;
  }

  private int nextFree(int from, int to) {
    for (int i = from; i < to; ) {
      long free = ~inUse[i >>> 6] & (-1L << i);
      if (free != 0) {
        int p = ((i >>> 6) << 6) + Long.numberOfTrailingZeros(free);
        return p < to ? p : -1;
      }
      i = ((i >>> 6) + 1) << 6;
    }
    return -1;
  }

  /** Another user of the number (a process group or session named by it). */
  public void retain(int pid) {
    if (refs[pid] <= 0) {
      throw new IllegalStateException("pid " + pid + " is not allocated");
    }
    refs[pid]++;
  }

  /** One user fewer; the number becomes free with the last one (PID-5). */
  public void release(int pid) {
    if (refs[pid] <= 0) {
      throw new IllegalStateException("pid " + pid + " released more often than taken");
    }
    if (--refs[pid] == 0) {
      inUse[pid >>> 6] &= ~(1L << pid);
    }
  }

  public boolean isAllocated(int pid) {
    return pid > 0 && pid < pidMax && refs[pid] > 0;
  }

  /** Users of a number: 0 when free. */
  public int references(int pid) {
    return pid > 0 && pid < pidMax ? refs[pid] : 0;
  }
}
