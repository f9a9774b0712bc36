package io.simkernel.kernel.property;

import io.simkernel.api.Signals;
import io.simkernel.api.trace.TraceEvent;
import io.simkernel.kernel.Sim;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A model of where orphans go (posix-semantics RP-1, the kernel's find_new_reaper): replayed
 * over a run's trace, it says for each {@code reparent} event which process should have adopted
 * the orphan, and reports where the kernel disagrees.
 *
 * <p>The trace has no event for {@code prctl}, so the model learns who is a subreaper from the
 * console: generated scenarios print {@code "nK subreaper -> begin"} before the call and
 * {@code "nK subreaper -> 0"} after it, and each {@code print} is one {@code write} event of the
 * trace, in order, so the i-th write to fd 1 is the i-th piece of stdout. Between the two prints
 * the process may or may not be a subreaper yet, and the model accepts either answer there.
 *
 * <p>Likewise for exits: an exiting process adopts no orphans (Linux skips a PF_EXITING
 * subreaper), and do_exit begins before its {@code sched_process_exit} event, which marks its
 * end. So a process that printed {@code "nK exit N -> begin"}, or was sent SIGKILL or SIGTERM,
 * may be exiting; one that had SIGKILL or SIGTERM delivered is.
 */
final class ReparentModel {
  private ReparentModel() {}

  private final TreeMap<Integer, Integer> parent = new TreeMap<>();
  /** Created and not yet at the end of its exit (sched_process_exit). */
  private final TreeSet<Integer> alive = new TreeSet<>();
  /** Announced its prctl, which may or may not have run. */
  private final TreeSet<Integer> maybeSubreaper = new TreeSet<>();
  /** Reported its prctl's success. */
  private final TreeSet<Integer> subreaper = new TreeSet<>();
  /** Announced its exit or was sent a fatal signal: it may have begun do_exit. */
  private final TreeSet<Integer> maybeExiting = new TreeSet<>();
  /** A fatal signal was delivered: do_exit has begun. */
  private final TreeSet<Integer> exiting = new TreeSet<>();
  private final List<String> bad = new ArrayList<>();

  /** What the kernel did differently from the model; empty when they agree. */
  static List<String> check(Sim.Run run) {
    ReparentModel m = new ReparentModel();
    m.alive.add(1);
    TreeMap<Long, ConsoleModel.Print> prints = new TreeMap<>();
    for (ConsoleModel.Print p : ConsoleModel.prints(run)) {
      prints.put(p.seq(), p); // ConsoleModel checks that they account for all of stdout
    }
    for (TraceEvent e : run.events()) {
      switch (e.kind()) {
        case SCHED_PROCESS_FORK -> {
          m.parent.put((int) e.a(), e.pid());
          m.alive.add((int) e.a());
        }
        case SCHED_PROCESS_EXIT -> m.alive.remove(e.pid());
        case SIGNAL_GENERATE -> {
          if (fatal(e.a())) {
            m.maybeExiting.add(e.pid());
          }
        }
        case SIGNAL_DELIVER -> {
          if (fatal(e.a())) {
            m.exiting.add(e.pid());
          }
        }
        case WRITE -> m.onPrint(prints.get(e.seq()));
        case REPARENT -> m.onReparent(e);
        default -> { }
      }
    }
    return m.bad;
  }

  /** The signals generated programs send; none has a handler, so both kill. */
  private static boolean fatal(long sig) {
    return sig == Signals.SIGKILL || sig == Signals.SIGTERM;
  }

  private void onPrint(ConsoleModel.Print p) {
    if (p == null) {
      return; // a write to fd 2
    }
    if (p.text().endsWith(" subreaper -> begin\n")) {
      maybeSubreaper.add(p.pid());
    } else if (p.text().endsWith(" subreaper -> 0\n")) {
      subreaper.add(p.pid());
    } else if (p.text().contains(" exit ")) {
      maybeExiting.add(p.pid());
    }
  }

  /**
   * The walk of find_new_reaper: from the dying process's parent upwards, the first subreaper
   * that is alive and not exiting, else init. An ancestor that may or may not be a subreaper
   * yet, or may or may not have begun its exit, may be taken or passed over.
   */
  private void onReparent(TraceEvent e) {
    int orphan = e.pid();
    int dying = (int) e.a();
    int adopter = (int) e.b();
    Integer a = parent.get(dying);
    int expected = 1;
    while (a != null && a != 1) {
      boolean candidate = alive.contains(a) && !exiting.contains(a);
      if (candidate && subreaper.contains(a) && !maybeExiting.contains(a)) {
        expected = a;
        break;
      }
      if (candidate && adopter == a
          && (subreaper.contains(a) || maybeSubreaper.contains(a))) {
        expected = a; // the prctl may have run, or the exit not yet begun
        break;
      }
      a = parent.get(a);
    }
    if (adopter != expected) {
      bad.add("orphan " + orphan + " of dying " + dying + " went to " + adopter
          + ", but the nearest live subreaper ancestor is " + expected + " (RP-1)");
    }
    if (!alive.contains(adopter) || exiting.contains(adopter)) {
      bad.add("orphan " + orphan + " went to " + adopter + ", which has exited or is exiting"
          + " (I-2, RP-1)");
    }
    parent.put(orphan, adopter);
  }
}
