package io.simkernel.api.run;

import java.util.List;

/**
 * What a run did with memory: the machine's frames (4 KiB each), how page faults were resolved,
 * what fork copied, the OOM killer's victims, and each process's memory when it exited (or at the
 * end of the run, for processes still alive).
 *
 * @param forkPolicy {@code classic} or {@code ondemand} ({@code kernel fork=})
 * @param totalFrames frames of the machine ({@code kernel memory=} / 4 KiB)
 * @param framesInUse frames in use at the end (page caches of images included)
 * @param framesPeak the most frames in use at once
 * @param cachedFrames frames held by the page caches of images at the end
 * @param zeroFills faults that mapped zero-filled memory
 * @param fileFills faults served from a page cache (image sections, shared objects)
 * @param cowCopies write faults that copied a shared frame (copy-on-write)
 * @param cowReuses write faults on copy-on-write pages no one else mapped any more (no copy)
 * @param tableCopies page tables copied on first change after an {@code ondemand} fork
 * @param forkEntries page-table entries (classic) or tables (ondemand) forks copied or shared
 * @param oomKills processes the OOM killer killed, in order, as Linux logs them
 * @param processes per-process memory, in exit order then PID order
 */
public record MemoryStats(String forkPolicy, long totalFrames, long framesInUse, long framesPeak,
    long cachedFrames, long zeroFills, long fileFills, long cowCopies, long cowReuses,
    long tableCopies, long forkEntries, List<String> oomKills, List<ProcessMemory> processes) {

  /** No memory activity (a result built without a kernel). */
  public static final MemoryStats NONE = new MemoryStats("classic", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      List.of(), List.of());

  /**
   * One process's memory, in KiB, as {@code /proc/PID/status} and {@code smaps_rollup} show it:
   * resident anonymous, file and shared-memory pages, the proportional set size (-1 when not
   * measured: a run walks at most 4 Mi entries for it), the high-water mark of the resident set,
   * and getrusage's fault counts.
   */
  public record ProcessMemory(int pid, String command, long rssAnonKiB, long rssFileKiB,
      long rssShmemKiB, long pssKiB, long maxRssKiB, long minorFaults, long majorFaults) {}
}
