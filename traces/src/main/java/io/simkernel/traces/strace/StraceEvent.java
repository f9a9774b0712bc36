package io.simkernel.traces.strace;

import java.util.List;
import java.util.Map;

/**
 * One event of an {@code strace -f} log, after {@code <unfinished ...>}/{@code <... resumed>}
 * pieces have been joined per task (trace-formats.md A.2). {@link #line()} and {@link #timeUs()}
 * are where the event starts; a joined call also knows where it returned.
 */
public sealed interface StraceEvent
    permits StraceEvent.Call, StraceEvent.Delivery, StraceEvent.Exit, StraceEvent.GroupStop {

  /** The task (TID) that produced the line. */
  int tid();

  /** 1-based line number of the (first) line. */
  int line();

  /** Wall-clock microseconds (of the day for {@code -tt}, of the epoch for {@code -ttt}). */
  long timeUs();

  /**
   * A system call. {@code args} is the text between the parentheses (both halves joined);
   * {@code endLine}/{@code endUs} are where it returned ({@code line}/{@code timeUs} for a call
   * printed on one line, the end being then {@code timeUs + duration} when {@code -T} gave one).
   * {@code diedInside}: the task died in the call ({@code = ?} after {@code <unfinished ...>}).
   */
  record Call(int tid, int line, int endLine, long timeUs, long endUs, String name, String args,
      Result result, boolean diedInside) implements StraceEvent {

    /** The arguments split at their top-level commas. */
    public List<String> argList() {
      return Args.split(args);
    }

    /** Argument {@code i}, or "" when there are fewer. */
    public String arg(int i) {
      List<String> a = argList();
      return i < a.size() ? a.get(i) : "";
    }

    /** True when the call returned normally (not {@code = ?}) without an errno. */
    public boolean succeeded() {
      return !result.unknown() && result.errno() == null;
    }

    /** True when the call returned at a different line than it started. */
    public boolean joined() {
      return endLine != line;
    }
  }

  /**
   * The result of a call: {@code value} is the printed value ({@code ?} when none), {@code errno}
   * its error name ({@code ENOENT}, {@code ERESTARTSYS}) or null, {@code errnoText} strace's
   * explanation, {@code extra} a parenthesised decoration ({@code (in [3])}), {@code durationUs}
   * the {@code -T} time or -1.
   */
  record Result(String value, String errno, String errnoText, String extra, long durationUs) {

    /** {@code = ?}: the call did not return (exit) or was interrupted. */
    public boolean unknown() {
      return value.equals("?");
    }

    /** The value as a number (hex allowed); {@code Long.MIN_VALUE} for {@code ?}. */
    public long number() {
      return unknown() ? Long.MIN_VALUE : Args.parseLong(value, Long.MIN_VALUE);
    }

    /** One of the four restart codes that strace prints for an interrupted call. */
    public boolean interrupted() {
      return errno != null && errno.startsWith("ERESTART");
    }

    /** {@code = VALUE [ERRNO]} as printed, without the explanation and duration. */
    public String brief() {
      return value + (errno == null ? "" : " " + errno);
    }
  }

  /**
   * {@code --- SIGX {si_signo=..., ...} ---}: the task dequeued the signal (a
   * signal-delivery-stop, trace-formats.md A.3). {@code info} holds the siginfo fields.
   */
  record Delivery(int tid, int line, long timeUs, String signal, int signo,
      Map<String, String> info) implements StraceEvent {

    /** si_pid, or 0 when the siginfo has none. */
    public int senderPid() {
      return (int) Args.parseLong(info.getOrDefault("si_pid", "0"), 0);
    }

    /** si_code as printed ({@code SI_USER}, {@code CLD_EXITED}...), or "". */
    public String code() {
      return info.getOrDefault("si_code", "");
    }
  }

  /**
   * {@code +++ exited with N +++}, {@code +++ killed by SIGX [(core dumped)] +++} or
   * {@code +++ superseded by execve in pid N +++}.
   */
  record Exit(int tid, int line, long timeUs, Kind kind, int code, String signal, int signo,
      boolean core) implements StraceEvent {

    /** How the task ended. */
    public enum Kind { EXITED, KILLED, SUPERSEDED }

    /** "exited 3", "killed by SIGTERM", "killed by SIGSEGV (core dumped)". */
    public String describe() {
      return switch (kind) {
        case EXITED -> "exited " + code;
        case KILLED -> "killed by " + signal + (core ? " (core dumped)" : "");
        case SUPERSEDED -> "superseded by execve in pid " + code;
      };
    }
  }

  /** {@code --- stopped by SIGX ---}: a group stop. */
  record GroupStop(int tid, int line, long timeUs, String signal, int signo)
      implements StraceEvent {}
}
