package io.simkernel.kernel.check;

import io.simkernel.kernel.Kernel;
import io.simkernel.kernel.ipc.FdTable;
import io.simkernel.kernel.ipc.OpenFile;
import io.simkernel.kernel.ipc.Pipe;
import io.simkernel.kernel.proc.Process;
import io.simkernel.kernel.proc.TaskState;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The wait-for graph of a deadlocked kernel: for every blocked process, what it sleeps in and
 * which processes could wake it. A reader of an empty pipe waits for the processes holding the
 * pipe's write end (pipe(7): it sleeps while a writer exists); a writer of a full pipe waits for
 * the holders of the read end; a parent in {@code wait} waits for its children. Following the
 * edges gives the chain the liveness rule reports ("no process is blocked forever unless the
 * program itself deadlocks": when it does, the report names the cycle), e.g.
 * {@code pid 3 in pipe_read waits for writers [2, 3]; pid 2 in pipe_read waits for writers [2, 3]}.
 *
 * <p>Read-only, and deterministic: processes are visited in PID order, holders sorted.
 */
public final class WaitForGraph {
  private WaitForGraph() {}

  /** One line per blocked process, in PID order; empty when nothing is blocked. */
  public static String describe(Kernel k) {
    List<String> lines = new ArrayList<>();
    k.table().forEach(p -> {
      if (p.state() == TaskState.TASK_INTERRUPTIBLE || p.state() == TaskState.TASK_UNINTERRUPTIBLE
          || p.state() == TaskState.TASK_STOPPED) {
        lines.add(edge(k, p));
      }
    });
    return String.join("; ", lines);
  }

  private static String edge(Kernel k, Process p) {
    StringBuilder sb = new StringBuilder("pid ").append(p.pid()).append(" (")
        .append(p.comm()).append(") ");
    if (p.state() == TaskState.TASK_STOPPED) {
      return sb.append("stopped, waits for SIGCONT").toString();
    }
    Pipe pipe = pipeOf(p);
    if (pipe != null) {
      boolean reading = p.blockedOn() == pipe.readWait();
      sb.append(reading ? "in pipe_read waits for writers " : "in pipe_write waits for readers ")
          .append(holders(k, pipe, reading ? OpenFile.Kind.PIPE_WRITE : OpenFile.Kind.PIPE_READ));
    } else if (p.blockedOn() == p.childWait()) {
      sb.append("in wait for children ").append(p.children());
    } else {
      sb.append("blocked (").append(p.state().name()).append(')');
    }
    return sb.toString();
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
