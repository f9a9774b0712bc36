package io.simkernel.kernel;

import io.simkernel.api.program.Op;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where the wall time of a run went ({@code simkernel run --profile}): a self-time profiler over
 * a few coarse sections of the kernel — user code in the interpreter, system calls (by call),
 * memory faults, the address-space copy of fork and the teardown of exit, signal delivery,
 * invariant checks, tracing — with the rest charged to the event loop and scheduler.
 *
 * <p>Only {@link System#nanoTime()} is read, and only when profiling is on (the kernel holds a
 * null profiler otherwise, so an unprofiled run pays one null check per hook). The profiler never
 * feeds anything back into the simulation: the events, their order and the trace hash are the
 * same with and without it (ProfilerTest checks this). Each section change costs two clock reads
 * (≈ 20–50 ns on this machine's JVM), so a profiled run is slower than an unprofiled one, most
 * for scenarios with many cheap events; the shares stay meaningful because every section pays
 * the same per-change overhead.
 *
 * <p>Sections nest (a {@code kill} system call delivers a signal; an exit releases memory); time
 * is charged to the innermost open section only (self time), so the shares add up to 100 %.
 */
public final class Profiler {
  /** The event loop: popping events, dispatching CPUs, context switches; whatever is not below. */
  public static final int LOOP = 0;
  /** Interpreting user code (a segment between two synchronisation points). */
  public static final int INTERPRETER = 1;
  /** A system call's own work (by call in {@link #syscallNs}). */
  public static final int SYSCALL = 2;
  /** Page faults (zero-fill, file, copy-on-write) and the kernel's faults on user copies. */
  public static final int FAULTS = 3;
  /** Copying (classic) or sharing (ondemand) the address space at fork. */
  public static final int FORK_COPY = 4;
  /** Releasing an address space at exit. */
  public static final int MM_RELEASE = 5;
  /** Delivering pending signals on the return to user mode; generating signals. */
  public static final int SIGNALS = 6;
  /** Emitting kernel events: the rolling hash and the trace sink (building and writing records). */
  public static final int TRACING = 7;
  /** Checking every invariant after every event ({@code --checked}). */
  public static final int CHECKS = 8;
  private static final int SECTIONS = 9;
  private static final String[] NAMES = {"event loop and scheduler", "interpreter (user code)",
      "system calls", "memory faults", "fork: address-space copy", "exit: address-space release",
      "signals", "tracing (hash and sink)", "invariant checks"};

  private final long[] ns = new long[SECTIONS];
  private final long[] entries = new long[SECTIONS];
  private final long[] syscallNs = new long[Op.values().length];
  private final long[] syscallCalls = new long[Op.values().length];
  private final int[] stack = new int[64];
  private int depth;
  private int op = -1;
  private long last;
  private long start;
  private long total;

  /** Starts the clock, in the event loop section. */
  void start() {
    depth = 0;
    stack[0] = LOOP;
    start = System.nanoTime();
    last = start;
  }

  /** Stops the clock: everything since the last change goes to the section still open. */
  void stop() {
    long now = System.nanoTime();
    charge(now);
    total += now - start;
  }

  /** Opens a section nested in the current one. */
  public void enter(int section) {
    charge(System.nanoTime());
    stack[++depth] = section;
    entries[section]++;
  }

  /** Opens the system-call section for the call with that operation ordinal. */
  void enterSyscall(int opOrdinal) {
    enter(SYSCALL);
    op = opOrdinal;
    syscallCalls[opOrdinal]++;
  }

  /** Closes the innermost open section. */
  public void leave() {
    charge(System.nanoTime());
    depth--;
    if (stack[depth + 1] == SYSCALL) {
      op = -1;
    }
  }

  private void charge(long now) {
    long d = now - last;
    int s = stack[depth];
    ns[s] += d;
    if (s == SYSCALL && op >= 0) {
      syscallNs[op] += d;
    }
    last = now;
  }

  /** Wall time of the profiled run, ns. */
  public long totalNs() {
    return total;
  }

  /** Self time of a section, ns. */
  public long sectionNs(int section) {
    return ns[section];
  }

  /** The report section: each section's share of the wall time, then the costliest calls. */
  public String format(long events, long instructions) {
    StringBuilder b = new StringBuilder();
    double all = Math.max(1, total);
    b.append(String.format(Locale.ROOT, "profile:     %.3f ms wall in the event loop (%s), "
        + "self time per section:%n", total / 1e6, rate(events, "events", total)));
    Integer[] order = new Integer[SECTIONS];
    for (int i = 0; i < SECTIONS; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> x.intValue() == y.intValue() ? 0
        : ns[y] != ns[x] ? Long.compare(ns[y], ns[x]) : Integer.compare(x, y));
    for (int s : order) {
      String extra = s == INTERPRETER ? rate(instructions, "instructions", ns[s])
          : s == LOOP ? "" : entries[s] + " entries";
      b.append(String.format(Locale.ROOT, "    %-30s %10.3f ms %6.1f %%   %s%n", NAMES[s],
          ns[s] / 1e6, 100.0 * ns[s] / all, extra));
    }
    appendSyscalls(b, all);
    return b.toString();
  }

  /** {@code count} per second of {@code overNs} (instructions per interpreter second, etc.). */
  private static String rate(long count, String what, long overNs) {
    double secs = overNs / 1e9;
    return secs <= 0 ? count + " " + what
        : String.format(Locale.ROOT, "%d %s, %.2f M/s", count, what, count / secs / 1e6);
  }

  private void appendSyscalls(StringBuilder b, double all) {
    Integer[] order = new Integer[syscallNs.length];
    int n = 0;
    for (int i = 0; i < syscallNs.length; i++) {
      if (syscallCalls[i] > 0) {
        order[n++] = i;
      }
    }
    if (n == 0) {
      return;
    }
    Integer[] used = Arrays.copyOf(order, n);
    Arrays.sort(used, (x, y) -> syscallNs[y] != syscallNs[x]
        ? Long.compare(syscallNs[y], syscallNs[x]) : Integer.compare(x, y));
    b.append("    system calls by self time (the first 8):\n");
    for (int i = 0; i < Math.min(8, n); i++) {
      int o = used[i];
      b.append(String.format(Locale.ROOT, "      %-22s %10.3f ms %6.1f %%   %d calls, %.0f ns each%n",
          Op.ofOrdinal(o).mnemonic(), syscallNs[o] / 1e6, 100.0 * syscallNs[o] / all,
          syscallCalls[o], (double) syscallNs[o] / syscallCalls[o]));
    }
  }
}
