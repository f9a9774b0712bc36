package io.simkernel.kernel.oracle;

import io.simkernel.api.trace.TraceEvent;
import io.simkernel.kernel.oracle.LifecycleModel.Proc;
import io.simkernel.kernel.oracle.LifecycleModel.Tri;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model's judgement of one printed result ({@code n<id> <verb> [<args>] -> <result>
 * [status 0x<hex>]}, the generator's print shape) against the states the printer's window went
 * through. Why each rule is exact, though the call happened at an unknown moment of the window:
 * a process's children change only by its own forks and reaps (events that close a window), by
 * adoption (only adds) and by auto-reap (only removes, and only its zombies' exits); so "no child"
 * and "children, none a zombie" are answered by flags set whenever they held in the window.
 */
final class Prints {
  private static final Pattern LINE = Pattern.compile(
      "n(\\d+) ([\\w-]+)((?: -?\\d+)*) -> (-?\\d+|begin|pid (\\d+) ppid (\\d+))"
      + "(?: status 0x([0-9a-f]+))?");

  private Prints() {}

  static void print(LifecycleModel m, TraceEvent e, String line) {
    Proc p = m.get(e, e.pid());
    if (p == null) {
      return;
    }
    Matcher x = line == null ? null : LINE.matcher(line);
    if (x == null || !x.matches()) {
      m.bad(e, "pid " + p.pid + " printed an unexpected line: " + line);
      return;
    }
    int node = Integer.parseInt(x.group(1));
    if (p.node >= 0 && p.node != node) {
      m.bad(e, "pid " + p.pid + " runs body n" + p.node + " but printed for n" + node);
    }
    p.node = node;
    String verb = x.group(2);
    String[] args = x.group(3).trim().isEmpty() ? new String[0] : x.group(3).trim().split(" ");
    String res = x.group(4);
    int status = x.group(7) == null ? -1 : (int) Long.parseLong(x.group(7), 16);
    switch (verb) {
      case "ids" -> ids(m, e, p, Integer.parseInt(x.group(5)), Integer.parseInt(x.group(6)));
      case "exit" -> {
        p.exitAnnounced = true;
        p.exitCode = Integer.parseInt(args[0]);
      }
      case "wait", "reaped" -> waitResult(m, e, p, -1, false, Integer.parseInt(res), status);
      case "polled" -> waitResult(m, e, p, -1, true, Integer.parseInt(res), status);
      case "waitpid" -> waitResult(m, e, p, Integer.parseInt(args[0]), args[1].equals("1"),
          Integer.parseInt(res), status);
      case "kill" -> kill(m, e, p, Integer.parseInt(args[0]), Integer.parseInt(args[1]),
          Integer.parseInt(res));
      case "subreaper" -> p.subreaper = flag(m, e, p, res);
      case "sigchld-ignore" -> p.ignoresSigchld = flag(m, e, p, res);
      case "value" -> { }
      default -> m.bad(e, "pid " + p.pid + " printed an unknown verb: " + line);
    }
    m.resetWindow(p, e.seq());
  }

  private static Tri flag(LifecycleModel m, TraceEvent e, Proc p, String res) {
    if (res.equals("begin")) {
      return Tri.MAYBE;
    }
    if (!res.equals("0")) {
      m.bad(e, "pid " + p.pid + " could not set a flag: " + res);
      return Tri.NO;
    }
    return Tri.YES;
  }

  private static void ids(LifecycleModel m, TraceEvent e, Proc p, int pid, int ppid) {
    if (pid != p.pid) {
      m.bad(e, "getpid in pid " + p.pid + " said " + pid);
    }
    if (!p.parentsSeen.contains(ppid)) {
      m.bad(e, "getppid in pid " + p.pid + " said " + ppid + "; its parents since its previous"
          + " print: " + p.parentsSeen);
    }
  }

  private static void waitResult(LifecycleModel m, TraceEvent e, Proc p, int target,
      boolean nohang, int r, int status) {
    String what = "pid " + p.pid + " wait" + (target > 0 ? "pid " + target : "") + " -> " + r;
    if (r > 0) {
      if (p.lastWaitSeq <= p.windowStart || p.lastWaitChild != r || p.lastWaitStatus != status) {
        m.bad(e, what + " status 0x" + Integer.toHexString(status) + ", but no wait event in the"
            + " window reported that");
      } else if (target > 0 && r != target) {
        m.bad(e, what + ": another child than the one asked for");
      } else if (target < 0 && !p.lastWaitWasFirst) {
        m.bad(e, what + ": not the first zombie in the children's order (WT-1, FK-7)");
      }
    } else if (r == 0) {
      boolean ok = nohang && (target > 0 ? p.children.contains(target)
          : p.sawChildrenWithoutZombie);
      if (!ok || p.lastWaitSeq > p.windowStart) {
        m.bad(e, what + ": WNOHANG found nothing, but the model had a zombie child all along"
            + " (or no WNOHANG, or no child)");
      }
      if (target > 0 && p.zombiesAtStart.contains(target)) {
        m.bad(e, what + ": " + target + " was a zombie through the whole window");
      }
    } else if (r == LifecycleModel.ECHILD) {
      boolean ok = target > 0 ? !p.children.contains(target) : p.sawNoChild;
      if (!ok) {
        m.bad(e, what + ": -ECHILD, but the model had children " + p.children + " all along");
      }
    } else {
      m.bad(e, what + ": an error the model never gives");
    }
  }

  private static void kill(LifecycleModel m, TraceEvent e, Proc p, int target, int sig, int r) {
    Proc t = m.procs.get(target);
    if (r == 0) {
      boolean sent = p.killsInWindow.stream().anyMatch(k -> k[0] == target && k[1] == sig);
      if (!sent) {
        m.bad(e, "pid " + p.pid + " kill " + target + " " + sig + " -> 0 without a"
            + " signal_generate in the window");
      }
    } else if (r == LifecycleModel.ESRCH) {
      if (t != null && !t.freed) {
        m.bad(e, "pid " + p.pid + " kill " + target + " -> -ESRCH, but it exists");
      }
    } else {
      m.bad(e, "pid " + p.pid + " kill " + target + " -> " + r + ": the model gives 0 or -ESRCH");
    }
  }
}
