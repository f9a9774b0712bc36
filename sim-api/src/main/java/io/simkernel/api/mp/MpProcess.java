package io.simkernel.api.mp;

import java.time.Duration;

/**
 * {@code multiprocessing.Process}, created by {@link MpContext#process}. Every method is the
 * Python call made by the simulated main process at that point of its program; calls that block
 * in Python ({@code join}) let virtual time pass until they return.
 */
public final class MpProcess {
  private final MpContext ctx;
  private final long handle;

  MpProcess(MpContext ctx, long handle) {
    this.ctx = ctx;
    this.handle = handle;
  }

  /** {@code p.daemon = on}; AssertionError after start (EXP-19). */
  public MpProcess daemon(boolean on) {
    ctx.call("p.daemon = " + on, "mp.daemon " + handle + ", " + (on ? 1 : 0), null);
    return this;
  }

  /** {@code p.daemon}. */
  public boolean daemon() {
    return ctx.call("p.daemon", "mp.is_daemon r8, " + handle, "r8") == 1;
  }

  /** {@code p.start()}. */
  public MpProcess start() {
    ctx.call("p.start()", "mp.start " + handle, null);
    return this;
  }

  /** {@code p.join()}: until the child ends. */
  public void join() {
    ctx.call("p.join()", "mp.join " + handle, null);
  }

  /** {@code p.join(timeout)}: returns at the timeout even if the child still runs (EXP-26). */
  public void join(Duration timeout) {
    ctx.call("p.join(timeout)", "mp.join " + handle + ", " + timeout.toNanos() + "ns", null);
  }

  /** {@code p.is_alive()} (reaps a finished child, B14). */
  public boolean isAlive() {
    return ctx.call("p.is_alive()", "mp.is_alive r8, " + handle, "r8") == 1;
  }

  /** {@code p.exitcode}: null for None (still running or not started), -N for signal N. */
  public Integer exitcode() {
    Long v = ctx.query("p.exitcode", "mp.exitcode r8, " + handle);
    return v == null ? null : v.intValue();
  }

  /** {@code p.pid}: null before start. */
  public Integer pid() {
    Long v = ctx.query("p.pid", "mp.pid r8, " + handle);
    return v == null ? null : v.intValue();
  }

  /** {@code p.name}, e.g. {@code Process-1} (B8). */
  public String name() {
    return ctx.queryName("p.name", "mp.name r8, " + handle);
  }

  /** {@code p.terminate()}: SIGTERM, effective when the child next runs (B16, E2). */
  public void terminate() {
    ctx.call("p.terminate()", "mp.terminate " + handle, null);
  }

  /** {@code p.kill()}: SIGKILL. */
  public void kill() {
    ctx.call("p.kill()", "mp.kill " + handle, null);
  }

  /** {@code p.close()}; ValueError while running (B18). */
  public void close() {
    ctx.call("p.close()", "mp.close " + handle, null);
  }
}
