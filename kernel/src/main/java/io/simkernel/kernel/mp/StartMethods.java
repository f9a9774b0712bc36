package io.simkernel.kernel.mp;

import io.simkernel.api.Errno;
import io.simkernel.kernel.proc.Process;

/**
 * {@code Process.start()} and the start methods (B1–B5, B9, B11, B21–B23): fork copies the caller
 * and enters the target in the copy; spawn forks, execs the image again and lets it re-run
 * {@code main} as {@code __mp_main__} until main returns, when it hands over to the target.
 */
final class StartMethods {
  /** EXP-30's text exactly: it begins with a newline and keeps its 8-space indentation. */
  static final String BOOTSTRAP_ERROR = String.join("\n",
      "",
      "        An attempt has been made to start a new process before the",
      "        current process has finished its bootstrapping phase.",
      "",
      "        This probably means that you are not using fork to start your",
      "        child processes and you have forgotten to use the proper idiom",
      "        in the main module:",
      "",
      "            if __name__ == '__main__':",
      "                freeze_support()",
      "                ...",
      "",
      "        The \"freeze_support()\" line can be omitted if the program",
      "        is not going to be frozen to produce an executable.",
      "",
      "        To fix this issue, refer to the \"Safe importing of main module\"",
      "        section in https://docs.python.org/3/library/multiprocessing.html");

  private final MpRuntime rt;
  private final ProcessOps ops;

  StartMethods(MpRuntime rt) {
    this.rt = rt;
    this.ops = new ProcessOps(rt);
  }

  /** B9's checks in order, {@code _cleanup}, then the start method's Popen. */
  int start(long h) {
    MpState s = rt.s;
    PyProcess o = ops.object(h);
    if (o.closed) {
      throw MpError.value("process object is closed");
    }
    if (o.started()) {
      throw MpError.assertion("cannot start a process twice");
    }
    if (o.creator != rt.p.pid()) {
      throw MpError.assertion("can only start a process object created by current process");
    }
    if (s.daemon) {
      throw MpError.assertion("daemonic processes are not allowed to have children"); // B21
    }
    ops.cleanup(); // B24: every start reaps the finished children first
    s.methodSet = true; // the default context is fixed by the first start (B1)
    int method = s.method();
    if (method != MpState.METHOD_FORK && s.bootstrapping && rt.host.bootstrapCheck()) {
      throw MpError.runtime(BOOTSTRAP_ERROR); // B22: _check_not_importing_main
    }
    Process forker = rt.p;
    if (method == MpState.METHOD_FORKSERVER) {
      long server = rt.forkServer.server(s);
      if (server < 0) {
        throw oserror(server);
      }
      forker = rt.host.process((int) server); // B4: the server forks the child
      o.server = (int) server;
    }
    long pid = rt.host.fork(forker);
    if (pid < 0) {
      throw oserror(pid);
    }
    Process child = rt.host.process((int) pid);
    if (method == MpState.METHOD_FORK) {
      forkChild(child, o);
      rt.charge(MpCosts.START_FORK_NS);
    } else {
      spawnChild(child, o, method);
      rt.charge(MpCosts.START_SPAWN_NS);
    }
    o.pid = (int) pid;
    o.method = method;
    s.children.add((int) h);
    return MpRuntime.DONE;
  }

  /** B2, B11: the copy becomes the Process object's process and runs the target. */
  private void forkChild(Process child, PyProcess o) {
    MpState c = rt.s.forkCopy();
    becomeChild(c, o);
    c.forkChild = true;
    c.except = -1; // B11: the target runs inside _bootstrap, which catches its errors itself;
                   // the parent's try/except around start() is not on the child's stack
    c.method = MpState.METHOD_FORK;
    rt.install(child, c);
    MpRuntime.enter(child, o.target, o.args);
  }

  /**
   * B3, B5: a fresh interpreter (the image exec'd again) that re-runs main as {@code
   * __mp_main__} while bootstrapping (B22); its start method is already set (B23).
   */
  private void spawnChild(Process child, PyProcess o, int method) {
    rt.host.execSelf(child);
    MpState c = new MpState();
    c.isMain = false;
    c.bootstrapping = true;
    c.method = method;
    c.methodSet = true;
    c.pendingTarget = o.target;
    c.pendingArgs = o.args;
    c.pendingSelf = o.copy();
    rt.install(child, c);
    // spawn_main unpickles the preparation data before main re-runs: the child's heap is laid
    // out differently from the parent's, so its objects get other ids (B5, B6, EXP-33) — but
    // the same ids in every spawned child, as with ASLR off (EXP-34)
    rt.reserveScratch(child, c);
  }

  /** B11's _bootstrap: the object becomes current_process(); counter and children reset. */
  private static void becomeChild(MpState c, PyProcess o) {
    c.name = o.name;
    c.identity = o.identity.clone();
    c.counter = 1;
    c.daemon = o.daemon;
    c.child = true;
    c.methodSet = true;
    c.children.clear();
    c.unflushed.clear();
  }

  /** The re-run main returned: _bootstrap, then the target (B5, B11). */
  int handOver() {
    MpState c = rt.s;
    c.bootstrapping = false;
    becomeChild(c, c.pendingSelf);
    MpRuntime.enter(rt.p, c.pendingTarget, c.pendingArgs);
    return MpRuntime.JUMPED;
  }

  /** os.fork's failure as Python reports it. */
  private static MpError oserror(long err) {
    if (err == Errno.EAGAIN.negated()) {
      return new MpError("BlockingIOError", "[Errno 11] Resource temporarily unavailable");
    }
    if (err == Errno.ENOMEM.negated()) {
      return new MpError("OSError", "[Errno 12] Cannot allocate memory");
    }
    return new MpError("OSError", "[Errno " + (-err) + "] fork failed");
  }
}
