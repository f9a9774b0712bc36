package io.simkernel.traces.strace;

import io.simkernel.api.Signals;
import io.simkernel.traces.strace.Expectations.Delivery;
import io.simkernel.traces.strace.Expectations.End;
import io.simkernel.traces.strace.Expectations.Kill;
import io.simkernel.traces.strace.Expectations.Proc;
import io.simkernel.traces.strace.Expectations.Reap;
import io.simkernel.traces.strace.Expectations.Rusage;
import io.simkernel.traces.strace.StraceEvent.Call;
import io.simkernel.traces.strace.StraceEvent.Exit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The facts of a run as the log itself shows them, derived the way the corpus's ground truths
 * were drafted, so that a log without a hand-checked file is judged by the same rules:
 *
 * <ul>
 *   <li>final parents: a child whose parent ends before it is reparented to the nearest living
 *       ancestor that set PR_SET_CHILD_SUBREAPER, else to init (RP-1);
 *   <li>reapers: the wait call that returned the child (WT-9); else init for an orphan (ZB-4),
 *       the kernel when the parent ignored SIGCHLD or set SA_NOCLDWAIT (ZB-1), strace for the
 *       root (caveat 4);
 *   <li>deliveries: every {@code --- SIGX ---} line, marked as a ptrace artifact when the process
 *       ignored the signal (caveat 1), plus an inferred SIGKILL for each
 *       {@code +++ killed by SIGKILL +++} (caveat 2);
 *   <li>getrusage's minor-fault counts, where the log shows them.
 * </ul>
 */
public final class LogFacts {
  private final ProcessTree tree;
  private final Dispositions dispositions;
  private final Map<Integer, Reap> reapOf = new TreeMap<>();
  private final List<Reap> reaps = new ArrayList<>();

  private LogFacts(ProcessTree tree) {
    this.tree = tree;
    this.dispositions = Dispositions.compute(tree);
  }

  /** The facts of the run the log shows. */
  public static Expectations derive(ProcessTree tree) {
    LogFacts f = new LogFacts(tree);
    f.collectReaps();
    List<Proc> procs = new ArrayList<>();
    for (TracedProcess p : tree.processes()) {
      procs.add(f.proc(p));
    }
    return new Expectations("the log itself", tree.root().pid(), procs, f.deliveries(),
        f.kills(), List.copyOf(f.reaps), f.rusage());
  }

  private void collectReaps() {
    for (StraceEvent e : tree.events()) {
      if (e instanceof Call c) {
        int reaped = reaped(c);
        TracedProcess reaper = tree.ownerOf(c.tid());
        if (reaped > 0 && reaper != null) {
          Reap r = new Reap(c.endLine(), reaper.pid(), reaped);
          reaps.add(r);
          reapOf.put(reaped, r);
        }
      }
    }
    reaps.sort(Comparator.comparingInt(Reap::line));
  }

  /** The PID a wait call reaped, or 0 (WT-9: stops, continues and WNOWAIT reap nothing). */
  static int reaped(Call c) {
    if (!c.succeeded()) {
      return 0;
    }
    if (c.name().equals("wait4") || c.name().equals("waitpid")) {
      String st = Args.waitStatus(c.arg(1));
      boolean ends = st == null || st.startsWith("exited") || st.startsWith("killed");
      return c.result().number() > 0 && ends ? (int) c.result().number() : 0;
    }
    if (c.name().equals("waitid") && !c.arg(3).contains("WNOWAIT")) {
      Map<String, String> info = Args.struct(c.arg(2));
      String code = info.getOrDefault("si_code", "");
      int pid = (int) Args.parseLong(info.getOrDefault("si_pid", "0"), 0);
      return code.equals("CLD_EXITED") || code.equals("CLD_KILLED") || code.equals("CLD_DUMPED")
          ? pid : 0;
    }
    return 0;
  }

  private Proc proc(TracedProcess p) {
    Exit x = p.end();
    End end = new End(x.kind() == Exit.Kind.KILLED, x.code(), x.signo(), x.core());
    if (p.isRoot()) {
      return new Proc(p.pid(), Expectations.TRACER, Expectations.TRACER, end,
          Expectations.TRACER, program(p, Integer.MAX_VALUE));
    }
    int finalParent = finalParent(p);
    int reaper;
    Reap r = reapOf.get(p.pid());
    if (r != null) {
      reaper = r.reaper();
    } else if (finalParent == 1) {
      reaper = 1;
    } else {
      TracedProcess fp = tree.get(finalParent);
      reaper = fp != null && dispositions.autoReaps(fp, x.line()) ? Expectations.AUTO : 1;
    }
    return new Proc(p.pid(), p.parent().pid(), finalParent, end, reaper,
        program(p, Integer.MAX_VALUE));
  }

  /** RP-1: reparented, each time its parent ends first, to a living subreaper or init. */
  private int finalParent(TracedProcess p) {
    TracedProcess parent = p.parent();
    while (parent != null && parent.end().line() < p.end().line()) {
      int died = parent.end().line();
      TracedProcess next = null;
      for (TracedProcess a = parent.parent(); a != null; a = a.parent()) {
        if (a.end().line() > died && subreaperBefore(a, died)) {
          next = a;
          break;
        }
      }
      if (next == null) {
        return 1;
      }
      parent = next;
    }
    return parent == null ? Expectations.TRACER : parent.pid();
  }

  private static boolean subreaperBefore(TracedProcess a, int line) {
    boolean on = false;
    for (StraceEvent e : a.events()) {
      if (e.line() < line && e instanceof Call c && c.succeeded() && c.name().equals("prctl")
          && c.arg(0).equals("PR_SET_CHILD_SUBREAPER")) {
        on = Args.parseLong(c.arg(1), 0) != 0;
      }
    }
    return on;
  }

  /** The image {@code p} runs just before {@code line}: its last execve, else its parent's. */
  private static String program(TracedProcess p, int line) {
    String last = null;
    for (StraceEvent e : p.events()) {
      if (e.line() < line && e instanceof Call c && Images.isExec(c) && c.succeeded()) {
        last = Images.path(c);
      }
    }
    if (last != null || p.isRoot()) {
      return last;
    }
    return program(p.parent(), p.creation().line());
  }

  private List<Delivery> deliveries() {
    List<Delivery> out = new ArrayList<>();
    List<Kill> kills = kills();
    for (TracedProcess p : tree.processes()) {
      for (StraceEvent e : p.events()) {
        if (e instanceof StraceEvent.Delivery d) {
          Dispositions.Info info = dispositions.at(d.line());
          TracedProcess sender = tree.ownerOf(d.senderPid());
          out.add(new Delivery(d.line(), p.pid(), d.signo(),
              sender == null ? d.senderPid() : sender.pid(), info.disposition(), info.ignored(),
              false));
        }
      }
      Exit x = p.end();
      if (x.kind() == Exit.Kind.KILLED && x.signo() == Signals.SIGKILL) {
        out.add(new Delivery(x.line(), p.pid(), Signals.SIGKILL, killer(kills, p), "default",
            false, true));
      }
    }
    out.sort(Comparator.comparingInt(Delivery::line));
    return out;
  }

  /** The traced sender of a SIGKILL: the last kill-family call that reached {@code p}, or 0. */
  private int killer(List<Kill> kills, TracedProcess p) {
    int from = 0;
    for (Kill k : kills) {
      TracedProcess target = k.target() > 0 ? tree.ownerOf((int) k.target()) : p;
      if (k.signo() == Signals.SIGKILL && k.ret() == 0 && k.line() < p.end().line()
          && target == p) {
        from = k.from();
      }
    }
    return from;
  }

  private List<Kill> kills() {
    List<Kill> out = new ArrayList<>();
    for (TracedProcess p : tree.processes()) {
      for (StraceEvent e : p.events()) {
        if (e instanceof Call c) {
          int target = switch (c.name()) {
            case "kill", "tkill", "rt_sigqueueinfo" -> 0;
            case "tgkill" -> 1;
            default -> -1;
          };
          if (target >= 0) {
            long ret = c.succeeded() ? c.result().number() : -1;
            out.add(new Kill(c.line(), p.pid(), c.name(), Args.parseLong(c.arg(target), 0),
                Args.signal(c.arg(target + 1)), ret));
          }
        }
      }
    }
    out.sort(Comparator.comparingInt(Kill::line));
    return out;
  }

  private List<Rusage> rusage() {
    List<Rusage> out = new ArrayList<>();
    for (TracedProcess p : tree.processes()) {
      Call previous = null;
      for (StraceEvent e : p.events()) {
        if (!(e instanceof Call c) || !c.name().equals("getrusage") || !c.succeeded()) {
          continue;
        }
        String v = Args.struct(c.arg(1)).get("ru_minflt");
        if (v == null) {
          continue;
        }
        long n = Args.parseLong(v, 0);
        if (c.arg(0).equals("RUSAGE_CHILDREN")) {
          out.add(new Rusage(c.line(), 0, p.pid(), "minor faults of its reaped children "
              + "(getrusage RUSAGE_CHILDREN, line " + c.line() + ")", n));
        } else if (previous != null) {
          long before = Args.parseLong(Args.struct(previous.arg(1)).get("ru_minflt"), 0);
          out.add(new Rusage(c.line(), previous.line(), p.pid(), "minor faults between lines "
              + previous.line()
              + " and " + c.line() + " (getrusage RUSAGE_SELF)", n - before));
          previous = c;
        } else {
          previous = c;
        }
      }
    }
    out.sort(Comparator.comparingInt(Rusage::line));
    return out;
  }
}
