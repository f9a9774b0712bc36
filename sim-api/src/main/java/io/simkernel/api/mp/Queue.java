package io.simkernel.api.mp;

/** {@code multiprocessing.Queue()} of integers (B31). */
public final class Queue {
  private final MpContext ctx;
  private final long handle;

  Queue(MpContext ctx, long handle) {
    this.ctx = ctx;
    this.handle = handle;
  }

  long handle() {
    return handle;
  }

  /** {@code put(item)}: into the caller's buffer, moved to the queue by its feeder (B31). */
  public void put(long item) {
    ctx.call("queue.put()", "mp.put " + handle + ", " + item, null);
  }

  /** {@code get()}: sleeps (virtual time passes) while the queue is empty. */
  public long get() {
    return ctx.call("queue.get()", "mp.get r8, " + handle, "r8");
  }
}
