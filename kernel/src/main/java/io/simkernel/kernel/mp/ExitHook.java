package io.simkernel.kernel.mp;

import io.simkernel.api.Signals;
import io.simkernel.api.WaitStatus;
import io.simkernel.kernel.proc.Process;

/**
 * Interpreter exit as CPython does it (B19, B20, B11): the atexit handlers, last registered
 * first (none in a 3.11 fork child, EXP-47), then multiprocessing's {@code _exit_function}: the
 * queues' feeder threads flush (B31), every still-active daemonic child gets {@code terminate()}
 * without waiting, then every still-active child is joined; then the process exits. Children are
 * visited in start order (Python's set order is unspecified, E7; EXP-38 saw Process-1 first).
 *
 * <p>Only a normal exit runs it — returning from main or a target, {@code mp.exit}, an uncaught
 * error. The raw {@code exit} call ({@code os._exit}) and death by a signal skip it, so daemons
 * then survive as orphans (B20, EXP-41, EXP-42). A daemon that survives SIGTERM makes the join
 * hang, as in EXP-40.
 */
final class ExitHook {
  private final MpRuntime rt;
  private final ProcessOps ops;

  ExitHook(MpRuntime rt) {
    this.rt = rt;
    this.ops = new ProcessOps(rt);
  }

  /** Starts the exit with {@code code}; a second start (a restarted mp.exit) just continues. */
  int begin(int code) {
    MpState s = rt.s;
    s.busy = true;
    if (s.hookStage == MpState.HOOK_NONE) {
      s.hookStage = MpState.HOOK_ATEXIT;
      s.hookCode = code;
      s.hookAtexitLeft = s.forkChild ? 0 : s.atexit.size();
    }
    return resume();
  }

  /** Runs the exit from where it stopped (a handler returned, or a join woke). */
  int resume() {
    MpState s = rt.s;
    Process p = rt.p;
    if (s.hookStage == MpState.HOOK_ATEXIT) {
      if (s.hookAtexitLeft > 0) {
        int label = s.atexit.get(--s.hookAtexitLeft);
        s.busy = false; // user code runs; its return comes back through mainReturned
        MpRuntime.enter(p, label, new long[0]);
        return MpRuntime.JUMPED;
      }
      s.hookStage = MpState.HOOK_TERMINATE;
    }
    if (s.hookStage == MpState.HOOK_TERMINATE) {
      rt.flushAll();
      for (int h : s.children.toArray()) {
        PyProcess o = s.object(h);
        ops.poll(o);
        if (!o.finished() && o.daemon) {
          rt.host.kill(p, o.pid, Signals.SIGTERM); // B19 step 2: terminate(), no wait
        }
      }
      s.hookStage = MpState.HOOK_JOIN;
    }
    for (int h : s.children.toArray()) {
      PyProcess o = s.object(h);
      if (ops.poll(o) < 0 || o.finished()) {
        s.children.remove(h);
        continue;
      }
      if (rt.host.hasDeliverable(p)) {
        s.busy = false; // a handler may run; returning from it comes back here (mainReturned)
        return MpRuntime.RESTART;
      }
      rt.host.joins(p, o.pid);
      rt.host.block(p, o.server != 0 ? rt.forkServer.waiters() : p.childWait(), -1,
          "mp.exit"); // B19 step 3: join() without timeout
      return MpRuntime.BLOCKED;
    }
    if (s.killedBy != 0) {
      return rt.exit(WaitStatus.signaled(s.killedBy, false)); // CPython re-raises SIGINT
    }
    return rt.exit(WaitStatus.exited(s.hookCode));
  }
}
