package io.simkernel.kernel.mp;

import io.simkernel.kernel.proc.Process;
import io.simkernel.kernel.wait.WaitQueue;
import java.util.TreeMap;

/**
 * The forkserver start method (B4): a long-lived server process, started from a fresh interpreter
 * (the image exec'd again) by the first forkserver {@code start()}, forks every child; the
 * children are the server's, it reaps them (waitpid(-1, WNOHANG) when a child ends) and reports
 * each exit status to its client, which therefore never sees a zombie. Children still re-run
 * {@code main} like spawn (B5). The server leaves when its client does (the client's end of the
 * socket closes); if it is killed, the next start starts a new one, and a child whose status it
 * had not reported reads as exit code 255 (CPY-TEST test_forkserver_sigkill).
 */
final class ForkServer {
  private final MpRuntime rt;
  /** Exit statuses the servers reaped and reported, by child pid. */
  private final TreeMap<Integer, Long> reported = new TreeMap<>();
  /** Clients waiting for a report (join, the exit hook). */
  private final WaitQueue waiters = new WaitQueue();

  ForkServer(MpRuntime rt) {
    this.rt = rt;
  }

  WaitQueue waiters() {
    return waiters;
  }

  /** The caller's server, started now if it has none or its server died. Its pid or -errno. */
  long server(MpState client) {
    Process s = client.server == 0 ? null : rt.host.process(client.server);
    if (s != null && s.state().isAlive() && !s.isExiting()) {
      return client.server;
    }
    long pid = rt.host.fork(rt.p);
    if (pid < 0) {
      return pid;
    }
    Process server = rt.host.process((int) pid);
    rt.host.execSelf(server);
    MpState st = new MpState();
    st.isServer = true;
    st.owner = rt.p.pid();
    st.busy = true; // it runs the runtime's loop, never the program
    st.isMain = false;
    rt.install(server, st);
    server.setInSyscall(true); // enters the kernel (the loop) when first dispatched
    server.setPc(firstMpCall(server)); // after a stop or signal it re-enters at once
    client.server = (int) pid;
    return pid;
  }

  /** The server's loop: reap and report every ended child; leave when the client has gone. */
  int loop() {
    Process p = rt.p;
    long[] out = new long[1];
    while (true) {
      long r = rt.host.waitpid(p, -1, true, out);
      if (r <= 0) {
        break;
      }
      reported.put((int) r, out[0]);
      wakeClients();
    }
    Process owner = rt.host.process(rt.s.owner);
    if (owner == null || !owner.state().isAlive() || owner.isExiting()) {
      return rt.exit(io.simkernel.api.WaitStatus.exited(0));
    }
    if (rt.host.hasDeliverable(p)) {
      return MpRuntime.RESTART; // SIGKILL, SIGTERM: the server dies (B4)
    }
    rt.host.block(p, p.childWait(), -1, "forkserver");
    return MpRuntime.BLOCKED;
  }

  /** An mp.* instruction of the image (the client ran one): user mode there traps straight back. */
  private static int firstMpCall(Process p) {
    io.simkernel.api.program.ProgramImage img = p.image();
    for (int i = 0; i < img.length(); i++) {
      if (io.simkernel.api.program.Op.ofOrdinal(img.op(i)).kind()
          == io.simkernel.api.program.Op.Kind.MP) {
        return i;
      }
    }
    return p.pc();
  }

  void wakeClients() {
    for (int pid : waiters.drain()) {
      Process w = rt.host.process(pid);
      if (w != null) {
        rt.host.wake(w);
      }
    }
  }

  /** The client's poll of a server child: its reported status, 255 if the server died first. */
  void poll(PyProcess o, MpState client) {
    Long st = reported.remove(o.pid);
    if (st != null) {
      o.exitcode = MpRuntime.exitcode(st);
      return;
    }
    Process s = rt.host.process(o.server);
    if (s == null || !s.state().isAlive() || s.isExiting()) {
      o.exitcode = 255;
    }
  }
}
