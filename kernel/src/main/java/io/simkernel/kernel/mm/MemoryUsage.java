package io.simkernel.kernel.mm;

/**
 * How much memory an address space uses, in pages, as Linux's {@code /proc/PID/status} reports
 * it: resident anonymous, file (page-cache) and shared-memory pages ({@code RssAnon RssFile
 * RssShmem}) and the high-water mark of the resident set ({@code VmHWM}, getrusage's {@code
 * ru_maxrss}). The proportional set size is {@link AddressSpace#pssBytes()}.
 */
public record MemoryUsage(long rssAnon, long rssFile, long rssShmem, long hiwater) {
  public long rss() {
    return rssAnon + rssFile + rssShmem;
  }
}
