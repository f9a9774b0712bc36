package io.simkernel.api;

import com.google.common.collect.ImmutableMap;

/**
 * Every named constant of the scenario language, with its Linux x86-64 (or Win32) value. A name is
 * just an integer (DESIGN.md, "Operands"), so any value operand may be a name, a literal or a
 * register; invalid numbers reach the kernel, which rejects them as Linux does. Signals and errno
 * names are in {@link Signals} and {@link Errno}; {@link #lookup} consults all three.
 */
public final class Constants {
  private Constants() {}

  /** Python's {@code None}, as {@code %r} prints it and {@code mp.exitcode} returns it. */
  public static final long NONE = Long.MIN_VALUE;
  /** {@code sigaction sig, QUERY} and {@code sigprocmask how, QUERY}: only report the old value. */
  public static final long QUERY = -1;
  public static final long SIG_DFL = 0, SIG_IGN = 1;
  public static final long WNOHANG = 1, WUNTRACED = 2, WSTOPPED = 2, WEXITED = 4, WCONTINUED = 8,
      WNOWAIT = 0x01000000;
  public static final long P_ALL = 0, P_PID = 1, P_PGID = 2, P_PIDFD = 3;
  public static final int CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3, CLD_TRAPPED = 4,
      CLD_STOPPED = 5, CLD_CONTINUED = 6;
  public static final long SA_NOCLDSTOP = 1, SA_NOCLDWAIT = 2, SA_SIGINFO = 4,
      SA_ONSTACK = 0x08000000, SA_RESTART = 0x10000000, SA_NODEFER = 0x40000000,
      SA_RESETHAND = 0x80000000L;
  public static final long SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
  public static final long RLIMIT_CORE = 4, RLIMIT_NPROC = 6, RLIMIT_NOFILE = 7,
      RLIMIT_SIGPENDING = 11;
  /** {@code RLIM_INFINITY}, all ones. */
  public static final long RLIM_INFINITY = -1;
  public static final long PR_SET_PDEATHSIG = 1, PR_GET_PDEATHSIG = 2,
      PR_SET_CHILD_SUBREAPER = 36, PR_GET_CHILD_SUBREAPER = 37;
  public static final long RUSAGE_SELF = 0, RUSAGE_CHILDREN = -1;
  public static final long ITIMER_REAL = 0, ITIMER_VIRTUAL = 1, ITIMER_PROF = 2;
  public static final long PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;
  public static final long MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20;
  public static final long MADV_NORMAL = 0, MADV_DONTFORK = 10, MADV_DOFORK = 11,
      MADV_WIPEONFORK = 18, MADV_KEEPONFORK = 19;
  public static final long O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0100, O_EXCL = 0200,
      O_TRUNC = 01000, O_APPEND = 02000, O_NONBLOCK = 04000, O_CLOEXEC = 02000000;
  public static final long SI_USER = 0, SI_KERNEL = 0x80, SI_QUEUE = -1, SI_TKILL = -6;

  private static final ImmutableMap<String, Long> NAMES = ImmutableMap.<String, Long>builder()
      .put("None", NONE).put("QUERY", QUERY).put("NULL", 0L)
      .put("SIG_DFL", SIG_DFL).put("SIG_IGN", SIG_IGN)
      .put("WNOHANG", WNOHANG).put("WUNTRACED", WUNTRACED).put("WSTOPPED", WSTOPPED)
      .put("WEXITED", WEXITED).put("WCONTINUED", WCONTINUED).put("WNOWAIT", WNOWAIT)
      .put("P_ALL", P_ALL).put("P_PID", P_PID).put("P_PGID", P_PGID).put("P_PIDFD", P_PIDFD)
      .put("CLD_EXITED", (long) CLD_EXITED).put("CLD_KILLED", (long) CLD_KILLED)
      .put("CLD_DUMPED", (long) CLD_DUMPED).put("CLD_TRAPPED", (long) CLD_TRAPPED)
      .put("CLD_STOPPED", (long) CLD_STOPPED).put("CLD_CONTINUED", (long) CLD_CONTINUED)
      .put("SI_USER", SI_USER).put("SI_KERNEL", SI_KERNEL).put("SI_QUEUE", SI_QUEUE)
      .put("SI_TKILL", SI_TKILL)
      .put("SA_NOCLDSTOP", SA_NOCLDSTOP).put("SA_NOCLDWAIT", SA_NOCLDWAIT)
      .put("SA_SIGINFO", SA_SIGINFO).put("SA_ONSTACK", SA_ONSTACK).put("SA_RESTART", SA_RESTART)
      .put("SA_NODEFER", SA_NODEFER).put("SA_RESETHAND", SA_RESETHAND)
      .put("SIG_BLOCK", SIG_BLOCK).put("SIG_UNBLOCK", SIG_UNBLOCK).put("SIG_SETMASK", SIG_SETMASK)
      .put("RLIMIT_CORE", RLIMIT_CORE).put("RLIMIT_NPROC", RLIMIT_NPROC)
      .put("RLIMIT_NOFILE", RLIMIT_NOFILE).put("RLIMIT_SIGPENDING", RLIMIT_SIGPENDING)
      .put("RLIM_INFINITY", RLIM_INFINITY)
      .put("PR_SET_PDEATHSIG", PR_SET_PDEATHSIG).put("PR_GET_PDEATHSIG", PR_GET_PDEATHSIG)
      .put("PR_SET_CHILD_SUBREAPER", PR_SET_CHILD_SUBREAPER)
      .put("PR_GET_CHILD_SUBREAPER", PR_GET_CHILD_SUBREAPER)
      .put("RUSAGE_SELF", RUSAGE_SELF).put("RUSAGE_CHILDREN", RUSAGE_CHILDREN)
      .put("ITIMER_REAL", ITIMER_REAL).put("ITIMER_VIRTUAL", ITIMER_VIRTUAL)
      .put("ITIMER_PROF", ITIMER_PROF)
      .put("PROT_NONE", PROT_NONE).put("PROT_READ", PROT_READ).put("PROT_WRITE", PROT_WRITE)
      .put("PROT_EXEC", PROT_EXEC)
      .put("MAP_SHARED", MAP_SHARED).put("MAP_PRIVATE", MAP_PRIVATE).put("MAP_FIXED", MAP_FIXED)
      .put("MAP_ANONYMOUS", MAP_ANONYMOUS).put("MAP_ANON", MAP_ANONYMOUS)
      .put("MADV_NORMAL", MADV_NORMAL).put("MADV_DONTFORK", MADV_DONTFORK)
      .put("MADV_DOFORK", MADV_DOFORK).put("MADV_WIPEONFORK", MADV_WIPEONFORK)
      .put("MADV_KEEPONFORK", MADV_KEEPONFORK)
      .put("O_RDONLY", O_RDONLY).put("O_WRONLY", O_WRONLY).put("O_RDWR", O_RDWR)
      .put("O_CREAT", O_CREAT).put("O_EXCL", O_EXCL).put("O_TRUNC", O_TRUNC)
      .put("O_APPEND", O_APPEND).put("O_NONBLOCK", O_NONBLOCK).put("O_CLOEXEC", O_CLOEXEC)
      // touch addr, len, read|write: the access kinds are the protection bits they need
      .put("read", PROT_READ).put("write", PROT_WRITE)
      // Win32 (createprocess-and-multiprocessing.md Part A)
      .put("TRUE", 1L).put("FALSE", 0L)
      .put("CREATE_SUSPENDED", 0x4L).put("DETACHED_PROCESS", 0x8L)
      .put("CREATE_NEW_CONSOLE", 0x10L).put("CREATE_NEW_PROCESS_GROUP", 0x200L)
      .put("CREATE_BREAKAWAY_FROM_JOB", 0x01000000L)
      .put("INFINITE", 0xFFFFFFFFL).put("WAIT_OBJECT_0", 0L).put("WAIT_TIMEOUT", 0x102L)
      .put("WAIT_FAILED", 0xFFFFFFFFL).put("STILL_ACTIVE", 259L)
      .put("HANDLE_FLAG_INHERIT", 1L)
      .put("KILL_ON_JOB_CLOSE", 0x2000L).put("BREAKAWAY_OK", 0x800L)
      .put("SILENT_BREAKAWAY_OK", 0x1000L).put("ACTIVE_PROCESS", 0x8L)
      .put("ERROR_SUCCESS", 0L).put("ERROR_FILE_NOT_FOUND", 2L).put("ERROR_PATH_NOT_FOUND", 3L)
      .put("ERROR_ACCESS_DENIED", 5L).put("ERROR_INVALID_HANDLE", 6L)
      .put("ERROR_NOT_ENOUGH_MEMORY", 8L).put("ERROR_INVALID_PARAMETER", 87L)
      .put("ERROR_BAD_EXE_FORMAT", 193L)
      .buildOrThrow();

  /** The value of a named constant (also signal and errno names), or null when unknown. */
  public static Long lookup(String name) {
    Long v = NAMES.get(name);
    if (v != null) {
      return v;
    }
    int sig = Signals.byName(name);
    if (sig > 0) {
      return (long) sig;
    }
    try {
      return (long) Errno.valueOf(name).number();
    } catch (IllegalArgumentException notAnErrno) {
      return null;
    }
  }

  /** The named constants other than signals and errnos, in a fixed order. */
  public static ImmutableMap<String, Long> names() {
    return NAMES;
  }
}
