package io.simkernel.traces.strace;

import io.simkernel.traces.strace.StraceEvent.Call;
import io.simkernel.traces.strace.StraceEvent.Delivery;
import io.simkernel.traces.strace.TracedProcess.Clones;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every process's signal state walked once through the log ({@link SignalTracker}), parents
 * before children so that a child starts from its parent's state at the fork (FK-3). What the
 * importer and the fact derivation need is kept per event, keyed by the event's first line:
 * whether a call changed anything, the mask around a sigprocmask, and for a delivery line what the
 * process did with the signal.
 */
final class Dispositions {
  /**
   * About one event. {@code changes}: it changed the signal state; {@code handlersBefore}: a
   * handler was installed before it; {@code maskBefore}/{@code maskAfter}: the blocked mask;
   * {@code disposition}/{@code handler}/{@code ignored}: for a delivery, what it met;
   * {@code autoReapsAfter}: SIGCHLD is SIG_IGN or SA_NOCLDWAIT afterwards.
   */
  record Info(boolean changes, boolean handlersBefore, long maskBefore, long maskAfter,
      String disposition, long handler, boolean ignored, boolean autoReapsAfter) {}

  private final Map<Integer, Info> byLine = new TreeMap<>();
  private final Map<Integer, SignalTracker> initial = new TreeMap<>();
  private final Map<Integer, TreeMap<Integer, Boolean>> autoReap = new TreeMap<>();

  private Dispositions() {}

  static Dispositions compute(ProcessTree tree) {
    Dispositions d = new Dispositions();
    for (TracedProcess p : tree.processes()) {
      d.walk(p, d.initial.computeIfAbsent(p.pid(), k -> new SignalTracker()));
    }
    return d;
  }

  private void walk(TracedProcess p, SignalTracker start) {
    SignalTracker t = start.copy();
    TreeMap<Integer, Boolean> reaps = new TreeMap<>();
    reaps.put(0, t.autoReaps());
    autoReap.put(p.pid(), reaps);
    for (StraceEvent e : p.events()) {
      long before = t.blocked;
      boolean handlers = t.anyHandler();
      String disposition = "";
      long handler = SignalTracker.DFL;
      boolean ignored = false;
      if (e instanceof Delivery dv && dv.signo() > 0) {
        disposition = t.disposition(dv.signo());
        handler = t.handler[dv.signo()];
        ignored = t.ignored(dv.signo());
      }
      if (e instanceof Call c && Clones.child(c) > 0 && !Clones.isThread(c)) {
        initial.put(Clones.child(c), t.forkCopy());
      }
      boolean changed = t.apply(e);
      reaps.put(e.line(), t.autoReaps());
      byLine.put(e.line(), new Info(changed, handlers, before, t.blocked, disposition, handler,
          ignored, t.autoReaps()));
    }
  }

  /** About the event whose first line is {@code line}. */
  Info at(int line) {
    return byLine.get(line);
  }

  /** Whether {@code parent} auto-reaped a child that ended at {@code line} (ZB-1, ZB-2). */
  boolean autoReaps(TracedProcess parent, int line) {
    TreeMap<Integer, Boolean> m = autoReap.get(parent.pid());
    Map.Entry<Integer, Boolean> e = m == null ? null : m.lowerEntry(line);
    return e != null && e.getValue();
  }

  /** A copy of the state a process starts with (its parent's at the fork; empty for the root). */
  SignalTracker initial(TracedProcess p) {
    return initial.getOrDefault(p.pid(), new SignalTracker()).copy();
  }
}
