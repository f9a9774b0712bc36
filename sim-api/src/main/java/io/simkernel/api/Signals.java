package io.simkernel.api;

import com.google.common.collect.ImmutableMap;

/**
 * The 64 Linux x86-64 signals: numbers, names and default actions (posix-semantics §11 and SI-1).
 * Signal sets are {@code long} masks with bit {@code N-1} for signal {@code N}, as the kernel's
 * {@code sigset_t} word.
 */
public final class Signals {
  private Signals() {}

  public static final int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5,
      SIGABRT = 6, SIGBUS = 7, SIGFPE = 8, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12,
      SIGPIPE = 13, SIGALRM = 14, SIGTERM = 15, SIGSTKFLT = 16, SIGCHLD = 17, SIGCONT = 18,
      SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22, SIGURG = 23, SIGXCPU = 24,
      SIGXFSZ = 25, SIGVTALRM = 26, SIGPROF = 27, SIGWINCH = 28, SIGIO = 29, SIGPWR = 30,
      SIGSYS = 31;
  /** glibc's SIGRTMIN: 32 and 33 are reserved by the C library (SI-1). */
  public static final int SIGRTMIN = 34;
  public static final int SIGRTMAX = 64;
  /** Highest valid signal number; {@code _NSIG} is 65. */
  public static final int NSIG = 64;

  private static final String[] NAMES = {
    null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
    "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
    "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
    "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"
  };

  private static final SigAction[] DEFAULTS = new SigAction[NSIG + 1];

  static {
    for (int s = 1; s <= NSIG; s++) {
      DEFAULTS[s] = SigAction.TERM;
    }
    for (int s : new int[] {SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGXCPU,
        SIGXFSZ, SIGSYS}) {
      DEFAULTS[s] = SigAction.CORE;
    }
    for (int s : new int[] {SIGCHLD, SIGURG, SIGWINCH}) {
      DEFAULTS[s] = SigAction.IGN;
    }
    for (int s : new int[] {SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU}) {
      DEFAULTS[s] = SigAction.STOP;
    }
    DEFAULTS[SIGCONT] = SigAction.CONT;
  }

  private static final ImmutableMap<String, Integer> BY_NAME;

  static {
    ImmutableMap.Builder<String, Integer> b = ImmutableMap.builder();
    for (int s = 1; s < NAMES.length; s++) {
      b.put(NAMES[s], s);
    }
    b.put("SIGIOT", SIGABRT);
    b.put("SIGPOLL", SIGIO);
    b.put("SIGRTMIN", SIGRTMIN);
    b.put("SIGRTMAX", SIGRTMAX);
    for (int s = 32; s <= NSIG; s++) {
      b.put("SIG" + s, s); // kernel-style name for any signal ≥ 32 ("SIG34"), never ambiguous
    }
    BY_NAME = b.buildOrThrow();
  }

  /** True for 1..64 (SI-1). */
  public static boolean isValid(long sig) {
    return sig >= 1 && sig <= NSIG;
  }

  /** Real-time signals are 32..64 for the kernel (SI-1, SG-13). */
  public static boolean isRealtime(int sig) {
    return sig >= 32 && sig <= NSIG;
  }

  /** The default action of a valid signal. */
  public static SigAction defaultAction(int sig) {
    return DEFAULTS[sig];
  }

  /** The bit of a signal in a mask. */
  public static long bit(int sig) {
    return 1L << (sig - 1);
  }

  /** SIGKILL and SIGSTOP: never caught, blocked or ignored (SI-2). */
  public static final long UNBLOCKABLE = bit(SIGKILL) | bit(SIGSTOP);

  /** The signal's name as strace and glibc print it ({@code SIGRTMIN+2} style for RT signals). */
  public static String name(int sig) {
    if (sig >= 1 && sig < NAMES.length) {
      return NAMES[sig];
    }
    if (sig == SIGRTMIN) {
      return "SIGRTMIN";
    }
    if (sig > SIGRTMIN && sig <= SIGRTMAX) {
      return "SIGRTMIN+" + (sig - SIGRTMIN);
    }
    return "SIG" + sig;
  }

  /** The number for a name ({@code SIGTERM}, {@code SIGRTMIN}), or -1. */
  public static int byName(String name) {
    Integer n = BY_NAME.get(name);
    return n == null ? -1 : n;
  }

  /** Every name the scenario language knows, in a fixed order. */
  public static ImmutableMap<String, Integer> names() {
    return BY_NAME;
  }
}
