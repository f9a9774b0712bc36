package io.simkernel.traces.strace;

import io.simkernel.api.Signals;
import io.simkernel.traces.strace.CheckReport.Fact;
import io.simkernel.traces.strace.Expectations.Delivery;
import io.simkernel.traces.strace.Expectations.Kill;
import io.simkernel.traces.strace.SimulatedRun.Delivered;
import io.simkernel.traces.strace.SimulatedRun.Generated;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The signal facts, with the corpus's caveats handled as rules rather than ignored
 * (traces/README.md, "Caveats for replay"):
 *
 * <ol>
 *   <li>a {@code --- SIGCHLD ---} line of a process that ignores SIGCHLD is a ptrace artifact:
 *       untraced, the kernel generates the signal and discards it (SG-11, CH-3), so the match is
 *       a simulated {@code signal_generate} with result "ignored" and no delivery;
 *   <li>SIGKILL never has a {@code ---} line: the delivery inferred from
 *       {@code +++ killed by SIGKILL +++} matches the simulated SIGKILL delivery;
 *   <li>standard signals coalesce (SG-13, CH-5): the number of deliveries per process and signal
 *       is a fact of its own, and the report says how many generations the simulator coalesced;
 *   <li>deliveries are matched in order per target and signal, with their sender (si_pid) and
 *       whether a handler ran.
 * </ol>
 */
final class SignalFacts {
  private final Expectations exp;
  private final SimulatedRun run;
  private final Mapping map;
  private final Map<Integer, Unreplayable> unreplayable;
  private final List<Fact> facts = new ArrayList<>();
  private final boolean[] usedGenerated;

  SignalFacts(Expectations exp, SimulatedRun run, Mapping map,
      Map<Integer, Unreplayable> unreplayable) {
    this.exp = exp;
    this.run = run;
    this.map = map;
    this.unreplayable = unreplayable;
    this.usedGenerated = new boolean[run.generated().size()];
  }

  List<Fact> facts() {
    Map<Long, Integer> seen = new TreeMap<>();
    for (Delivery d : exp.deliveries()) {
      if (d.artifact()) {
        artifact(d);
      } else {
        delivery(d, seen);
      }
    }
    counts();
    for (Kill k : exp.kills()) {
      if (k.signo() > 0) {
        kill(k);
      }
    }
    return facts;
  }

  private void artifact(Delivery d) {
    Integer to = map.sim(d.to());
    Integer from = d.sender() > 0 ? map.sim(d.sender()) : null;
    String subject = name(d.signo()) + " to " + map.realName(d.to()) + " from " + d.sender()
        + " (line " + d.line() + ", a ptrace artifact)";
    String expected = "generated and discarded (" + d.disposition() + "), not delivered";
    int found = -1;
    for (int i = 0; i < run.generated().size() && to != null; i++) {
      Generated g = run.generated().get(i);
      if (!usedGenerated[i] && g.target() == to && g.sig() == d.signo()
          && (from == null || g.sender() == from) && g.result() == SimulatedRun.IGNORED) {
        found = i;
        break;
      }
    }
    if (found >= 0) {
      usedGenerated[found] = true;
      facts.add(new Fact(true, subject, expected, expected, null, null));
      return;
    }
    String got = deliveredTo(to, d.signo()).isEmpty() ? "no such generation" : "delivered";
    facts.add(fact(false, subject, expected, got, d.to(), d.signo()));
  }

  private void delivery(Delivery d, Map<Long, Integer> seen) {
    Integer to = map.sim(d.to());
    List<Delivered> list = deliveredTo(to, d.signo());
    int k = seen.merge((long) d.to() * 128 + d.signo(), 1, Integer::sum) - 1;
    String subject = name(d.signo()) + " to " + map.realName(d.to()) + " (line " + d.line()
        + (d.inferred() ? ", inferred from +++ killed by +++: strace never shows SIGKILL" : "")
        + ")";
    String expected = "delivered" + (d.sender() > 0 ? " from " + d.sender() : "") + ", "
        + d.disposition();
    if (k >= list.size()) {
      facts.add(fact(false, subject, expected, "not delivered", d.to(), d.signo()));
      return;
    }
    Delivered got = list.get(k);
    Integer sender = d.sender() > 0 ? map.sim(d.sender()) : null;
    String disposition = got.handler() == 0 ? "default" : "handler";
    boolean ok = (d.sender() <= 0 || (sender != null && sender == got.sender()))
        && (d.inferred() || disposition.equals(d.disposition()));
    String gotText = "delivered from " + map.simName(got.sender()) + ", " + disposition;
    facts.add(fact(ok, subject, expected, gotText, d.to(), d.signo()));
  }

  /** One fact per (process, signal): how many deliveries, and what coalesced (caveat 3). */
  private void counts() {
    Map<Long, Integer> expected = new TreeMap<>();
    for (Delivery d : exp.deliveries()) {
      if (!d.artifact()) {
        expected.merge((long) d.to() * 128 + d.signo(), 1, Integer::sum);
      }
    }
    TreeSet<Long> keys = new TreeSet<>(expected.keySet());
    for (Delivered got : run.delivered()) {
      Integer real = map.realOf(got.pid());
      if (real != null) {
        keys.add((long) real * 128 + got.sig());
      }
    }
    for (long key : keys) {
      int to = (int) (key / 128);
      int sig = (int) (key % 128);
      Integer simTo = map.sim(to);
      int want = expected.getOrDefault(key, 0);
      int have = deliveredTo(simTo, sig).size();
      int coalesced = 0;
      int generated = 0;
      for (Generated g : run.generated()) {
        if (simTo != null && g.target() == simTo && g.sig() == sig) {
          generated++;
          coalesced += g.result() == SimulatedRun.ALREADY_PENDING ? 1 : 0;
        }
      }
      String detail = coalesced == 0 ? "" : " (" + generated + " generated, " + coalesced
          + " coalesced while one was pending: SG-13, CH-5)";
      facts.add(fact(want == have, name(sig) + " deliveries to " + map.realName(to) + ":",
          want + detail, have + detail, to, sig));
    }
  }

  private void kill(Kill k) {
    String subject = k.syscall() + " by " + map.realName(k.from()) + " (line " + k.line() + "): "
        + name(k.signo()) + " to " + k.target();
    Integer from = map.sim(k.from());
    Integer target = k.target() > 0 ? map.sim((int) k.target()) : null;
    int found = -1;
    for (int i = 0; i < run.generated().size() && from != null; i++) {
      Generated g = run.generated().get(i);
      if (!usedGenerated[i] && g.sender() == from && g.sig() == k.signo()
          && (k.target() <= 0 || (target != null && g.target() == target))) {
        found = i;
        break;
      }
    }
    if (found >= 0) {
      usedGenerated[found] = true;
    }
    boolean sent = k.ret() == 0;
    String expected = sent ? "sent" : "failed (nothing sent)";
    String got = found >= 0 ? "sent" : "nothing sent";
    facts.add(new Fact(sent == (found >= 0), subject, expected, got, null, null));
  }

  private List<Delivered> deliveredTo(Integer simPid, int sig) {
    List<Delivered> out = new ArrayList<>();
    for (Delivered d : run.delivered()) {
      if (simPid != null && d.pid() == simPid && d.sig() == sig) {
        out.add(d);
      }
    }
    return out;
  }

  /** A fact, explained when the process's death could not be replayed. */
  private Fact fact(boolean ok, String subject, String expected, String got, int pid, int sig) {
    Unreplayable u = unreplayable.get(pid);
    boolean explained = !ok && u != null && u.signo() == sig;
    return new Fact(ok, subject, expected, got, explained ? u.reason() : null,
        explained ? u.feature() : null);
  }

  private static String name(int sig) {
    return Signals.isValid(sig) ? Signals.name(sig) : "signal " + sig;
  }
}
