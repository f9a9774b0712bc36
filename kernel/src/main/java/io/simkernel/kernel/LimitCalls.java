package io.simkernel.kernel;

import io.simkernel.api.Constants;
import io.simkernel.api.Errno;
import io.simkernel.api.Signals;
import io.simkernel.kernel.proc.Process;

/**
 * The calls about a process's credentials and limits: setuid, getrlimit/setrlimit, prctl and
 * getrusage (posix-semantics RL-*, RP-6, PD-*). Results by the raw Linux convention, as
 * {@link Syscalls} leaves them.
 */
final class LimitCalls {
  private static final int RLIM_NLIMITS = 16;
  /** RUSAGE_THREAD: the calling thread, which is the whole (single-threaded) process here. */
  private static final long RUSAGE_THREAD = 1;

  private final Kernel k;

  LimitCalls(Kernel k) {
    this.k = k;
  }

  int setuid(Process p, long uid) {
    if (uid < 0 || uid > 0xFFFFFFFEL) {
      return Syscalls.result(p, Errno.EINVAL.negated());
    }
    if (p.uid() != 0 && uid != p.uid()) {
      return Syscalls.result(p, Errno.EPERM.negated());
    }
    if (uid != p.uid()) {
      p.setPdeathsig(0); // commit_creds: a credential change clears the parent-death signal
    }
    k.table().changeUid(p, (int) uid);
    return Syscalls.result(p, 0);
  }

  int getrlimit(Process p, long res) {
    if (res < 0 || res >= RLIM_NLIMITS) {
      return Syscalls.result(p, Errno.EINVAL.negated());
    }
    p.regs()[2] = p.rlimitHard((int) res);
    return Syscalls.result(p, 0, p.rlimitSoft((int) res));
  }

  /** Sets the soft limit; raising it above the hard limit needs root, which raises both. */
  int setrlimit(Process p, long res, long value) {
    if (res < 0 || res >= RLIM_NLIMITS) {
      return Syscalls.result(p, Errno.EINVAL.negated());
    }
    int r = (int) res;
    long hard = p.rlimitHard(r);
    if (Long.compareUnsigned(value, hard) > 0) {
      if (p.uid() != 0) {
        return Syscalls.result(p, Errno.EPERM.negated());
      }
      hard = value;
    }
    p.setRlimit(r, value, hard);
    return Syscalls.result(p, 0);
  }

  int prctl(Process p, long option, long value) {
    if (option == Constants.PR_SET_CHILD_SUBREAPER) {
      p.setSubreaper(value != 0); // RP-6
      return Syscalls.result(p, 0);
    }
    if (option == Constants.PR_GET_CHILD_SUBREAPER) {
      return Syscalls.result(p, 0, p.isSubreaper() ? 1 : 0);
    }
    if (option == Constants.PR_SET_PDEATHSIG) {
      if (value < 0 || value > Signals.NSIG) {
        return Syscalls.result(p, Errno.EINVAL.negated());
      }
      p.setPdeathsig((int) value);
      return Syscalls.result(p, 0);
    }
    if (option == Constants.PR_GET_PDEATHSIG) {
      return Syscalls.result(p, 0, p.pdeathsig());
    }
    return Syscalls.result(p, Errno.EINVAL.negated());
  }

  int getrusage(Process p, long who) {
    long[] r = p.regs();
    if (who == Constants.RUSAGE_SELF || who == RUSAGE_THREAD) {
      r[1] = p.minorFaults();
      r[2] = p.majorFaults();
      r[3] = p.userNs();
      r[4] = p.sysNs();
    } else if (who == Constants.RUSAGE_CHILDREN) {
      r[1] = p.childMinorFaults();
      r[2] = p.childMajorFaults();
      r[3] = p.childUserNs();
      r[4] = p.childSysNs();
    } else {
      return Syscalls.result(p, Errno.EINVAL.negated());
    }
    return Syscalls.result(p, 0);
  }
}
