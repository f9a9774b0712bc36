package io.simkernel.traces.strace;

import io.simkernel.api.Constants;
import io.simkernel.api.Signals;
import io.simkernel.traces.strace.StraceEvent.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Translates the calls that map one-to-one onto a scenario instruction: the wait family, the
 * kill family, sigaction, sigsuspend/pause, process groups and sessions, prctl, getppid and
 * getrusage. Structural calls (fork, execve, exit, rt_sigprocmask runs, rt_sigreturn) are the
 * {@link ProcessEmitter}'s. Every other call is left out and counted by category, because it
 * changes nothing the simulator models (a query, a no-op sigaction) or needs a part of the
 * simulator that answers {@code -ENOSYS} today (files and pipes).
 */
final class CallTranslator {
  static final String NO_EFFECT = "no effect on the replayed state (queries, unchanged actions)";
  static final String FILES = "files and descriptors that are no pipe (the simulator has no file "
      + "system)";
  static final String OTHER = "not modelled by the simulator";
  private static final Set<String> FILE_CALLS = Set.of("pipe", "pipe2", "dup", "dup2", "dup3",
      "read", "write", "readv", "writev", "pread64", "pwrite64", "open", "openat", "creat",
      "close", "close_range", "fcntl", "ioctl", "lseek", "unlink", "unlinkat", "socketpair",
      "eventfd2", "memfd_create");
  private static final Set<String> TRANSLATED = Set.of("wait4", "waitpid", "waitid", "kill",
      "tgkill", "tkill", "rt_sigqueueinfo", "rt_sigaction", "sigaction", "rt_sigsuspend",
      "sigsuspend", "pause", "setpgid", "setsid", "prctl", "getppid", "getrusage");
  private static final Set<String> QUERIES = Set.of("getpid", "gettid", "getpgid", "getpgrp",
      "getsid", "getuid", "geteuid", "getgid", "getegid", "rt_sigpending", "sigpending",
      "restart_syscall", "sigaltstack");

  private final ImportContext ctx;

  CallTranslator(ImportContext ctx) {
    this.ctx = ctx;
  }

  /**
   * The instructions for {@code c}, made by {@code p} running {@code program}; empty when the
   * call is left out.
   */
  List<String> translate(Call c, TracedProcess p, ProgramText program) {
    if (ctx.descriptors().onPipe(p.pid(), c.line())) {
      return pipeCall(c, p, program);
    }
    String insn = switch (c.name()) {
      case "wait4", "waitpid" -> wait4(c);
      case "waitid" -> waitid(c);
      case "kill" -> kill(c);
      case "tgkill", "tkill" -> tkill(c, p);
      case "rt_sigqueueinfo" -> sigqueue(c);
      case "rt_sigaction", "sigaction" -> sigaction(c, program);
      case "rt_sigsuspend", "sigsuspend" -> sigsuspend(c);
      case "pause" -> "pause";
      case "setpgid" -> setpgid(c);
      case "setsid" -> "setsid";
      case "prctl" -> prctl(c);
      case "getppid" -> "getppid";
      case "getrusage" -> getrusage(c);
      default -> null;
    };
    if (insn == null) {
      if (!TRANSLATED.contains(c.name())) {
        ctx.omit(FILE_CALLS.contains(c.name()) ? FILES : QUERIES.contains(c.name()) ? NO_EFFECT
            : OTHER, c.name());
      }
      return List.of();
    }
    List<String> out = new ArrayList<>();
    out.add(Code.line(insn, Code.cite(c) + annotation(c)));
    return out;
  }

  /**
   * A call on a pipe, replayed on a simulated pipe (pipe(7)): the same descriptor numbers, the
   * same byte counts (the bytes themselves do not matter to any fact, so a buffer of the size
   * stands in for them), so that a full pipe blocks, a write with no reader left gets EPIPE and
   * SIGPIPE, and a read of an empty pipe with no writer left gets end-of-file, as they did.
   */
  private List<String> pipeCall(Call c, TracedProcess p, ProgramText program) {
    String cite = Code.cite(c);
    List<String> out = new ArrayList<>();
    switch (c.name()) {
      case "pipe", "pipe2" -> {
        out.add(Code.line("pipe", cite));
        int[] sim = ctx.descriptors().simulatedFds(p.pid(), c.line());
        if (sim != null) {
          List<String> fds = Args.split(c.arg(0).replace("[", "").replace("]", ""));
          ctx.approximate(cite + ": the simulator gives fds " + sim[0] + " and " + sim[1]
              + "; moved to the logged ones");
          for (int k = 0; k < 2; k++) {
            out.add(Code.line("dup2  r" + (k + 1) + ", " + fds.get(k).trim(),
                "the logged descriptor"));
            out.add(Code.line("close r" + (k + 1), null));
          }
        }
        if (!c.arg(1).isEmpty() && !c.arg(1).equals("0")) {
          ctx.approximate(cite + ": pipe2 flags " + c.arg(1) + " are not replayed");
        }
      }
      case "dup2", "dup3" -> out.add(Code.line("dup2  " + Args.parseLong(c.arg(0), -1) + ", "
          + Args.parseLong(c.arg(1), -1), cite));
      case "close" -> out.add(Code.line("close " + Args.parseLong(c.arg(0), -1), cite));
      case "read", "write" -> {
        long n = Math.max(0, Args.parseLong(c.arg(2), 0));
        program.buffer(n);
        out.add(Code.line(c.name() + " " + Args.parseLong(c.arg(0), -1) + ", ["
            + ProgramText.IO_BUFFER + "], " + n, cite));
      }
      default -> {
        ctx.omit(OTHER, c.name() + " (on a pipe)");
        return List.of();
      }
    }
    return out;
  }

  /** A PID argument in the simulator's numbering; null for a PID outside the log's tree. */
  String target(long pid) {
    if (pid == 0 || pid == -1) {
      return String.valueOf(pid);
    }
    TracedProcess t = ctx.tree().ownerOf((int) Math.abs(pid));
    if (t == null || pid == Integer.MIN_VALUE) {
      return null;
    }
    int sim = ctx.pids().sim(t.pid());
    return pid > 0 ? String.valueOf(sim) : String.valueOf(-sim);
  }

  private String wait4(Call c) {
    long pid = Args.parseLong(c.arg(0), -1);
    String t = target(pid);
    return "waitpid " + (t == null ? String.valueOf(pid) : t) + ", " + waitOptions(c.arg(2));
  }

  private String waitid(Call c) {
    String idtype = c.arg(0);
    if (!idtype.equals("P_ALL") && !idtype.equals("P_PID") && !idtype.equals("P_PGID")) {
      ctx.approximate("line " + c.line() + ": waitid(" + idtype + ", ...) is not replayed: the "
          + "simulator knows P_ALL, P_PID and P_PGID");
      return null;
    }
    long id = Args.parseLong(c.arg(1), 0);
    String t = idtype.equals("P_ALL") ? "0" : target(idtype.equals("P_PGID") ? -id : id);
    if (t != null && t.startsWith("-")) {
      t = t.substring(1);
    }
    return "waitid " + idtype + ", " + (t == null ? String.valueOf(id) : t) + ", "
        + waitOptions(c.arg(3));
  }

  /** WNOHANG|WUNTRACED...; the thread options (__WALL, __WCLONE, __WNOTHREAD) have no use here. */
  private static String waitOptions(String text) {
    List<String> kept = new ArrayList<>();
    for (String f : Args.flags(text)) {
      if (f.matches("W(NOHANG|UNTRACED|STOPPED|EXITED|CONTINUED|NOWAIT)")) {
        kept.add(f);
      }
    }
    return kept.isEmpty() ? "0" : String.join("|", kept);
  }

  private String kill(Call c) {
    int sig = Args.signal(c.arg(1));
    String t = target(Args.parseLong(c.arg(0), 0));
    if (t == null || (sig < 0 && !c.arg(1).equals("0"))) {
      ctx.approximate(Code.cite(c) + ": not replayed, its target is outside the traced tree");
      return null;
    }
    return "kill  " + t + ", " + (sig < 0 ? "0" : Code.signal(sig));
  }

  /** tgkill/tkill to oneself is raise (KL-8); to another thread group, kill of that process. */
  private String tkill(Call c, TracedProcess p) {
    boolean tg = c.name().equals("tgkill");
    int tid = (int) Args.parseLong(c.arg(tg ? 1 : 0), 0);
    int sig = Args.signal(c.arg(tg ? 2 : 1));
    TracedProcess t = ctx.tree().ownerOf(tid);
    if (t == null || sig < 0) {
      ctx.approximate(Code.cite(c) + ": not replayed, its target is outside the traced tree");
      return null;
    }
    if (t == p) {
      return "raise " + Code.signal(sig);
    }
    ctx.approximate(Code.cite(c) + ": a thread-directed signal, replayed as kill of process "
        + t.pid() + " (the simulator has no threads)");
    return "kill  " + ctx.pids().sim(t.pid()) + ", " + Code.signal(sig);
  }

  private String sigqueue(Call c) {
    int sig = Args.signal(c.arg(1));
    String t = target(Args.parseLong(c.arg(0), 0));
    if (t == null || sig < 0) {
      ctx.approximate(Code.cite(c) + ": not replayed, its target is outside the traced tree");
      return null;
    }
    long value = Args.parseLong(Args.struct(c.arg(2)).getOrDefault("si_int", "0"), 0);
    return "sigqueue " + t + ", " + Code.signal(sig) + ", " + value;
  }

  private String sigaction(Call c, ProgramText program) {
    Dispositions.Info info = ctx.dispositions().at(c.line());
    long[] a = SignalTracker.requestedAction(c);
    if (a == null || !c.succeeded() || info == null || !info.changes()) {
      ctx.omit(NO_EFFECT, c.name());
      return null;
    }
    String handler;
    if (a[1] == SignalTracker.DFL) {
      handler = "SIG_DFL";
    } else if (a[1] == SignalTracker.IGN) {
      handler = "SIG_IGN";
    } else {
      handler = ProgramText.handlerLabel(a[1]);
      program.handler(a[1], "installed at line " + c.line() + " for "
          + Signals.name((int) a[0]));
    }
    return "sigaction " + Code.signal((int) a[0]) + ", " + handler + ", " + flagNames(a[2]) + ", "
        + Code.sigset(a[3]);
  }

  private static String flagNames(long f) {
    List<String> names = new ArrayList<>();
    for (String n : new String[] {"SA_RESTART", "SA_NOCLDWAIT", "SA_NOCLDSTOP", "SA_RESETHAND",
        "SA_NODEFER", "SA_SIGINFO", "SA_ONSTACK"}) {
      Long v = Constants.lookup(n);
      if (v != null && (f & v) != 0) {
        names.add(n);
      }
    }
    return names.isEmpty() ? "0" : String.join("|", names);
  }

  private static String sigsuspend(Call c) {
    Long m = Args.sigset(c.arg(0));
    return "sigsuspend " + Code.sigset(m == null ? 0 : m);
  }

  private String setpgid(Call c) {
    String a = target(Args.parseLong(c.arg(0), 0));
    String b = target(Args.parseLong(c.arg(1), 0));
    if (a == null || b == null) {
      ctx.approximate(Code.cite(c) + ": not replayed, it names a PID outside the traced tree");
      return null;
    }
    return "setpgid " + a + ", " + b;
  }

  private String prctl(Call c) {
    String option = c.arg(0);
    if (option.equals("PR_SET_CHILD_SUBREAPER")) {
      return "prctl PR_SET_CHILD_SUBREAPER, " + Args.parseLong(c.arg(1), 1);
    }
    if (option.equals("PR_SET_PDEATHSIG")) {
      int sig = Args.signal(c.arg(1));
      return "prctl PR_SET_PDEATHSIG, " + (sig < 0 ? "0" : Code.signal(sig));
    }
    ctx.omit(OTHER, "prctl(" + option + ")");
    return null;
  }

  private static String getrusage(Call c) {
    return "getrusage " + (c.arg(0).equals("RUSAGE_CHILDREN") ? "RUSAGE_CHILDREN" : "RUSAGE_SELF");
  }

  /** What a returned PID is in the simulator, for the comment. */
  private String annotation(Call c) {
    boolean pidResult = switch (c.name()) {
      case "wait4", "waitpid", "getppid" -> true;
      default -> false;
    };
    long v = c.result().number();
    if (!pidResult || v <= 0) {
      return "";
    }
    if (v == 1) {
      return " (init)";
    }
    TracedProcess t = ctx.tree().ownerOf((int) v);
    if (t != null) {
      return " (sim " + ctx.pids().sim(t.pid()) + ")";
    }
    return c.name().equals("getppid") ? " (strace, the root's parent: init in the replay)" : "";
  }
}
