package io.simkernel.kernel;

import io.simkernel.api.Errno;
import io.simkernel.kernel.proc.Process;
import io.simkernel.kernel.proc.ProcessTable;
import io.simkernel.kernel.proc.TaskState;

/** setpgid and setsid, as kernel/sys.c does them (posix-semantics PG-3, PG-5). */
final class Groups {
  private Groups() {}

  static long setpgid(ProcessTable table, Process caller, long pid, long pgid) {
    if (pgid < 0) {
      return Errno.EINVAL.negated();
    }
    Process t = pid == 0 ? caller : table.get(pid);
    if (pid < 0 || t == null || t.state() == TaskState.EXIT_DEAD) {
      return Errno.ESRCH.negated(); // a zombie child is still found by its PID (ST-4)
    }
    if (t != caller) {
      if (t.ppid() != caller.pid()) {
        return Errno.ESRCH.negated();
      }
      if (t.sid() != caller.sid()) {
        return Errno.EPERM.negated();
      }
      if (t.hasExeced()) {
        return Errno.EACCES.negated(); // EX-7
      }
    }
    if (t.sid() == t.pid()) {
      return Errno.EPERM.negated(); // a session leader cannot move
    }
    long g = pgid == 0 ? t.pid() : pgid;
    if (g != t.pid() && !groupInSession(table, g, caller.sid())) {
      return Errno.EPERM.negated();
    }
    if (t.pgid() != g) {
      table.pids().retain((int) g);
      table.pids().release(t.pgid());
      t.setPgid((int) g);
    }
    return 0;
  }

  private static boolean groupInSession(ProcessTable table, long g, int sid) {
    boolean[] found = {false};
    table.forEach(m -> found[0] |= m.pgid() == g && m.sid() == sid);
    return found[0];
  }

  static long setsid(ProcessTable table, Process caller) {
    int pid = caller.pid();
    boolean[] leads = {caller.sid() == pid};
    table.forEach(m -> leads[0] |= m.pgid() == pid);
    if (leads[0]) {
      return Errno.EPERM.negated();
    }
    table.pids().retain(pid);
    table.pids().retain(pid);
    table.pids().release(caller.pgid());
    table.pids().release(caller.sid());
    caller.setPgid(pid);
    caller.setSid(pid);
    return pid;
  }
}
