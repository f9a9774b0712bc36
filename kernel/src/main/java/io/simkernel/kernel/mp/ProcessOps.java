package io.simkernel.kernel.mp;

import io.simkernel.api.Constants;
import io.simkernel.kernel.proc.Process;

/**
 * The methods and properties of {@code multiprocessing.Process} (B8–B18, B24), with CPython's
 * checks in CPython's order and its messages. Every poll is a {@code waitpid(pid, WNOHANG)} that
 * reaps a finished child (B13, B24).
 */
final class ProcessOps {
  private static final String CLOSED = "process object is closed";
  private final MpRuntime rt;
  private final long[] out = new long[1];

  ProcessOps(MpRuntime rt) {
    this.rt = rt;
  }

  /** B8: {@code Process(target, args)}: named from the creator's counter, daemon copied. */
  int create(int rd, int target, long[] args) {
    MpState s = rt.s;
    int n = s.counter++;
    int[] id = java.util.Arrays.copyOf(s.identity, s.identity.length + 1);
    id[id.length - 1] = n;
    s.objects.add(new PyProcess(rt.p.pid(), s.childName(n), id, s.daemon, target, args));
    return rt.set(rd, s.objects.size());
  }

  /** The object of a handle; a bad handle is Python's NameError of an unknown variable. */
  PyProcess object(long h) {
    PyProcess o = rt.s.object(h);
    if (o == null) {
      throw new MpError("NameError", "no Process object " + h);
    }
    return o;
  }

  private PyProcess open(long h) {
    PyProcess o = object(h);
    if (o.closed) {
      throw MpError.value(CLOSED); // _check_closed, B17
    }
    return o;
  }

  /** B18: the daemon setter asserts the process has not started. */
  int setDaemon(long h, long v) {
    PyProcess o = object(h);
    if (o.started()) {
      throw MpError.assertion("process has already started");
    }
    o.daemon = v != 0;
    return MpRuntime.DONE;
  }

  /** The popen's poll: the cached code, or a WNOHANG wait that reaps a finished child. */
  long poll(PyProcess o) {
    if (!o.started() || o.finished()) {
      return 0;
    }
    if (o.server != 0) {
      rt.forkServer.poll(o, rt.s);
      return 0;
    }
    long r = rt.host.waitpid(rt.p, o.pid, true, out);
    if (r == o.pid) {
      o.exitcode = MpRuntime.exitcode(out[0]);
    }
    return r; // -ECHILD: someone else reaped it (popen_fork.poll then gives None)
  }

  /** B15: creator only, started only; no timeout → until the child ends; returns None. */
  int join(long h, long timeout, boolean timed) {
    PyProcess o = open(h);
    if (o.creator != rt.p.pid()) {
      throw MpError.assertion("can only join a child process");
    }
    if (!o.started()) {
      throw MpError.assertion("can only join a started process");
    }
    Process p = rt.p;
    long now = rt.host.now();
    if (timed && p.wakeAt() < 0) {
      p.setWakeAt(now + Math.max(timeout, 0)); // a negative timeout acts as 0 (Part C)
    }
    rt.host.joins(p, 0);
    if (poll(o) < 0 || o.finished()) {
      rt.s.children.remove((int) h);
      p.setWakeAt(-1);
      return MpRuntime.DONE;
    }
    if (timed && now >= p.wakeAt()) {
      p.setWakeAt(-1);
      return MpRuntime.DONE; // EXP-26: join(0.05) on a longer child returns, exitcode None
    }
    if (rt.host.hasDeliverable(p)) {
      return MpRuntime.RESTART;
    }
    rt.host.joins(p, o.pid);
    rt.host.block(p, o.server != 0 ? rt.forkServer.waiters() : p.childWait(),
        timed ? p.wakeAt() : -1, "mp.join");
    return MpRuntime.BLOCKED;
  }

  /** B14: a finished child is reaped and leaves the children set. */
  int isAlive(int rd, long h) {
    PyProcess o = open(h);
    if (o.creator != rt.p.pid()) {
      throw MpError.assertion("can only test a child process");
    }
    if (!o.started()) {
      return rt.set(rd, 0);
    }
    poll(o);
    if (o.finished()) {
      rt.s.children.remove((int) h);
      return rt.set(rd, 0);
    }
    return rt.set(rd, 1);
  }

  /** B13: None before start and while running; reading it polls (and reaps). */
  int exitcode(int rd, long h) {
    PyProcess o = open(h);
    poll(o);
    return rt.set(rd, o.started() ? o.exitcode : Constants.NONE);
  }

  /** B18: None before start, kept after exit until close. Handle 0: the current process. */
  int pid(int rd, long h) {
    if (h == 0) {
      return rt.set(rd, rt.p.pid());
    }
    PyProcess o = open(h);
    return rt.set(rd, o.started() ? o.pid : Constants.NONE);
  }

  /** B16: SIGTERM / SIGKILL unless a return code is known; never waits. */
  int signal(long h, int sig) {
    PyProcess o = open(h);
    if (!o.started()) {
      throw new MpError("AttributeError", "'NoneType' object has no attribute '"
          + (sig == io.simkernel.api.Signals.SIGTERM ? "terminate" : "kill") + "'");
    }
    if (!o.finished()) {
      rt.host.kill(rt.p, o.pid, sig); // ProcessLookupError is ignored
    }
    return MpRuntime.DONE;
  }

  /** B17: refused while running; otherwise releases the object, leaves the children set. */
  int close(long h) {
    PyProcess o = object(h);
    if (o.closed) {
      return MpRuntime.DONE;
    }
    poll(o);
    if (o.started() && !o.finished()) {
      throw MpError.value("Cannot close a process while it is still running. You should first"
          + " call join() or terminate().");
    }
    o.closed = true;
    rt.s.children.remove((int) h);
    return MpRuntime.DONE;
  }

  /** {@code _cleanup}: every finished child is reaped and leaves the set (B24). */
  void cleanup() {
    MpState s = rt.s;
    for (int i = s.children.size() - 1; i >= 0; i--) {
      PyProcess o = s.object(s.children.get(i));
      poll(o);
      if (o.finished()) {
        s.children.removeAtIndex(i);
      }
    }
  }

  /** {@code active_children()}: reaps the finished ones, counts the rest (B24). */
  long activeChildren() {
    cleanup();
    return rt.s.children.size();
  }

  int isDaemon(int rd, long h) {
    return rt.set(rd, (h == 0 ? rt.s.daemon : object(h).daemon) ? 1 : 0);
  }

  /** B8, EXP-27: the name's address; handle 0 gives the current process's name. */
  int name(int rd, long h) {
    return rt.set(rd, rt.string(h == 0 ? rt.s.name : object(h).name));
  }
}
