package io.simkernel.api.mp;

import java.util.ArrayList;
import java.util.List;

/**
 * One simulated main process and the multiprocessing calls it has made so far.
 *
 * <p>How it works: the simulation is deterministic, so the main program's calls so far are kept
 * as scenario text (the {@code mp.*} instructions of docs/multiprocessing.md), and each Java call
 * appends its instruction and replays the scenario from the start, up to the moment that call
 * returns in the simulation; a marker line printed there carries the call's result and the
 * virtual time. A replay repeats the earlier runs exactly (same events, same results), so each
 * call sees the state its predecessors left, and blocking calls let virtual time pass as the real
 * call would. A call that raises is dropped from the program (as a caught Python exception) and
 * thrown as {@link MpException}; a call that never returns (a deadlock) throws
 * {@link SimulationStopped} with the kernel's report, wait-for chain included. Cost: call n
 * replays n calls, fine for tests and experiments of tens of calls.
 *
 * <p>The main module is guarded ({@code if __name__ == "__main__":}), so spawn children only
 * import it. Only one start method per context. Not thread-safe.
 */
public final class MpContext {
  private static final String MARK = "@@mp ";

  private final String method;
  private final MpEngine engine;
  private final List<String> history = new ArrayList<>();
  private final List<String> targets = new ArrayList<>();
  private String stdout = "";
  private long now;
  private boolean shut;

  MpContext(String method, MpEngine engine) {
    this.method = method;
    this.engine = engine;
  }

  /** {@code Process(target=...)}, not started. */
  public MpProcess process(Target target) {
    String label = "__mp_target" + (targets.size() + 1);
    targets.add(target.render(label));
    return new MpProcess(this, call("Process()", "mp.process r8, " + label, "r8"));
  }

  /** {@code Lock()}. */
  public Lock lock() {
    return new Lock(this, call("Lock()", "mp.lock r8", "r8"));
  }

  /** {@code Queue()}. */
  public Queue queue() {
    return new Queue(this, call("Queue()", "mp.queue r8", "r8"));
  }

  /** {@code len(active_children())} (reaps finished children, B24). */
  public int activeChildren() {
    return (int) call("active_children()", "mp.active_children r8", "r8");
  }

  /** {@code time.sleep(d)} in the main process. */
  public void sleep(java.time.Duration d) {
    call("time.sleep()", "sleep " + d.toNanos() + "ns", null);
  }

  /** {@code current_process().name} of the main process ({@code MainProcess}). */
  public String currentProcessName() {
    return queryName("current_process().name", "mp.name r8, 0");
  }

  /** Virtual time (ns since boot) when the last call returned. */
  public long now() {
    return now;
  }

  /** What every process had printed to stdout when the last call returned. */
  public String stdout() {
    return stdout;
  }

  /** The scenario text of the main program so far, ending as the module does. */
  public String scenario() {
    return text(null);
  }

  /**
   * The end of the module: the exit hook runs (daemonic children terminated, the others joined,
   * B19) and the simulation runs to its end.
   */
  public MpEngine.Outcome shutdown() {
    if (shut) {
      throw new IllegalStateException("already shut down");
    }
    shut = true;
    MpEngine.Outcome o = engine.run(text(null));
    stdout = o.stdout();
    now = o.result().virtualNs();
    return o;
  }

  long call(String what, String line, String reg) {
    Long v = query(what, line, reg, "%r");
    return v == null ? Long.MIN_VALUE : v;
  }

  Long query(String what, String line) {
    return query(what, line, "r8", "%r");
  }

  String queryName(String what, String line) {
    return run(what, line, "r8", "%s");
  }

  private Long query(String what, String line, String reg, String conv) {
    String v = run(what, line, reg, conv);
    return v.equals("None") ? null : Long.valueOf(v);
  }

  /** Replays the program with {@code line} appended; its result as printed by {@code conv}. */
  private String run(String what, String line, String reg, String conv) {
    if (shut) {
      throw new IllegalStateException("the main process has ended");
    }
    String probe = "  " + line + "\n  mov r9, " + (reg == null ? "0" : reg) + "\n  clock\n"
        + "  print \"" + MARK + "ok " + conv + " %d\\n\", r9, r0\n  exit 0\n";
    MpEngine.Outcome o = engine.run(text(probe));
    String out = o.stdout();
    int at = out.indexOf(MARK);
    if (at < 0) {
      throw new SimulationStopped(what, o.result());
    }
    String[] reply = out.substring(at + MARK.length(), out.indexOf('\n', at)).split(" ", 2);
    if (reply[0].equals("err")) {
      throw new MpException(reply[1]);
    }
    history.add("  " + line + "\n");
    stdout = out.substring(0, at);
    String[] vt = reply[1].split(" ");
    now = Long.parseLong(vt[1]);
    return vt[0];
  }

  private String text(String probe) {
    StringBuilder sb = new StringBuilder("program /usr/bin/python3\ntext\nmain:\n");
    sb.append("  mp.is_main r6\n  jz r6, __mp_module_end\n  mp.except __mp_err\n");
    if (!method.equals("fork")) {
      sb.append("  mp.set_start_method ").append(method).append('\n');
    }
    history.forEach(sb::append);
    if (probe != null) {
      sb.append(probe);
    } else {
      sb.append("  ret\n");
    }
    sb.append("__mp_err:\n  print \"" + MARK + "err %s\\n\", r0\n  exit 0\n");
    sb.append("__mp_module_end:\n  ret\n");
    targets.forEach(sb::append);
    return sb.append("end\nrun /usr/bin/python3\n").toString();
  }
}
