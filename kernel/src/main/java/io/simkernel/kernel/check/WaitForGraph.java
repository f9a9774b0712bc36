package io.simkernel.kernel.check;

import io.simkernel.kernel.Kernel;
import io.simkernel.kernel.ipc.FdTable;
import io.simkernel.kernel.ipc.OpenFile;
import io.simkernel.kernel.ipc.Pipe;
import io.simkernel.kernel.ipc.Semaphores;
import io.simkernel.kernel.proc.Process;
import io.simkernel.kernel.proc.TaskState;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The wait-for graph of a deadlocked kernel: for every blocked process, what it sleeps in and
 * which processes could wake it. A reader of an empty pipe waits for the processes holding the
 * pipe's write end (pipe(7): it sleeps while a writer exists); a writer of a full pipe waits for
 * the holders of the read end; a parent in {@code wait} waits for its children; a process in
 * {@code mp.join} (or the exit hook's joins, B19) waits for the joined child; a sleeper in
 * {@code sem_wait} or {@code mp.acquire} waits for the semaphore's holders — the processes that
 * took units and have not posted (sem_overview(7); a dead holder never posts, B29). Following the
 * edges gives the chain the liveness rule reports ("no process is blocked forever unless the
 * program itself deadlocks": when it does, the report names the cycle), e.g.
 * {@code pid 2 (p) in mp.acquire(lock 2) waits for holders [3]; pid 3 (p) in mp.acquire(lock 1)
 * waits for holders [2]; cycle: 2 -> 3 -> 2}.
 *
 * <p>Read-only, and deterministic: processes are visited in PID order, holders sorted.
 */
public final class WaitForGraph {
  private WaitForGraph() {}

  /** One line per blocked process, in PID order, then the first cycle; empty when none blocks. */
  public static String describe(Kernel k) {
    List<String> lines = new ArrayList<>();
    TreeMap<Integer, TreeSet<Integer>> edges = new TreeMap<>();
    k.table().forEach(p -> {
      if (p.state() == TaskState.TASK_INTERRUPTIBLE || p.state() == TaskState.TASK_UNINTERRUPTIBLE
          || p.state() == TaskState.TASK_STOPPED) {
        TreeSet<Integer> to = new TreeSet<>();
        lines.add(edge(k, p, to));
        edges.put(p.pid(), to);
      }
    });
    String cycle = cycle(edges);
    if (cycle != null) {
      lines.add("cycle: " + cycle);
    }
    return String.join("; ", lines);
  }

  private static String edge(Kernel k, Process p, TreeSet<Integer> to) {
    StringBuilder sb = new StringBuilder("pid ").append(p.pid()).append(" (")
        .append(p.comm()).append(") ");
    if (p.state() == TaskState.TASK_STOPPED) {
      return sb.append("stopped, waits for SIGCONT").toString();
    }
    Pipe pipe = pipeOf(p);
    Semaphores.Sem sem = p.blockedOn() == null ? null : k.semaphores().sleepingOn(p.blockedOn());
    int joined = k.mpJoinTarget(p);
    if (pipe != null) {
      boolean reading = p.blockedOn() == pipe.readWait();
      to.addAll(holders(k, pipe, reading ? OpenFile.Kind.PIPE_WRITE : OpenFile.Kind.PIPE_READ));
      sb.append(reading ? "in pipe_read waits for writers " : "in pipe_write waits for readers ")
          .append(to);
    } else if (sem != null) {
      for (int h : sem.holders().toArray()) {
        to.add(h);
      }
      sb.append(sem.name() == null ? "in mp.acquire(lock " + k.semaphores().handleOf(sem) + ")"
          : "in sem_wait(\"" + sem.name() + "\")").append(" waits for holders ").append(to);
    } else if (joined != 0) {
      to.add(joined);
      sb.append("in mp.join waits for pid ").append(joined);
    } else if (p.blockedOn() == p.childWait()) {
      for (int c : p.children().toArray()) {
        to.add(c);
      }
      sb.append("in wait for children ").append(p.children());
    } else {
      sb.append("blocked (").append(p.state().name()).append(')');
    }
    return sb.toString();
  }

  /** The first cycle found from the lowest blocked pid, as "a -> b -> a", or null. */
  static String cycle(TreeMap<Integer, TreeSet<Integer>> edges) {
    for (int start : edges.keySet()) {
      List<Integer> path = new ArrayList<>();
      String c = walk(start, edges, path);
      if (c != null) {
        return c;
      }
    }
    return null;
  }

  private static String walk(int pid, TreeMap<Integer, TreeSet<Integer>> edges,
      List<Integer> path) {
    int at = path.indexOf(pid);
    if (at >= 0) {
      StringBuilder sb = new StringBuilder();
      for (int i = at; i < path.size(); i++) {
        sb.append(path.get(i)).append(" -> ");
      }
      return sb.append(pid).toString();
    }
    TreeSet<Integer> next = edges.get(pid);
    if (next == null) {
      return null; // not blocked: it could still wake the others
    }
    path.add(pid);
    for (int n : next) {
      String c = walk(n, edges, path);
      if (c != null) {
        return c;
      }
    }
    path.remove(path.size() - 1);
    return null;
  }

  /** The pipe whose read or write queue {@code p} sleeps on, from its own descriptors. */
  private static Pipe pipeOf(Process p) {
    FdTable files = p.files();
    for (int fd = 0; files != null && p.blockedOn() != null && fd < files.capacity(); fd++) {
      OpenFile f = files.get(fd);
      if (f != null && f.pipe() != null && (p.blockedOn() == f.pipe().readWait()
          || p.blockedOn() == f.pipe().writeWait())) {
        return f.pipe();
      }
    }
    return null;
  }

  /** PIDs holding a descriptor of the given end of {@code pipe}. */
  private static TreeSet<Integer> holders(Kernel k, Pipe pipe, OpenFile.Kind end) {
    TreeSet<Integer> pids = new TreeSet<>();
    k.table().forEach(q -> {
      FdTable files = q.files();
      for (int fd = 0; files != null && fd < files.capacity(); fd++) {
        OpenFile f = files.get(fd);
        if (f != null && f.pipe() == pipe && f.kind() == end) {
          pids.add(q.pid());
        }
      }
    });
    return pids;
  }
}
