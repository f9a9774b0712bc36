package io.simkernel.kernel.mm;

/** How fork copies an address space ({@code kernel fork=classic|ondemand}). */
public enum ForkPolicy {
  /**
   * What Linux does (kernel/fork.c {@code dup_mmap}, mm/memory.c {@code copy_page_range}): the
   * entries of every private mapping with anonymous pages are copied and write-protected in parent
   * and child; fork costs one step per entry.
   */
  CLASSIC,
  /**
   * On-Demand-Fork (Zhao et al., EuroSys 2021), generalised to every level: the page tables
   * themselves are shared copy-on-write, so fork costs a few steps whatever the address-space
   * size; a table is copied the first time a process changes an entry below it.
   */
  ONDEMAND;

  /** The policy a {@code kernel fork=} value names; classic for anything else. */
  public static ForkPolicy of(String name) {
    return "ondemand".equals(name) ? ONDEMAND : CLASSIC;
  }
}
