package io.simkernel.traces.strace;

import java.util.List;

/**
 * What really happened, in real PIDs: the facts a replay is checked against. They come from a
 * hand-checked {@code ground-truth.json} ({@link GroundTruth}) or from the log itself
 * ({@link LogFacts}); both give the same kinds of facts, so the check does not care which.
 *
 * <p>Besides real PIDs, a process is named by {@link #TRACER} (strace: the root's parent, which
 * reaps it) or {@link #AUTO} (the kernel, which auto-reaps a child whose parent ignores
 * SIGCHLD: ZB-1); 1 is init.
 *
 * @param source where the facts come from, for the report
 * @param root the root's real PID
 */
public record Expectations(String source, int root, List<Proc> processes,
    List<Delivery> deliveries, List<Kill> kills, List<Reap> reaps, List<Rusage> rusage) {

  /** strace: the root's real parent, whose place init takes in the simulator. */
  public static final int TRACER = -2;
  /** The kernel, auto-reaping (SIGCHLD ignored or SA_NOCLDWAIT). */
  public static final int AUTO = -1;
  /** Not known. */
  public static final int UNKNOWN = 0;

  /**
   * One process: its parent at creation, its parent at the end (after reparenting), how it
   * ended, who reaped it, and the image it ran at the end (null when unknown).
   */
  public record Proc(int pid, int parent, int finalParent, End end, int reapedBy,
      String program) {}

  /** How a process ended: exited with {@code code}, or killed by {@code signo}. */
  public record End(boolean killed, int code, int signo, boolean core) {
    /** "exited 3", "killed by SIGTERM", "killed by SIGSEGV (core dumped)". */
    public String describe() {
      return killed ? "killed by " + io.simkernel.api.Signals.name(signo)
          + (core ? " (core dumped)" : "") : "exited " + code;
    }
  }

  /**
   * A signal delivery at a {@code --- SIGX ---} line, or inferred (SIGKILL, which strace never
   * shows). {@code artifact}: the signal was ignored and only a traced process sees it, so an
   * untraced run generates it and discards it (caveat 1). {@code sender} is si_pid (0 unknown).
   */
  public record Delivery(int line, int to, int signo, int sender, String disposition,
      boolean artifact, boolean inferred) {}

  /** A kill-family call: from, target as passed, signal, return value (-1 on error). */
  public record Kill(int line, int from, String syscall, long target, int signo, long ret) {}

  /** An observed reap: a wait call of {@code reaper} that returned {@code reaped}'s end. */
  public record Reap(int line, int reaper, int reaped) {}

  /**
   * A resource-usage fact of the log (getrusage's minor faults): {@code what} says which, and
   * {@code value} is what the real run measured — the growth since the same process's getrusage
   * at {@code fromLine}, or (fromLine 0) a RUSAGE_CHILDREN total.
   */
  public record Rusage(int line, int fromLine, int pid, String what, long value) {}

  /** The process record of a real PID, or null. */
  public Proc process(int pid) {
    for (Proc p : processes) {
      if (p.pid() == pid) {
        return p;
      }
    }
    return null;
  }
}
