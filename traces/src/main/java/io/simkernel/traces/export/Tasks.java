package io.simkernel.traces.export;

import io.simkernel.api.Signals;
import io.simkernel.api.WaitStatus;
import io.simkernel.api.trace.KernelEvent;
import io.simkernel.api.trace.KernelEvent.SchedBlock;
import io.simkernel.api.trace.KernelEvent.SchedProcessExec;
import io.simkernel.api.trace.KernelEvent.SchedProcessExit;
import io.simkernel.api.trace.KernelEvent.SchedProcessFork;
import io.simkernel.api.trace.KernelEvent.SchedProcessFree;
import io.simkernel.api.trace.KernelEvent.SchedProcessWait;
import io.simkernel.api.trace.KernelEvent.SchedSwitch;
import io.simkernel.api.trace.KernelEvent.SignalDeliver;
import io.simkernel.api.trace.KernelEvent.SignalGenerate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows every process through the events: what it is called, what state it is in, and what
 * became of it — the model behind every exporter. Fed one event at a time ({@link #apply}), so
 * the ftrace exporter can stream; with {@code record} it also keeps each process's state slices
 * and marks, the fork and signal flows and the process counts, for the timelines.
 *
 * <p>Running versus runnable is inferred, since the kernel reports switches only between
 * different processes: a switch to a process makes it RUNNING; a switch away from it on its CPU
 * while it was RUNNING makes it RUNNABLE (preempted); a wake-up makes it RUNNABLE, and if it then
 * acts (an event it causes, on a CPU) without a switch, it was re-dispatched on the CPU it last
 * ran on, so the interval since the wake-up is relabelled RUNNING.
 */
public final class Tasks {
  /** An arrow between two processes: parent to child at a fork, sender to receiver of a signal. */
  public record Flow(long id, String category, String name, Task from, long fromNs, Task to,
      long toNs) {}

  /** How many processes were alive and how many were zombies, from {@code timeNs} on. */
  public record Count(long timeNs, int alive, int zombies) {}

  private static final String[] SIGNAL_RESULTS = {"queued", "ignored", "already pending",
      "queue overflow", "info lost"};

  private final boolean record;
  private final boolean keepAll;
  /** PID to live (not yet freed) task: looked up, never iterated. */
  private final Map<Integer, Task> live = new HashMap<>();
  private final List<Task> all = new ArrayList<>();
  private final List<Flow> flows = new ArrayList<>();
  private final List<Count> counts = new ArrayList<>();
  /** Per task index: signals generated and queued, not yet delivered (sig, sender index, ns). */
  private final Map<Integer, ArrayDeque<long[]>> pending = new HashMap<>();
  private int created;
  private int alive;
  private int zombies;
  private long flowIds;
  private int cpus;

  /**
   * @param record keep slices, marks, flows and counts (for the timelines)
   * @param keepAll keep every task, freed ones too (for summaries)
   */
  public Tasks(boolean record, boolean keepAll) {
    this.record = record;
    this.keepAll = keepAll;
  }

  /** The live task with that PID, created (as one that existed before the trace) if unknown. */
  public Task get(int pid, long ns) {
    Task t = live.get(pid);
    if (t == null) {
      t = add(pid, 0, pid == 1 ? "init" : "pid" + pid, null, ns, TaskState.RUNNABLE);
    }
    return t;
  }

  /** The live task with that PID, or null. */
  public Task find(int pid) {
    return live.get(pid);
  }

  private Task add(int pid, int ppid, String comm, String image, long ns, TaskState s) {
    Task t = new Task(created++, pid, ppid, comm, image, ns, record);
    t.state = s;
    t.since = ns;
    t.label = s.label();
    live.put(pid, t);
    if (keepAll || record) {
      all.add(t);
    }
    alive++;
    count(ns);
    return t;
  }

  /** Advances the model by one event. */
  public void apply(KernelEvent e) {
    long ns = e.timeNs();
    cpus = Math.max(cpus, e.cpu() + 1);
    switch (e.kind()) {
      case SCHED_PROCESS_FORK -> fork((SchedProcessFork) e, ns);
      case SCHED_PROCESS_EXEC -> exec((SchedProcessExec) e, ns);
      case SCHED_PROCESS_EXIT -> exit((SchedProcessExit) e, ns);
      case SCHED_PROCESS_WAIT -> waited((SchedProcessWait) e, ns);
      case SCHED_PROCESS_FREE -> free((SchedProcessFree) e, ns);
      case SCHED_SWITCH -> switched((SchedSwitch) e, ns);
      case SCHED_WAKEUP -> resumed(get(e.pid(), ns), TaskState.BLOCKED, ns);
      case SCHED_BLOCK -> {
        SchedBlock b = (SchedBlock) e;
        Task t = act(e);
        enter(t, TaskState.BLOCKED, "blocked (" + b.state() + "): " + b.cause(), ns);
        t.sleep = b.state();
      }
      case SIGNAL_GENERATE -> generated((SignalGenerate) e, ns);
      case SIGNAL_DELIVER -> delivered((SignalDeliver) e, ns);
      case REPARENT -> {
        KernelEvent.Reparent r = (KernelEvent.Reparent) e;
        Task t = get(r.orphan(), ns);
        t.ppid = r.newParent();
        mark(t, ns, "process", "reparented to " + r.newParent(), "parent was " + r.oldParent());
      }
      case PAGE_FAULT_USER -> act(e).faults++;
      case WRITE -> {
        Task t = act(e);
        t.writes++;
        t.bytesWritten += ((KernelEvent.Write) e).bytes();
      }
      case TASK_STOP -> {
        Task t = act(e);
        String sig = Signals.name(((KernelEvent.TaskStop) e).signal());
        enter(t, TaskState.STOPPED, "stopped by " + sig, ns);
      }
      case TASK_CONTINUE -> resumed(get(e.pid(), ns), TaskState.STOPPED, ns);
      case LIMIT -> mark(act(e), ns, "limit", "limit " + ((KernelEvent.Limit) e).limit()
          + " stopped the run", "");
      case CREATE_PROCESS -> createProcess((KernelEvent.CreateProcess) e, ns);
      case IMAGE_LOAD -> {
        KernelEvent.ImageLoad l = (KernelEvent.ImageLoad) e;
        mark(get(l.pid(), ns), ns, "process", "image " + l.image(), l.pages() + " pages");
      }
      case HANDLE_OPEN, HANDLE_CLOSE, JOB_ASSIGN, JOB_TERMINATE -> { } // no task state changes
    }
  }

  private void fork(SchedProcessFork f, long ns) {
    Task parent = act(f);
    parent.forks++;
    Task old = live.get(f.child());
    if (old != null) { // a PID reused without a free event: the trace began mid-way
      end(old, ns);
    }
    Task child = add(f.child(), parent.pid, parent.comm, parent.image, ns, TaskState.RUNNABLE);
    mark(parent, ns, "process", (f.vfork() ? "vfork" : "fork") + " → " + f.child(), "");
    flow("fork", f.vfork() ? "vfork" : "fork", parent, ns, child, ns);
  }

  /** CreateProcess: a new task running an image from its start, not a copy of the creator. */
  private void createProcess(KernelEvent.CreateProcess c, long ns) {
    Task creator = act(c);
    Task old = live.get(c.child());
    if (old != null) {
      end(old, ns);
    }
    String comm = c.image().substring(c.image().lastIndexOf('/') + 1);
    Task child = add(c.child(), 0, comm, c.image(), ns, TaskState.RUNNABLE);
    mark(creator, ns, "process", "CreateProcess → " + c.child(), c.image());
    flow("create_process", "CreateProcess", creator, ns, child, ns);
  }

  private void exec(SchedProcessExec x, long ns) {
    Task t = act(x);
    t.execs++;
    t.image = x.filename();
    t.comm = x.filename().substring(x.filename().lastIndexOf('/') + 1);
    mark(t, ns, "process", "exec " + x.filename(), "");
  }

  private void exit(SchedProcessExit x, long ns) {
    Task t = act(x);
    t.comm = x.comm();
    t.status = x.status();
    t.exitNs = ns;
    mark(t, ns, "process", "exit: " + WaitStatus.describe(x.status()), "");
    enter(t, TaskState.ZOMBIE, TaskState.ZOMBIE.label(), ns);
    alive--;
    zombies++;
    count(ns);
  }

  private void waited(SchedProcessWait w, long ns) {
    Task waiter = w.cpu() >= 0 ? act(w) : get(w.waiter(), ns);
    if (w.reaped()) {
      Task child = live.get(w.child());
      if (child != null && child.reapedBy == 0) {
        child.reapedBy = w.waiter();
      }
      mark(waiter, ns, "process", "reaped " + w.child() + " (" + WaitStatus.describe(w.status())
          + ")", "");
    }
  }

  private void free(SchedProcessFree f, long ns) {
    Task t = live.get(f.pid());
    if (t == null) {
      return;
    }
    if (t.reapedBy == 0) {
      t.reapedBy = f.autoReaped() ? -1 : f.reaper();
    }
    end(t, ns);
  }

  private void end(Task t, long ns) {
    close(t, ns);
    t.freeNs = ns;
    live.remove(t.pid);
    pending.remove(t.index);
    if (t.state == TaskState.ZOMBIE) {
      zombies--;
    } else {
      alive--;
    }
    count(ns);
  }

  private void switched(SchedSwitch s, long ns) {
    Task prev = live.get(s.prevPid());
    if (prev != null && prev.pid != s.nextPid() && prev.state == TaskState.RUNNING
        && prev.cpu == s.cpu()) {
      enter(prev, TaskState.RUNNABLE, "runnable (preempted)", ns);
    }
    Task next = get(s.nextPid(), ns);
    enter(next, TaskState.RUNNING, TaskState.RUNNING.label(), ns);
    next.cpu = s.cpu();
    next.lastCpu = s.cpu();
  }

  /** A wake-up or SIGCONT: from {@code from} to runnable (ignored in any other state). */
  private void resumed(Task t, TaskState from, long ns) {
    if (t.state == from) {
      enter(t, TaskState.RUNNABLE, TaskState.RUNNABLE.label(), ns);
      t.wokenRunnable = true;
    }
  }

  private void generated(SignalGenerate g, long ns) {
    Task target = get(g.target(), ns);
    target.signalsReceived++;
    String result = g.result() >= 0 && g.result() < SIGNAL_RESULTS.length
        ? SIGNAL_RESULTS[g.result()] : "result " + g.result();
    mark(target, ns, "signal", Signals.name(g.signal()) + " generated (" + result + ")",
        g.sender() == 0 ? "from the kernel" : "from pid " + g.sender());
    Task sender = g.sender() == 0 || g.sender() == g.target() ? null : live.get(g.sender());
    if (!record || sender == null) {
      return;
    }
    if (g.result() == 0) {
      pending.computeIfAbsent(target.index, k -> new ArrayDeque<>())
          .addLast(new long[] {g.signal(), sender.index, ns});
    } else {
      flow("signal", Signals.name(g.signal()), sender, ns, target, ns);
    }
  }

  private void delivered(SignalDeliver d, long ns) {
    Task t = act(d);
    t.signalsDelivered++;
    mark(t, ns, "signal", Signals.name(d.signal()) + " delivered", d.handler() == 0
        ? "default action" : "handler 0x" + Long.toHexString(d.handler()));
    ArrayDeque<long[]> q = pending.get(t.index);
    if (q == null) {
      return;
    }
    for (var it = q.iterator(); it.hasNext(); ) {
      long[] p = it.next();
      if (p[0] == d.signal()) {
        it.remove();
        Task sender = all.get((int) p[1]);
        flow("signal", Signals.name(d.signal()), sender, p[2], t, ns);
        return;
      }
    }
  }

  /**
   * The task that caused an event on a CPU: if it was not seen running, it is now (see the
   * class comment); returns it.
   */
  private Task act(KernelEvent e) {
    Task t = get(e.pid(), e.timeNs());
    if (e.cpu() < 0 || t.state == TaskState.RUNNING || t.state == TaskState.ZOMBIE) {
      return t;
    }
    if (t.state == TaskState.RUNNABLE && t.wokenRunnable) {
      t.state = TaskState.RUNNING; // re-dispatched without a switch: running since the wake-up
      t.label = TaskState.RUNNING.label();
    } else {
      enter(t, TaskState.RUNNING, TaskState.RUNNING.label(), e.timeNs());
    }
    t.cpu = e.cpu();
    t.lastCpu = e.cpu();
    return t;
  }

  private void enter(Task t, TaskState s, String label, long ns) {
    close(t, ns);
    t.state = s;
    t.since = ns;
    t.label = label;
    t.wokenRunnable = false;
    if (s != TaskState.RUNNING) {
      t.cpu = -1;
    }
  }

  /** Ends the open interval at {@code ns}: CPU time, and a slice when recording. */
  private void close(Task t, long ns) {
    if (t.state == TaskState.RUNNING) {
      t.cpuNs += ns - t.since;
    }
    if (record && ns > t.since) {
      t.slices.add(new Task.Slice(t.state, t.since, ns, t.label));
    }
    t.since = ns;
  }

  private void mark(Task t, long ns, String category, String name, String detail) {
    if (record) {
      t.marks.add(new Task.Mark(ns, category, name, detail));
    }
  }

  private void flow(String category, String name, Task from, long fromNs, Task to, long toNs) {
    if (record) {
      flows.add(new Flow(++flowIds, category, name, from, fromNs, to, toNs));
    }
  }

  private void count(long ns) {
    if (!record) {
      return;
    }
    if (!counts.isEmpty() && counts.get(counts.size() - 1).timeNs() == ns) {
      counts.remove(counts.size() - 1); // several changes at one instant: keep the last
    }
    counts.add(new Count(ns, alive, zombies));
  }

  /** Closes every open interval at the end of the trace (the processes stay as they were). */
  public void finish(long endNs) {
    for (Task t : all) {
      if (t.freeNs < 0) {
        close(t, Math.max(endNs, t.since));
      }
    }
  }

  /** Every task, in creation order (only when recording or keeping all). */
  public List<Task> all() {
    return all;
  }

  public List<Flow> flows() {
    return flows;
  }

  public List<Count> counts() {
    return counts;
  }

  /** One more than the highest CPU number seen (at least 1). */
  public int cpus() {
    return Math.max(1, cpus);
  }
}
