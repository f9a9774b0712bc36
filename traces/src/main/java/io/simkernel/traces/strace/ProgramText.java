package io.simkernel.traces.strace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@code program PATH ... end} block of the generated scenario: the code of every process
 * segment that runs this image (a process from its exec, or from its fork of a process running
 * it, to its next exec or its end), the {@code nap} helper when needed, and the signal handlers.
 *
 * <p>A handler is one label per handler address of the real program. The log shows what the
 * handler did at each delivery — the calls between {@code --- SIGX ---} and
 * {@code rt_sigreturn} — and that differs from one delivery to the next (bash's SIGCHLD handler
 * reaps nothing the first time, a child the second). So the handler dispatches on the process
 * ({@code getpid}, against the PID map) and on a per-process count of its deliveries (a data
 * word, private to each process after fork because memory is copy-on-write) to the body the
 * log shows for that delivery. A word is only ever counted by its own process, so a child that
 * inherits its parent's count never reads it.
 */
final class ProgramText {
  private final String path;
  private final List<String> about = new ArrayList<>();
  private final List<String> text = new ArrayList<>();
  private final Map<Long, Handler> handlers = new TreeMap<>();
  private boolean nap;
  private long buffer;

  /** The data a replayed read or write on a pipe uses: as many bytes as the largest. */
  static final String IO_BUFFER = "io_buf";

  /** A handler address: where it was first installed, and the bodies per real PID. */
  static final class Handler {
    final long addr;
    final String installed;
    final Map<Integer, List<Body>> bodies = new TreeMap<>();

    Handler(long addr, String installed) {
      this.addr = addr;
      this.installed = installed;
    }
  }

  /** What one delivery ran; {@code calls} is set when it holds more than time and comments. */
  static final class Body {
    final String title;
    final List<String> lines = new ArrayList<>();
    boolean calls;

    Body(String title) {
      this.title = title;
    }
  }

  ProgramText(String path) {
    this.path = path;
  }

  String path() {
    return path;
  }

  /** Comment lines printed above {@code program}. */
  List<String> about() {
    return about;
  }

  /** The code lines (labels and instructions). */
  List<String> text() {
    return text;
  }

  /** Makes the I/O buffer at least {@code bytes} long. */
  void buffer(long bytes) {
    buffer = Math.max(buffer, bytes);
  }

  void useNap() {
    nap = true;
  }

  static String handlerLabel(long addr) {
    return "handler_" + Long.toHexString(addr);
  }

  /** Registers a handler address (first installation wins the comment). */
  void handler(long addr, String installed) {
    handlers.computeIfAbsent(addr, a -> new Handler(a, installed));
  }

  /** Opens the body of the next delivery of handler {@code addr} in process {@code pid}. */
  Body newBody(long addr, int pid, String title) {
    Handler h = handlers.computeIfAbsent(addr, a -> new Handler(a, "inherited"));
    Body b = new Body(title);
    h.bodies.computeIfAbsent(pid, k -> new ArrayList<>()).add(b);
    return b;
  }

  String render(PidMap pids) {
    StringBuilder sb = new StringBuilder();
    for (String a : about) {
      sb.append("# ").append(a).append('\n');
    }
    sb.append("program ").append(Code.word(path)).append('\n');
    List<String> words = new ArrayList<>();
    for (Handler h : handlers.values()) {
      for (Map.Entry<Integer, List<Body>> e : h.bodies.entrySet()) {
        if (anyCalls(e.getValue())) {
          words.add(Code.line(hits(h, e.getKey()) + ": word 0", "deliveries so far of "
              + handlerLabel(h.addr) + " in " + e.getKey()));
        }
      }
    }
    if (buffer > 0) {
      words.add(Code.line(IO_BUFFER + ": space " + buffer, "the bytes of the replayed reads "
          + "and writes on pipes (their content is not in the log)"));
    }
    if (!words.isEmpty()) {
      sb.append("data\n");
      words.forEach(w -> sb.append(w).append('\n'));
      sb.append("text\n");
    }
    text.forEach(l -> sb.append(l).append('\n'));
    if (nap) {
      renderNap(sb);
    }
    for (Handler h : handlers.values()) {
      renderHandler(sb, h, pids);
    }
    return sb.append("end\n").toString();
  }

  private static void renderNap(StringBuilder sb) {
    sb.append('\n').append(Code.label("nap", "sleeps r12 in full: a handler that interrupts the "
        + "sleep (-EINTR, r1 = time left)")).append('\n');
    sb.append(Code.line("sleep r12", "must not shorten the recorded gap")).append('\n');
    sb.append(Code.line("jne   r0, -EINTR, nap_done", null)).append('\n');
    sb.append(Code.line("mov   r12, r1", null)).append('\n');
    sb.append(Code.line("jmp   nap", null)).append('\n');
    sb.append("nap_done:\n").append(Code.line("ret", null)).append('\n');
  }

  private static void renderHandler(StringBuilder sb, Handler h, PidMap pids) {
    String label = handlerLabel(h.addr);
    sb.append('\n').append(Code.label(label, "the handler at 0x" + Long.toHexString(h.addr)
        + " (" + h.installed + ")")).append('\n');
    List<Integer> active = new ArrayList<>();
    for (Map.Entry<Integer, List<Body>> e : h.bodies.entrySet()) {
      if (anyCalls(e.getValue())) {
        active.add(e.getKey());
      }
    }
    if (active.isEmpty()) {
      sb.append(Code.line("ret", "the log shows it making no call the replay models"))
          .append('\n');
      return;
    }
    sb.append(Code.line("getpid", "which process: each runs what the log shows it running"))
        .append('\n');
    for (int pid : active) {
      sb.append(Code.line("jeq   r0, " + pids.sim(pid) + ", " + label + "_" + pid, "" + pid))
          .append('\n');
    }
    sb.append(Code.line("ret", "in any other process: nothing the log shows")).append('\n');
    for (int pid : active) {
      renderDispatch(sb, h, pid, pids);
    }
  }

  private static void renderDispatch(StringBuilder sb, Handler h, int pid, PidMap pids) {
    String label = handlerLabel(h.addr) + "_" + pid;
    String hits = hits(h, pid);
    List<Body> bodies = h.bodies.get(pid);
    sb.append(Code.label(label, "deliveries to " + pid + " (sim " + pids.sim(pid)
        + "), in log order")).append('\n');
    sb.append(Code.line("load  r13, [" + hits + "]", null)).append('\n');
    sb.append(Code.line("add   r13, 1", null)).append('\n');
    sb.append(Code.line("store [" + hits + "], r13", null)).append('\n');
    for (int k = 0; k < bodies.size(); k++) {
      if (bodies.get(k).calls) {
        sb.append(Code.line("jeq   r13, " + (k + 1) + ", " + label + "_" + (k + 1),
            bodies.get(k).title)).append('\n');
      }
    }
    sb.append(Code.line("ret", "a delivery that makes no modelled call (or one the log lacks)"))
        .append('\n');
    for (int k = 0; k < bodies.size(); k++) {
      Body b = bodies.get(k);
      if (b.calls) {
        sb.append(Code.label(label + "_" + (k + 1), b.title)).append('\n');
        b.lines.forEach(l -> sb.append(l).append('\n'));
        String last = b.lines.isEmpty() ? "" : b.lines.get(b.lines.size() - 1).trim();
        if (!last.startsWith("ret") && !last.startsWith("exit")) {
          sb.append(Code.line("ret", "the log ends inside the handler")).append('\n');
        }
      }
    }
  }

  private static String hits(Handler h, int pid) {
    return "hits_" + pid + "_" + Long.toHexString(h.addr);
  }

  private static boolean anyCalls(List<Body> bodies) {
    for (Body b : bodies) {
      if (b.calls) {
        return true;
      }
    }
    return false;
  }
}
