package io.simkernel.api;

/**
 * The wait status word and its decoding macros exactly as Linux and musl define them
 * (posix-semantics TM-3, TM-4, TM-5).
 */
public final class WaitStatus {
  private WaitStatus() {}

  /** Continued: the whole value is 0xFFFF (TM-3). */
  public static final int CONTINUED = 0xFFFF;

  /** Normal exit: only {@code code & 0xFF} reaches the parent (TM-1, TM-3). */
  public static int exited(long code) {
    return (int) ((code & 0xFF) << 8);
  }

  /** Killed by a signal, with the core-dump flag in bit 7 (TM-3, TM-6). */
  public static int signaled(int sig, boolean core) {
    return (sig & 0x7F) | (core ? 0x80 : 0);
  }

  /** Stopped by a signal: {@code (sig << 8) | 0x7F} (TM-3). */
  public static int stopped(int sig) {
    return ((sig & 0xFF) << 8) | 0x7F;
  }

  public static boolean wifexited(long s) {
    return (s & 0x7F) == 0;
  }

  public static long wexitstatus(long s) {
    return (s >> 8) & 0xFF;
  }

  /** musl: {@code (s & 0xFFFF) - 1 < 0xFF} as unsigned (TM-4). */
  public static boolean wifsignaled(long s) {
    return Integer.compareUnsigned((int) (s & 0xFFFF) - 1, 0xFF) < 0;
  }

  public static long wtermsig(long s) {
    return s & 0x7F;
  }

  public static long wcoredump(long s) {
    return s & 0x80;
  }

  /** musl: {@code (short)(((s & 0xFFFF) * 0x10001) >> 8) > 0x7F00} (TM-4: 0xFFFF is not stopped). */
  public static boolean wifstopped(long s) {
    return (short) (((s & 0xFFFF) * 0x10001) >> 8) > 0x7F00;
  }

  public static long wstopsig(long s) {
    return wexitstatus(s);
  }

  public static boolean wifcontinued(long s) {
    return s == CONTINUED;
  }

  /**
   * The siginfo {@code si_code} of a termination, as SIGCHLD and waitid report it: CLD_EXITED,
   * CLD_DUMPED when the core flag is set, else CLD_KILLED (TM-6, WT-12, CH-1).
   */
  public static int siCode(int s) {
    if (wifexited(s)) {
      return Constants.CLD_EXITED;
    }
    return wcoredump(s) != 0 ? Constants.CLD_DUMPED : Constants.CLD_KILLED;
  }

  /** The siginfo {@code si_status} of a termination: the exit code, or the signal (WT-12). */
  public static int siStatus(int s) {
    return (int) (wifexited(s) ? wexitstatus(s) : wtermsig(s));
  }

  /** How a shell reports it: the exit code, or 128+N when killed by signal N (TM-7). */
  public static int shellStatus(int s) {
    if (wifexited(s)) {
      return (int) wexitstatus(s);
    }
    if (wifsignaled(s)) {
      return 128 + (int) wtermsig(s);
    }
    return 128 + (int) wstopsig(s);
  }

  /** "exited 3", "killed by SIGKILL", "killed by SIGSEGV (core dumped)". */
  public static String describe(int s) {
    if (wifexited(s)) {
      return "exited " + wexitstatus(s);
    }
    if (wifsignaled(s)) {
      return "killed by " + Signals.name((int) wtermsig(s)) + (wcoredump(s) != 0 ? " (core dumped)" : "");
    }
    if (wifstopped(s)) {
      return "stopped by " + Signals.name((int) wstopsig(s));
    }
    return "continued";
  }
}
