package io.simkernel.kernel;

import io.simkernel.api.run.MemoryStats;
import io.simkernel.api.run.MemoryStats.ProcessMemory;
import io.simkernel.api.run.RunResult;
import io.simkernel.kernel.mm.MemoryCounters;
import io.simkernel.kernel.mm.MemoryUsage;
import io.simkernel.kernel.proc.Process;
import java.util.ArrayList;
import java.util.List;

/**
 * The memory part of the run report: each process's resident set and PSS when it exits (taken
 * just before do_exit releases its memory) or at the end of the run, the OOM killer's victims,
 * and the machine's counters.
 */
final class MemoryReport {
  private final Kernel k;
  private final List<ProcessMemory> rows = new ArrayList<>();
  private final List<String> oomKills = new ArrayList<>();
  /**
   * Entries the PSS walks of a run may visit in all (4 Mi: a few ms); past it a process's PSS is
   * reported as -1, so that exits stay cheap in long runs (an ondemand exit is O(1) otherwise).
   */
  private long pssBudget = 1L << 22;

  MemoryReport(Kernel k) {
    this.k = k;
  }

  /** Records a process's memory as it starts to exit. */
  void recordExit(Process p) {
    if (p.mm() != null && rows.size() < RunResult.MAX_RECORDS) {
      rows.add(row(p));
    }
  }

  /** Records an OOM kill, as Linux logs it ({@code mm/oom_kill.c __oom_kill_process}). */
  void oomKill(Process victim) {
    MemoryUsage u = victim.mm().usage();
    oomKills.add(String.format(java.util.Locale.ROOT, "Out of memory: Killed process %d (%s)"
        + " total-vm:%dkB, anon-rss:%dkB, file-rss:%dkB, shmem-rss:%dkB, UID:%d"
        + " oom_score_adj:0", victim.pid(), victim.comm(), totalVm(victim) * 4, u.rssAnon() * 4,
        u.rssFile() * 4, u.rssShmem() * 4, victim.uid()));
  }

  int oomKillCount() {
    return oomKills.size();
  }

  private static long totalVm(Process p) {
    long pages = 0;
    for (io.simkernel.kernel.mm.Vma v : p.mm().vmas()) {
      pages += v.pages();
    }
    return pages;
  }

  private ProcessMemory row(Process p) {
    MemoryUsage u = p.mm().usage();
    long pss = -1;
    long walk = p.mm().presentPages();
    if (walk <= pssBudget) { // PSS walks every entry: a bounded total per run
      pssBudget -= walk;
      pss = p.mm().pssBytes() / 1024;
    }
    return new ProcessMemory(p.pid(), p.comm(), u.rssAnon() * 4, u.rssFile() * 4,
        u.rssShmem() * 4, pss, u.hiwater() * 4, p.minorFaults(), p.majorFaults());
  }

  MemoryStats result() {
    List<ProcessMemory> all = new ArrayList<>(rows);
    k.table().forEach(p -> {
      if (p.state().isAlive() && p.mm() != null && all.size() < RunResult.MAX_RECORDS) {
        all.add(row(p));
      }
    });
    MemoryCounters c = k.memory().counters();
    return new MemoryStats(c.forkPolicy(), c.totalFrames(), c.framesInUse(), c.framesPeak(),
        c.cachedFrames(), c.zeroFills(), c.fileFills(), c.cowCopies(), c.cowReuses(),
        c.tableCopies(), c.forkEntries(), List.copyOf(oomKills), List.copyOf(all));
  }
}
