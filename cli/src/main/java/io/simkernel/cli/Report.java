package io.simkernel.cli;

import io.simkernel.api.WaitStatus;
import io.simkernel.api.run.MemoryStats;
import io.simkernel.api.run.ProcessRecord;
import io.simkernel.api.run.RunResult;
import io.simkernel.api.scenario.Scenario;
import java.util.List;
import java.util.Locale;

/** The short human report printed after a run. */
final class Report {
  private Report() {}

  static String format(Scenario s, RunResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append("── simkernel report: ").append(s.sourceName()).append(" (seed ")
        .append(s.config().seed()).append(") ──\n");
    sb.append("ended:       ").append(ending(r)).append('\n');
    sb.append("main:        pid ").append(r.mainPid()).append(", ")
        .append(r.mainStatus() < 0 ? "still running" : WaitStatus.describe(r.mainStatus()))
        .append(" → exit status ").append(r.shellStatus()).append('\n');
    sb.append("time:        ").append(duration(r.virtualNs())).append(" virtual, ")
        .append(duration(r.wallNs())).append(" wall\n");
    sb.append(String.format(Locale.ROOT, "counts:      %d events, %d instructions, %d processes,"
        + " %d forks, %d execs, %d signals, %d page faults%n", r.events(), r.instructions(),
        r.processesCreated(), r.forks(), r.execs(), r.signalsGenerated(), r.minorFaults()));
    sb.append(String.format(Locale.ROOT, "event hash:  %016x%n", r.eventHash()));
    memory(sb, r.memory());
    processes(sb, r.processes(), r.processesCreated());
    zombies(sb, r.zombies());
    if (!r.leftAlive().isEmpty()) {
      sb.append("still alive:\n");
      for (ProcessRecord p : r.leftAlive()) {
        sb.append(String.format(Locale.ROOT, "  pid %d (%s), parent %d, state %s%n", p.pid(),
            p.command(), p.ppid(), stateName(p.state())));
      }
    }
    return sb.toString();
  }

  /** Frames, faults, OOM kills and each process's memory (MemoryStats). */
  private static void memory(StringBuilder sb, MemoryStats m) {
    if (m == null || m.totalFrames() == 0) {
      return;
    }
    sb.append(String.format(Locale.ROOT, "memory:      fork=%s, %d frames (%s), peak %d in use"
        + " (%s), %d at the end (%d cached image pages)%n", m.forkPolicy(), m.totalFrames(),
        size(m.totalFrames()), m.framesPeak(), size(m.framesPeak()), m.framesInUse(),
        m.cachedFrames()));
    sb.append(String.format(Locale.ROOT, "page faults: %d zero-fill, %d file, %d cow-copy,"
        + " %d cow-reuse; %d tables copied; forks copied %d entries%n", m.zeroFills(),
        m.fileFills(), m.cowCopies(), m.cowReuses(), m.tableCopies(), m.forkEntries()));
    for (String kill : m.oomKills()) {
      sb.append("oom killer:  ").append(kill).append('\n');
    }
    if (m.processes().isEmpty()) {
      return;
    }
    sb.append("memory of each process (at its exit), KiB:\n");
    sb.append("    pid  command           anon     file    shmem      pss   max rss   minflt\n");
    int shown = 0;
    for (MemoryStats.ProcessMemory p : m.processes()) {
      if (shown++ == 20) {
        sb.append("  (").append(m.processes().size() - 20).append(" more not listed)\n");
        break;
      }
      sb.append(String.format(Locale.ROOT, "  %5d  %-16s %6d %8d %8d %8s %9d %8d%n", p.pid(),
          p.command(), p.rssAnonKiB(), p.rssFileKiB(), p.rssShmemKiB(),
          p.pssKiB() < 0 ? "-" : Long.toString(p.pssKiB()), p.maxRssKiB(), p.minorFaults()));
    }
  }

  private static String size(long frames) {
    long kib = frames * 4;
    return kib >= 1 << 20 ? String.format(Locale.ROOT, "%.1f GiB", kib / 1048576.0)
        : kib >= 1024 ? String.format(Locale.ROOT, "%.1f MiB", kib / 1024.0) : kib + " KiB";
  }

  private static String ending(RunResult r) {
    return switch (r.reason()) {
      case COMPLETED -> "every process ended";
      case TIME_LIMIT, EVENT_LIMIT, INSN_LIMIT -> "stopped by a limit: " + r.detail();
      case DEADLOCK -> "deadlock: " + r.detail();
      case KERNEL_PANIC -> r.detail();
      case INVARIANT_VIOLATION -> "simulator bug, invariant violated: " + r.detail();
    };
  }

  private static void processes(StringBuilder sb, List<ProcessRecord> list, long created) {
    if (list.isEmpty()) {
      return;
    }
    sb.append("processes:\n");
    sb.append("    pid   ppid  command          status                        ended        reaped by\n");
    for (ProcessRecord p : list) {
      String reaper = p.reapedBy() == -1 ? "auto" : p.reapedBy() == 0 ? "no (zombie)"
          : p.reapedBy() == 1 ? "1 (init)" : Integer.toString(p.reapedBy());
      sb.append(String.format(Locale.ROOT, "  %5d  %5d  %-16s %-29s %-12s %s%n", p.pid(), p.ppid(),
          p.command(), WaitStatus.describe(p.status()), duration(p.exitNs()), reaper));
    }
    if (created > list.size() + 1) {
      sb.append("  (").append(created - list.size() - 1).append(" more not listed)\n");
    }
  }

  private static void zombies(StringBuilder sb, List<ProcessRecord> zombies) {
    if (zombies.isEmpty()) {
      sb.append("zombies:     none left\n");
      return;
    }
    sb.append("zombies:     ").append(zombies.size()).append(" left\n");
    for (ProcessRecord z : zombies) {
      sb.append(String.format(Locale.ROOT, "  pid %d (%s), %s, never reaped by its parent %d%n",
          z.pid(), z.command(), WaitStatus.describe(z.status()), z.ppid()));
    }
  }

  private static String stateName(char s) {
    return switch (s) {
      case 'R' -> "R (running)";
      case 'S' -> "S (sleeping)";
      case 'D' -> "D (uninterruptible)";
      case 'T' -> "T (stopped)";
      default -> String.valueOf(s);
    };
  }

  static String duration(long ns) {
    if (ns < 1_000) {
      return ns + " ns";
    }
    if (ns < 1_000_000) {
      return String.format(Locale.ROOT, "%.3f µs", ns / 1e3);
    }
    if (ns < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.3f ms", ns / 1e6);
    }
    return String.format(Locale.ROOT, "%.3f s", ns / 1e9);
  }
}
