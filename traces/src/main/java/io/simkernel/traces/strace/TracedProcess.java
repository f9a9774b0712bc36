package io.simkernel.traces.strace;

import io.simkernel.traces.strace.StraceEvent.Call;
import io.simkernel.traces.strace.StraceEvent.Exit;
import java.util.ArrayList;
import java.util.List;

/**
 * One process of the log (a thread group: its threads' lines are folded into it), with the
 * events of its life in the order their first lines appear, and how it ended.
 */
public final class TracedProcess {
  private final int pid;
  private final TracedProcess parent;
  private final Call creation;
  private final List<StraceEvent> events = new ArrayList<>();
  private final List<TracedProcess> children = new ArrayList<>();
  private Exit end;

  TracedProcess(int pid, TracedProcess parent, Call creation) {
    this.pid = pid;
    this.parent = parent;
    this.creation = creation;
  }

  /** The real PID (thread-group id). */
  public int pid() {
    return pid;
  }

  /** The process whose clone/fork/vfork created it; null for the root. */
  public TracedProcess parent() {
    return parent;
  }

  /** The call that created it; null for the root. */
  public Call creation() {
    return creation;
  }

  public boolean isRoot() {
    return parent == null;
  }

  /** Calls, deliveries and group stops, in order; the end is {@link #end()}. */
  public List<StraceEvent> events() {
    return events;
  }

  /** Its children, in the order they were created. */
  public List<TracedProcess> children() {
    return children;
  }

  /** {@code +++ exited/killed +++} of its leader. */
  public Exit end() {
    return end;
  }

  void setEnd(Exit e) {
    end = e;
  }

  /** True when created by vfork (or clone with CLONE_VFORK): the parent waits for its exec. */
  public boolean vforked() {
    return creation != null && Clones.isVfork(creation);
  }

  /**
   * When its own timeline starts: the end of the root's first execve, or for a child the return
   * of the creating call — earlier if the child's first line already came (trace-formats A.2).
   */
  public long startUs() {
    if (creation == null) {
      StraceEvent first = events.isEmpty() ? end : events.get(0);
      if (first instanceof Call c && c.name().startsWith("execve") && c.succeeded()) {
        return c.endUs();
      }
      return first.timeUs();
    }
    long t = creation.endUs();
    if (!events.isEmpty()) {
      t = Math.min(t, events.get(0).timeUs());
    }
    return Math.min(t, end.timeUs());
  }

  @Override
  public String toString() {
    return "process " + pid;
  }

  /** What clone, clone3, fork and vfork lines say about the task they create. */
  static final class Clones {
    private Clones() {}

    /** The created TID, or -1 when {@code c} is not a successful creating call. */
    static int child(Call c) {
      boolean creates = switch (c.name()) {
        case "clone", "clone2", "clone3", "fork", "vfork" -> true;
        default -> false;
      };
      if (!creates || !c.succeeded() || c.result().number() <= 0) {
        return -1;
      }
      return (int) c.result().number();
    }

    static List<String> flags(Call c) {
      if (c.name().equals("clone3")) {
        String f = Args.struct(c.arg(0)).get("flags");
        return f == null ? List.of() : Args.flags(f);
      }
      for (String a : c.argList()) {
        if (a.startsWith("flags=")) {
          return Args.flags(a.substring(6));
        }
      }
      return List.of();
    }

    static boolean isThread(Call c) {
      return flags(c).contains("CLONE_THREAD");
    }

    static boolean isVfork(Call c) {
      return c.name().equals("vfork") || flags(c).contains("CLONE_VFORK");
    }

    static List<String> childrenFlagsNote(Call c) {
      List<String> odd = new ArrayList<>();
      for (String f : flags(c)) {
        if (f.equals("CLONE_PARENT") || f.equals("CLONE_NEWPID")) {
          odd.add(f);
        }
      }
      return odd;
    }
  }
}
