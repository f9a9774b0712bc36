package io.simkernel.kernel.property;

import io.simkernel.api.Errno;
import io.simkernel.api.Signals;
import io.simkernel.api.WaitStatus;
import io.simkernel.api.gen.ScenarioGenerator.Generated;
import io.simkernel.api.trace.EventKind;
import io.simkernel.api.trace.TraceEvent;
import io.simkernel.kernel.Sim;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Differential check of what the simulated programs saw against what the kernel recorded. A
 * generated program prints each system call's result as {@code n<id> <verb> [<args>] -> <result>};
 * every print is one {@code write} event of the trace, so the i-th write to fd 1 is the i-th
 * line of stdout and the line can be judged against the trace up to that point: a reaped PID
 * was released by the printer with the status it exited with, a kill found its target exactly
 * when the target had not been released, {@code getppid} names the parent of the moment, and
 * the program text each process runs is the one its creator's fork site leads to.
 *
 * <p>Why these are exact although the call and its print are two instructions: between them
 * only the printer could release its own child (its parent is alive, so no one else reaps it),
 * and a wait that reports a child releases it inside the call. The one thing that can change in
 * between is the printer's parent, so {@code getppid} may show the parent before the latest
 * reparenting — and a kill may come between an announced {@code exit} and the call.
 */
final class ConsoleModel {
  private static final Pattern LINE =
      Pattern.compile("n(\\d+) (\\w+)((?: -?\\d+)*) -> (-?\\d+|begin|pid -?\\d+ ppid -?\\d+)"
          + "(?: status 0x([0-9a-f]+))?\n");
  private static final long ECHILD = Errno.ECHILD.negated();
  private static final long ESRCH = Errno.ESRCH.negated();

  /** One {@code print} to fd 1: where it happened in the trace, who printed, what. */
  record Print(long seq, int pid, String text) {}

  private final Generated generated;
  private final List<String> bad = new ArrayList<>();
  private final TreeMap<Integer, Integer> creator = new TreeMap<>();
  private final TreeMap<Integer, Integer> parent = new TreeMap<>();
  private final TreeMap<Integer, Integer> previousParent = new TreeMap<>();
  private final TreeMap<Integer, Integer> releasedBy = new TreeMap<>();
  private final TreeMap<Integer, Integer> exitStatus = new TreeMap<>();
  private final TreeMap<Integer, Integer> nodeOfPid = new TreeMap<>();
  private final TreeMap<Integer, Integer> pidOfNode = new TreeMap<>();
  private final TreeMap<Integer, Integer> announcedExit = new TreeMap<>();
  /** Pids (and, negated minus one, nodes) already reported as confused: one report each. */
  private final TreeSet<Integer> confused = new TreeSet<>();

  private ConsoleModel(Generated generated) {
    this.generated = generated;
  }

  /** What the programs saw that the trace contradicts; empty when they agree. */
  static List<String> check(Generated g, Sim.Run run) {
    ConsoleModel m = new ConsoleModel(g);
    TreeMap<Long, Print> bySeq = new TreeMap<>();
    int printed = 0;
    for (Print p : prints(run)) {
      bySeq.put(p.seq(), p);
      printed += p.text().length();
    }
    if (printed != run.stdout().length()) {
      m.bad.add("the trace's writes to fd 1 account for " + printed + " of the "
          + run.stdout().length() + " characters of stdout");
    }
    for (TraceEvent e : run.events()) {
      m.replay(e, bySeq.get(e.seq()));
    }
    m.checkTree(run.result().mainPid());
    m.checkExits();
    return m.bad;
  }

  private void replay(TraceEvent e, Print print) {
    switch (e.kind()) {
      case SCHED_PROCESS_FORK -> {
        creator.put((int) e.a(), e.pid());
        parent.put((int) e.a(), e.pid());
      }
      case REPARENT -> {
        previousParent.put(e.pid(), parent.get(e.pid()));
        parent.put(e.pid(), (int) e.b());
      }
      case SCHED_PROCESS_EXIT -> exitStatus.put(e.pid(), (int) e.a());
      case SCHED_PROCESS_FREE -> releasedBy.put(e.pid(), (int) e.a());
      case WRITE -> {
        if (print != null) {
          try {
            line(print);
          } catch (RuntimeException garbled) { // a number where none fits, too few arguments
            bad.add("pid " + print.pid() + " printed a garbled line: " + print.text().strip()
                + " (" + garbled + ")");
          }
        }
      }
      default -> { }
    }
  }

  private void line(Print p) {
    Matcher m = LINE.matcher(p.text());
    if (!m.matches()) {
      bad.add("pid " + p.pid() + " printed a line of no known shape: " + p.text().strip());
      return;
    }
    learnNode(p.pid(), Integer.parseInt(m.group(1)));
    String verb = m.group(2);
    long[] args = m.group(3).isEmpty() ? new long[0]
        : Arrays.stream(m.group(3).trim().split(" ")).mapToLong(Long::parseLong)
            .toArray();
    String result = m.group(4);
    String where = "pid " + p.pid() + " (event #" + p.seq() + ") printed \""
        + p.text().strip() + "\": ";
    switch (verb) {
      case "wait", "reaped", "polled" -> waited(p.pid(), -1, Long.parseLong(result), m.group(5),
          where);
      case "waitpid" -> {
        if (Long.parseLong(result) == 0 && args[1] != 1) {
          bad.add(where + "0 from a waitpid without WNOHANG");
        }
        waited(p.pid(), args[0], Long.parseLong(result), m.group(5), where);
      }
      case "kill" -> killed((int) args[0], Long.parseLong(result), where);
      case "ids" -> ids(p.pid(), result, where);
      case "subreaper" -> {
        if (!result.equals("begin") && !result.equals("0")) {
          bad.add(where + "prctl(PR_SET_CHILD_SUBREAPER) failed");
        }
      }
      case "value" -> { }
      case "exit" -> announcedExit.put(p.pid(), (int) args[0]);
      default -> bad.add(where + "unknown verb " + verb);
    }
  }

  /**
   * A wait for {@code target} (-1: any child) returned {@code r}. A reported child was
   * released by the waiter, with the status it exited with; a specific target is the one
   * reported, and is gone exactly when the call says -ECHILD.
   */
  private void waited(int waiter, long target, long r, String statusHex, String where) {
    if (r > 0) {
      Integer by = releasedBy.get((int) r);
      Integer status = exitStatus.get((int) r);
      if (by == null || by != waiter) {
        bad.add(where + "pid " + r + " was " + (by == null ? "not released" : "released by "
            + by) + ", not by the waiter (ZB-3)");
      } else if (status == null || status != Integer.parseUnsignedInt(statusHex, 16)) {
        bad.add(where + "pid " + r + " exited with status 0x"
            + (status == null ? "?" : Integer.toHexString(status)) + " (WT-1)");
      }
      if (target > 0 && r != target) {
        bad.add(where + "waitpid(" + target + ") reported another child, " + r);
      }
    } else if (r < 0 && r != ECHILD) {
      bad.add(where + "only -ECHILD can fail a wait here, not " + r);
    }
    if (target > 0 && r == ECHILD && !releasedBy.containsKey((int) target)) {
      bad.add(where + "-ECHILD although child " + target + " has not been reaped");
    }
    if (target > 0 && r == 0 && releasedBy.containsKey((int) target)) {
      bad.add(where + "WNOHANG answered 0 although child " + target + " is gone");
    }
  }

  /** kill(2) finds a process, zombie or not, until it is released (ZB-3), then -ESRCH. */
  private void killed(int target, long r, String where) {
    boolean gone = releasedBy.containsKey(target);
    if (gone && r != ESRCH || !gone && r != 0) {
      bad.add(where + "child " + target + (gone ? " was released, so -ESRCH" : " still exists,"
          + " so 0") + " was due (KL-1, ZB-3)");
    }
  }

  private void ids(int printer, String result, String where) {
    String[] f = result.split(" ");
    int pid = Integer.parseInt(f[1]);
    int ppid = Integer.parseInt(f[3]);
    if (pid != printer) {
      bad.add(where + "getpid answered " + pid + " in pid " + printer);
    }
    Integer now = parent.get(printer);
    Integer before = previousParent.get(printer);
    if ((now == null || ppid != now) && (before == null || ppid != before)) {
      bad.add(where + "getppid answered " + ppid + ", the parent is " + now
          + (before == null ? "" : " (before: " + before + ")") + " (RP-2)");
    }
  }

  /** A process runs one body all its life, and no body runs in two processes. */
  private void learnNode(int pid, int node) {
    Integer known = nodeOfPid.putIfAbsent(pid, node);
    Integer other = pidOfNode.putIfAbsent(node, pid);
    if (known != null && known != node && confused.add(pid)) {
      bad.add("pid " + pid + " printed as n" + node + " after printing as n" + known
          + ": a process left its body (FK-1)");
    }
    if (other != null && other != pid && confused.add(-node - 1)) {
      bad.add("n" + node + " runs in pid " + pid + " and in pid " + other
          + ": a fork site ran twice, or a child took its parent's path (FK-2)");
    }
  }

  /** The body a process runs is the one its creator's fork site leads to (FK-1, FK-2). */
  private void checkTree(int mainPid) {
    Integer main = pidOfNode.get(0);
    if (main != null && main != mainPid) {
      bad.add("n0, the main program, ran in pid " + main + ", not in " + mainPid);
    }
    nodeOfPid.forEach((pid, node) -> {
      if (node >= generated.nodes().size()) {
        bad.add("pid " + pid + " printed as n" + node + ", which the scenario does not have");
        return;
      }
      Integer creatorNode = nodeOfPid.get(creator.getOrDefault(pid, 0));
      int expected = generated.nodes().get(node).parent();
      if (creatorNode != null && creatorNode != expected) {
        bad.add("pid " + pid + " runs n" + node + ", a child of n" + expected + ", but was"
            + " forked by pid " + creator.get(pid) + ", which runs n" + creatorNode);
      }
    });
  }

  /**
   * A process that announced {@code exit N} ended with status N — or with SIGKILL or SIGTERM,
   * when a kill came between the announcement and the call (TM-3).
   */
  private void checkExits() {
    announcedExit.forEach((pid, code) -> {
      Integer status = exitStatus.get(pid);
      if (status == null || status == WaitStatus.exited(code)) {
        return; // still exiting when the run ended, or as announced
      }
      long sig = WaitStatus.wifsignaled(status) ? WaitStatus.wtermsig(status) : 0;
      if (sig != Signals.SIGKILL && sig != Signals.SIGTERM) {
        bad.add("pid " + pid + " announced exit " + code + " but ended with status 0x"
            + Integer.toHexString(status) + " (TM-3)");
      }
    });
  }

  /** Cuts stdout into the pieces the trace's writes to fd 1 account for, in order. */
  static List<Print> prints(Sim.Run run) {
    byte[] out = run.stdout().getBytes(StandardCharsets.UTF_8);
    List<Print> list = new ArrayList<>();
    int at = 0;
    for (TraceEvent e : run.events()) {
      if (e.kind() == EventKind.WRITE && e.a() == 1) {
        int len = (int) Math.min(e.b(), out.length - at); // a shortfall is reported by check()
        list.add(new Print(e.seq(), e.pid(), new String(out, at, len, StandardCharsets.UTF_8)));
        at += len;
      }
    }
    return list;
  }
}
