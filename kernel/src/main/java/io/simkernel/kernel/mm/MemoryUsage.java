package io.simkernel.kernel.mm;

/**
 * How much memory an address space uses, in pages, as Linux's {@code /proc/PID/status} and
 * {@code smaps_rollup} report it: resident anonymous, file (page-cache) and shared-memory pages,
 * the high-water mark of the resident set ({@code VmHWM}, getrusage's {@code ru_maxrss}), and the
 * proportional set size in bytes (each resident page divided by the number of address spaces
 * mapping it).
 */
public record MemoryUsage(long rssAnon, long rssFile, long rssShmem, long hiwater, long pssBytes) {
  public long rss() {
    return rssAnon + rssFile + rssShmem;
  }
}
