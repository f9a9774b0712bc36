package io.simkernel.traces.strace;

import io.simkernel.traces.strace.StraceEvent.Call;
import io.simkernel.traces.strace.StraceEvent.Exit;
import io.simkernel.traces.strace.TracedProcess.Clones;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The process tree of a log: the root (the first task that no clone in the log created), every
 * process created by clone/clone3/fork/vfork, who created whom, and each one's events. Threads
 * (CLONE_THREAD) are folded into their thread group — the simulator has none — and said so in
 * {@link #notes()}.
 *
 * <p>A line may come from a task before the line where its parent's clone returns (trace-formats
 * A.2), so creations are collected in a first pass and tasks attached to their parents in a
 * second. Every process must end in the log ({@code +++ exited/killed +++}): a replay needs to
 * know how, and a missing end means a truncated log.
 */
public final class ProcessTree {
  private final String file;
  private final int lines;
  private final Map<Integer, Call> creations = new TreeMap<>();
  private final Map<Integer, Integer> threadOf = new TreeMap<>();
  private final Map<Integer, TracedProcess> byPid = new TreeMap<>();
  private final List<TracedProcess> processes = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<StraceEvent> events;
  private TracedProcess root;

  private ProcessTree(StraceReader.Log log) {
    this.file = log.file();
    this.lines = log.lines();
    this.events = log.events();
  }

  /** Builds the tree; throws {@link StraceException} for a log that is not one whole tree. */
  public static ProcessTree build(StraceReader.Log log) {
    ProcessTree t = new ProcessTree(log);
    t.collectCreations();
    t.attach();
    t.finish();
    return t;
  }

  public String file() {
    return file;
  }

  /** Lines in the log. */
  public int lines() {
    return lines;
  }

  public TracedProcess root() {
    return root;
  }

  /** Every process, the root first, then in the order they were created. */
  public List<TracedProcess> processes() {
    return processes;
  }

  /** The process with that real PID, or null. */
  public TracedProcess get(int pid) {
    return byPid.get(pid);
  }

  /** The process a TID belongs to (a thread's group), or null. */
  public TracedProcess ownerOf(int tid) {
    Integer tg = threadOf.get(tid);
    return byPid.get(tg == null ? tid : tg);
  }

  /** Every event of the log, in order. */
  public List<StraceEvent> events() {
    return events;
  }

  /** What the tree had to simplify (threads folded into their process). */
  public List<String> notes() {
    return notes;
  }

  private void collectCreations() {
    for (StraceEvent e : events) {
      if (e instanceof Call c) {
        int child = Clones.child(c);
        if (child > 0) {
          creations.put(child, c);
        }
      }
    }
  }

  private void attach() {
    for (StraceEvent e : events) {
      TracedProcess p = owner(e.tid(), e.line());
      if (e instanceof Exit x) {
        if (x.tid() != p.pid()) {
          continue; // a thread's own end; the group ends with its leader
        }
        if (p.end() != null) {
          throw new StraceException(file, x.line(), "process " + p.pid() + " ends a second time "
              + "(it ended at line " + p.end().line() + ")", "one `+++` line per process "
              + "(a PID reused within one log is not supported)");
        }
        p.setEnd(x);
        continue;
      }
      if (p.end() != null) {
        throw new StraceException(file, e.line(), "process " + p.pid() + " has a line after it "
            + "ended at line " + p.end().line(), "no line from a PID after its `+++` line "
            + "(a PID reused within one log is not supported)");
      }
      p.events().add(e);
    }
  }

  private TracedProcess owner(int tid, int line) {
    TracedProcess known = ownerOf(tid);
    if (known != null) {
      return known;
    }
    Call c = creations.get(tid);
    if (c == null) {
      if (root != null) {
        throw new StraceException(file, line, "task " + tid + " appears, but no clone, fork or "
            + "vfork in the log created it (the root is " + root.pid() + ")",
            "the log of one process tree, traced with -f from its first process");
      }
      root = add(new TracedProcess(tid, null, null));
      return root;
    }
    TracedProcess parent = owner(c.tid(), c.line());
    if (Clones.isThread(c)) {
      threadOf.put(tid, parent.pid());
      notes.add("thread " + tid + " (line " + c.line() + ") is folded into process "
          + parent.pid() + ": the simulator has no threads");
      return parent;
    }
    for (String flag : Clones.childrenFlagsNote(c)) {
      notes.add("process " + tid + " was created with " + flag + " (line " + c.line()
          + "), which the replay ignores");
    }
    TracedProcess child = add(new TracedProcess(tid, parent, c));
    parent.children().add(child);
    return child;
  }

  private TracedProcess add(TracedProcess p) {
    byPid.put(p.pid(), p);
    processes.add(p);
    return p;
  }

  private void finish() {
    if (root == null) {
      throw new StraceException(file, 1, "the log has no process", "strace -f output");
    }
    for (Map.Entry<Integer, Call> e : creations.entrySet()) {
      if (!Clones.isThread(e.getValue()) && ownerOf(e.getKey()) == null) {
        throw new StraceException(file, e.getValue().endLine(), "pid " + e.getKey() + " created "
            + "here never appears in the log", "its lines, at least `+++ exited with N +++` "
            + "(was the log captured with -f?)");
      }
    }
    Comparator<TracedProcess> byCreation = Comparator.comparingInt(
        p -> p.creation() == null ? 0 : p.creation().line());
    processes.sort(byCreation);
    for (TracedProcess p : processes) {
      p.children().sort(byCreation);
      if (p.end() == null) {
        int last = p.events().isEmpty() ? lines : p.events().get(p.events().size() - 1).line();
        throw new StraceException(file, lines, "the log ends before process " + p.pid()
            + " ended (its last line is " + last + ")", "its `+++ exited with N +++` or "
            + "`+++ killed by SIGX +++` line: is the log truncated?");
      }
    }
  }
}
