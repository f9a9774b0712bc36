package io.simkernel.api.mp;

import java.time.Duration;

/** {@code multiprocessing.Lock()}: a kernel semaphore of value 1 (B27), shared by the children. */
public final class Lock {
  private final MpContext ctx;
  private final long handle;

  Lock(MpContext ctx, long handle) {
    this.ctx = ctx;
    this.handle = handle;
  }

  long handle() {
    return handle;
  }

  /** {@code acquire()}: sleeps (virtual time passes) until the lock is free. */
  public boolean acquire() {
    return ctx.call("lock.acquire()", "mp.acquire " + handle, "r0") == 1;
  }

  /** {@code acquire(timeout=t)}: false when the timeout ran out (EXP-37). */
  public boolean acquire(Duration timeout) {
    return ctx.call("lock.acquire(timeout)", "mp.acquire " + handle + ", " + timeout.toNanos()
        + "ns", "r0") == 1;
  }

  /** {@code release()}; ValueError when not locked. */
  public void release() {
    ctx.call("lock.release()", "mp.release " + handle, null);
  }
}
