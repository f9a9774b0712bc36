package io.simkernel.kernel.oracle;

import io.simkernel.api.trace.EventKind;
import io.simkernel.api.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A deliberately small reference model of the POSIX process lifecycle, xv6-sized: a process
 * table of {pid, parent, ordered children, state, exit status, pending fatal signal, subreaper
 * and SIGCHLD-ignored flags}, and the rules, each a few lines, written from posix-semantics and
 * Linux's kernel/exit.c and kernel/signal.c, not from the simulator:
 *
 * <ul>
 *   <li>fork: the next PID (sequential allocation, PID-2), appended to the parent's children
 *       (FK-7); the SIGCHLD disposition is inherited, the subreaper flag is not;</li>
 *   <li>kill with SIGTERM/SIGKILL, default action: the first fatal signal generated for a live,
 *       not yet exiting process decides its status (complete_signal sets SIGNAL_GROUP_EXIT; a
 *       later one is dropped by prepare_signal);</li>
 *   <li>exit: status {@code code << 8}, or the fatal signal's number; children go, in list
 *       order (RP-3), to the nearest live subreaper ancestor, else init (RP-1, RP-2); a child of
 *       a parent ignoring SIGCHLD is released at once (auto-reap);</li>
 *   <li>wait(-1): the first zombie child in list order; WNOHANG answers 0 only when no child
 *       was a zombie; -ECHILD only when there was no child.</li>
 * </ul>
 *
 * <p>What is <em>not</em> modelled is scheduling: who runs when is taken from the kernel's trace
 * (the fork, exit, reparent, wait, free and signal events, and each {@code print}'s write),
 * and at each of those points the model says what the outcome must be. A system call and its
 * print are two instructions apart, so a printed result is held against every state the model
 * went through since the process's previous print ("windows"); results are exact because the
 * state a result depends on changes monotonically within a window (see {@link Proc}).
 *
 * <p>Independence: this file uses no kernel class, nor the API's wait-status helpers; it reads
 * only the event records and the console text.
 */
public final class LifecycleModel {
  static final int ECHILD = -10;
  static final int ESRCH = -3;
  static final int SIGKILL = 9;
  static final int SIGTERM = 15;

  /** Three-valued: a flag whose change is announced by a print before and after the call. */
  enum Tri { NO, MAYBE, YES }

  /** A process as the model sees it. */
  static final class Proc {
    final int pid;
    int parent;
    final List<Integer> children = new ArrayList<>();
    boolean zombie;
    boolean freed;
    boolean exitAnnounced;
    int exitCode = -1;
    int fatal;
    int status = -1;
    Tri subreaper = Tri.NO;
    Tri ignoresSigchld = Tri.NO;
    int node = -1;
    // the window since this process's previous observable step
    long windowStart;
    boolean sawNoChild;
    boolean sawChildrenWithoutZombie;
    final TreeSet<Integer> parentsSeen = new TreeSet<>();
    final TreeSet<Integer> zombiesAtStart = new TreeSet<>();
    long lastWaitSeq = -1;
    int lastWaitChild;
    int lastWaitStatus;
    boolean lastWaitWasFirst;
    final List<long[]> killsInWindow = new ArrayList<>(); // {target, sig}

    Proc(int pid, int parent) {
      this.pid = pid;
      this.parent = parent;
    }
  }

  final TreeMap<Integer, Proc> procs = new TreeMap<>();
  private final List<String> bad = new ArrayList<>();
  private final String[] lines;
  private int nextLine;
  private int lastPid = 1;

  private LifecycleModel(String stdout) {
    this.lines = stdout.isEmpty() ? new String[0] : stdout.split("\n", -1);
    Proc init = new Proc(1, 0);
    procs.put(1, init);
  }

  /**
   * Replays a run against the model: every discrepancy, in trace order (empty when the kernel
   * behaved as the model predicts). {@code finalStatuses} maps each process the kernel recorded
   * to its exit status (-1 when it did not exit).
   */
  public static List<String> check(List<TraceEvent> events, String stdout,
      TreeMap<Integer, Integer> finalStatuses) {
    LifecycleModel m = new LifecycleModel(stdout);
    for (TraceEvent e : events) {
      m.step(e);
      if (m.bad.size() > 20) {
        break;
      }
    }
    m.finish(finalStatuses);
    return m.bad;
  }

  private void step(TraceEvent e) {
    switch (e.kind()) {
      case SCHED_PROCESS_FORK -> fork(e);
      case SCHED_PROCESS_EXIT -> exit(e);
      case REPARENT -> reparent(e);
      case SCHED_PROCESS_WAIT -> waited(e);
      case SCHED_PROCESS_FREE -> free(e);
      case SIGNAL_GENERATE -> signal(e);
      case WRITE -> {
        if (e.a() == 1) {
          Prints.print(this, e, nextLine < lines.length ? lines[nextLine++] : null);
        }
      }
      default -> { }
    }
    observe();
  }

  private void fork(TraceEvent e) {
    int child = (int) e.a();
    Proc parent = get(e, e.pid());
    if (parent == null) {
      return;
    }
    if (child != lastPid + 1) {
      bad(e, "fork gave pid " + child + ", the model allocates " + (lastPid + 1) + " (PID-2)");
    }
    lastPid = Math.max(lastPid, child);
    Proc c = new Proc(child, parent.pid);
    c.ignoresSigchld = parent.ignoresSigchld; // dispositions are inherited, SIG_IGN included
    procs.put(child, c);
    parent.children.add(child);
    resetWindow(c, e.seq());
    if (parent.pid != 1) {
      resetWindow(parent, e.seq());
    }
  }

  private void exit(TraceEvent e) {
    Proc p = get(e, e.pid());
    if (p == null) {
      return;
    }
    if (p.zombie || p.freed) {
      bad(e, "pid " + p.pid + " exits twice");
      return;
    }
    int status = (int) e.a();
    boolean byExit = p.exitAnnounced && status == p.exitCode << 8;
    // Linux: the first fatal signal sets SIGNAL_GROUP_EXIT in complete_signal and a later one
    // is dropped (prepare_signal, SG-11): SIGTERM then SIGKILL before delivery ends in SIGTERM
    boolean bySignal = p.fatal != 0 && status == p.fatal;
    if (!byExit && !bySignal) {
      bad(e, "pid " + p.pid + " ended with status 0x" + Integer.toHexString(status)
          + "; the model allows " + (p.fatal != 0 ? "0x" + Integer.toHexString(p.fatal) + " (its"
          + " first fatal signal)" : "") + (p.exitAnnounced ? " 0x" + Integer.toHexString(
          p.exitCode << 8) + " (its exit call)" : ""));
    }
    p.zombie = true;
    p.status = status;
  }

  private void reparent(TraceEvent e) {
    Proc orphan = get(e, e.pid());
    Proc old = get(e, (int) e.a());
    Proc now = get(e, (int) e.b());
    if (orphan == null || old == null || now == null) {
      return;
    }
    if (orphan.parent != old.pid) {
      bad(e, "pid " + orphan.pid + " reparented from " + old.pid + ", but its parent is "
          + orphan.parent);
      return;
    }
    if (!old.children.isEmpty() && old.children.get(0) != orphan.pid) {
      bad(e, "pid " + orphan.pid + " reparented before " + old.children.get(0)
          + ", which comes first in " + old.pid + "'s children " + old.children + " (RP-3)");
    }
    TreeSet<Integer> allowed = reapers(old);
    if (!allowed.contains(now.pid)) {
      bad(e, "pid " + orphan.pid + " reparented to " + now.pid + "; the model's reapers for "
          + old.pid + "'s orphans: " + allowed + " (RP-1, RP-2)");
    }
    old.children.remove((Integer) orphan.pid);
    now.children.add(orphan.pid);
    orphan.parent = now.pid;
  }

  /**
   * find_new_reaper: up the parent chain, the first subreaper that has not begun to exit, else
   * init. A flag or an exit whose moment is unknown (between the announcing print and the event
   * that proves it) makes that ancestor a possible, not the certain, answer.
   */
  TreeSet<Integer> reapers(Proc exiting) {
    TreeSet<Integer> r = new TreeSet<>();
    Proc a = procs.get(exiting.parent);
    while (a != null && a.pid != 1) {
      boolean dead = a.zombie || a.freed;
      boolean maybeExiting = a.exitAnnounced || a.fatal != 0;
      if (!dead && a.subreaper != Tri.NO) {
        r.add(a.pid);
        if (a.subreaper == Tri.YES && !maybeExiting) {
          return r;
        }
      }
      a = procs.get(a.parent);
    }
    r.add(1);
    return r;
  }

  private void waited(TraceEvent e) {
    Proc w = get(e, e.pid());
    Proc c = get(e, (int) e.a());
    if (w == null || c == null) {
      return;
    }
    if (c.parent != w.pid || !c.zombie) {
      bad(e, w.pid + " reaped " + c.pid + ", which is " + (c.zombie ? "" : "not a zombie and ")
          + "the child of " + c.parent);
    }
    if (e.b() != c.status) {
      bad(e, w.pid + " got status 0x" + Long.toHexString(e.b()) + " for " + c.pid
          + ", which ended with 0x" + Integer.toHexString(c.status));
    }
    w.lastWaitSeq = e.seq();
    w.lastWaitChild = c.pid;
    w.lastWaitStatus = (int) e.b();
    w.lastWaitWasFirst = firstZombie(w) == c.pid;
  }

  int firstZombie(Proc w) {
    for (int c : w.children) {
      if (procs.get(c).zombie) {
        return c;
      }
    }
    return 0;
  }

  private void free(TraceEvent e) {
    Proc c = get(e, e.pid());
    Proc reaper = get(e, (int) e.a());
    if (c == null || reaper == null) {
      return;
    }
    boolean auto = e.b() == 1;
    if (!c.zombie || c.freed) {
      bad(e, "pid " + c.pid + " released while " + (c.freed ? "already released" : "alive"));
    }
    if (c.parent != reaper.pid) {
      bad(e, "pid " + c.pid + " released by " + reaper.pid + ", not by its parent " + c.parent);
    }
    if (auto && reaper.ignoresSigchld == Tri.NO) {
      bad(e, "pid " + c.pid + " auto-reaped, but " + reaper.pid + " does not ignore SIGCHLD");
    }
    if (!auto && reaper.pid != 1 && (reaper.lastWaitSeq < 0
        || reaper.lastWaitChild != c.pid)) {
      bad(e, "pid " + c.pid + " released by " + reaper.pid + " without a wait reporting it");
    }
    c.freed = true;
    reaper.children.remove((Integer) c.pid);
  }

  private void signal(TraceEvent e) {
    int sig = (int) e.a();
    Proc t = procs.get(e.pid());
    Proc sender = procs.get((int) e.b());
    if (t == null || (sig != SIGKILL && sig != SIGTERM)) {
      return;
    }
    if (sender != null) {
      sender.killsInWindow.add(new long[] {t.pid, sig});
    }
    if (!t.zombie && !t.freed && t.fatal == 0) {
      t.fatal = sig; // a later fatal signal is dropped: the target is exiting (SG-11)
    }
  }

  /** After each event: what each live process's pending results may still be based on. */
  private void observe() {
    for (Proc p : procs.values()) {
      if (p.zombie || p.freed) {
        continue;
      }
      if (p.children.isEmpty()) {
        p.sawNoChild = true;
      } else if (firstZombie(p) == 0) {
        p.sawChildrenWithoutZombie = true;
      }
      p.parentsSeen.add(p.parent);
    }
  }

  void resetWindow(Proc p, long seq) {
    p.windowStart = seq;
    p.sawNoChild = p.children.isEmpty();
    p.sawChildrenWithoutZombie = !p.children.isEmpty() && firstZombie(p) == 0;
    p.parentsSeen.clear();
    p.parentsSeen.add(p.parent);
    p.zombiesAtStart.clear();
    for (int c : p.children) {
      if (procs.get(c).zombie) {
        p.zombiesAtStart.add(c);
      }
    }
    p.killsInWindow.clear();
  }

  private void finish(TreeMap<Integer, Integer> finalStatuses) {
    if (nextLine < lines.length && !(nextLine == lines.length - 1 && lines[nextLine].isEmpty())) {
      bad.add("stdout has " + (lines.length - 1 - nextLine) + " lines no write event explains");
    }
    for (Proc p : procs.values()) {
      if (p.pid == 1) {
        continue;
      }
      Integer s = finalStatuses.get(p.pid);
      if (s == null) {
        bad.add("pid " + p.pid + " exists in the model but not in the kernel's records");
      } else if (s != p.status) {
        bad.add("pid " + p.pid + ": kernel status 0x" + Integer.toHexString(s) + ", model 0x"
            + Integer.toHexString(p.status));
      }
      if (!p.freed) {
        bad.add("pid " + p.pid + " never released (model: " + (p.zombie ? "zombie" : "alive")
            + ", parent " + p.parent + ")");
      }
    }
    if (finalStatuses.size() != procs.size() - 1) {
      bad.add("kernel recorded " + finalStatuses.size() + " processes, model "
          + (procs.size() - 1));
    }
  }

  Proc get(TraceEvent e, int pid) {
    Proc p = procs.get(pid);
    if (p == null) {
      bad(e, "pid " + pid + " is unknown to the model");
    }
    return p;
  }

  void bad(TraceEvent e, String what) {
    bad.add("#" + e.seq() + " at " + e.timeNs() + " ns: " + what);
  }
}
