package io.simkernel.traces.strace;

import io.simkernel.api.run.ProcessRecord;
import io.simkernel.api.run.RunResult;
import io.simkernel.api.scenario.Scenario;
import io.simkernel.api.trace.EventKind;
import io.simkernel.api.trace.TraceEvent;
import io.simkernel.kernel.Kernel;
import io.simkernel.kernel.KernelOptions;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run of an imported scenario, and what its kernel events say in the terms of the facts:
 * who forked whom (in order), the image each process ended with, every signal generated (with
 * its result: delivered, ignored, already pending) and delivered (with its sender, paired with
 * the generation it came from, per target and signal in order: SG-13), and the reaps made by
 * processes other than init.
 */
final class SimulatedRun {
  /** A signal_generate: target, signal, sender, result (0 queued, 1 ignored, 2 pending...). */
  record Generated(int target, int sig, int sender, int result) {}

  /** A signal_deliver: target, signal, the sender of the instance, and the handler (0: none). */
  record Delivered(int pid, int sig, int sender, long handler) {}

  static final int IGNORED = 1;
  static final int ALREADY_PENDING = 2;

  private final RunResult result;
  private final Map<Integer, Integer> parentAtFork = new TreeMap<>();
  private final Map<Integer, List<Integer>> forks = new TreeMap<>();
  private final Map<Integer, String> image = new TreeMap<>();
  private final List<Generated> generated = new ArrayList<>();
  private final List<Delivered> delivered = new ArrayList<>();
  private final List<int[]> reaps = new ArrayList<>();
  /** Line of a replayed getrusage → the ru_minflt it returned (its report on stderr). */
  private final Map<Integer, Long> rusage = new TreeMap<>();
  private static final java.util.regex.Pattern REPORT = java.util.regex.Pattern.compile(
      "getrusage line (\\d+): ru_minflt=(-?\\d+)");

  private SimulatedRun(RunResult result, List<TraceEvent> events, String stderr) {
    this.result = result;
    java.util.regex.Matcher m = REPORT.matcher(stderr);
    while (m.find()) {
      rusage.put(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
    }
    Map<Long, Deque<Integer>> pending = new TreeMap<>();
    for (TraceEvent e : events) {
      observe(e, pending);
    }
  }

  /**
   * Runs the scenario and observes it: its events, and on stderr the reports of its getrusage
   * calls ({@link MemoryWork#after}); stdout is discarded.
   */
  static SimulatedRun run(Scenario scenario) {
    List<TraceEvent> events = new ArrayList<>();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    KernelOptions options = KernelOptions.of(new ByteArrayOutputStream(), err)
        .withSink(events::add);
    RunResult r = Kernel.boot(scenario, options).run();
    return new SimulatedRun(r, events, err.toString(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** What the replayed getrusage of log line {@code line} returned (ru_minflt), or null. */
  Long rusage(int line) {
    return rusage.get(line);
  }

  private void observe(TraceEvent e, Map<Long, Deque<Integer>> pending) {
    EventKind k = e.kind();
    if (k == EventKind.SCHED_PROCESS_FORK) {
      int child = (int) e.a();
      parentAtFork.put(child, e.pid());
      forks.computeIfAbsent(e.pid(), p -> new ArrayList<>()).add(child);
      String img = image.get(e.pid());
      if (img != null) {
        image.put(child, img);
      }
    } else if (k == EventKind.SCHED_PROCESS_EXEC) {
      image.put(e.pid(), e.text());
    } else if (k == EventKind.SIGNAL_GENERATE) {
      generated.add(new Generated(e.pid(), (int) e.a(), (int) e.b(), (int) e.c()));
      if (e.c() != IGNORED && e.c() != ALREADY_PENDING) {
        pending.computeIfAbsent(key(e.pid(), e.a()), x -> new ArrayDeque<>()).add((int) e.b());
      }
    } else if (k == EventKind.SIGNAL_DELIVER) {
      Deque<Integer> q = pending.get(key(e.pid(), e.a()));
      int sender = q == null || q.isEmpty() ? 0 : q.poll();
      delivered.add(new Delivered(e.pid(), (int) e.a(), sender, e.c()));
    } else if (k == EventKind.SCHED_PROCESS_WAIT && e.c() == 1 && e.pid() != 1) {
      reaps.add(new int[] {e.pid(), (int) e.a()});
    }
  }

  private static long key(long pid, long sig) {
    return pid * 128 + sig;
  }

  RunResult result() {
    return result;
  }

  /** The parent a simulated process was forked by (1 for the main program), or 0. */
  int parentAtFork(int pid) {
    return parentAtFork.getOrDefault(pid, 0);
  }

  /** The children a simulated process forked, in order. */
  List<Integer> forksBy(int pid) {
    return forks.getOrDefault(pid, List.of());
  }

  /** The image a simulated process ran last, or null. */
  String image(int pid) {
    return image.get(pid);
  }

  List<Generated> generated() {
    return generated;
  }

  List<Delivered> delivered() {
    return delivered;
  }

  /** Reaps by processes other than init: {reaper, reaped}, in order. */
  List<int[]> reaps() {
    return reaps;
  }

  /** The record of a simulated process, or null. */
  ProcessRecord record(int pid) {
    for (ProcessRecord r : result.processes()) {
      if (r.pid() == pid) {
        return r;
      }
    }
    return null;
  }
}
