package io.simkernel.kernel.mm;

/**
 * The memory counters of a machine at one moment (see {@link PhysicalMemory#counters()}).
 *
 * @param forkPolicy {@code classic} or {@code ondemand}
 * @param zeroFills faults that mapped zero-filled memory (a fresh frame or the zero page)
 * @param fileFills faults served from a page cache (an image section or a shared object)
 * @param cowCopies write faults that copied a shared frame
 * @param cowReuses write faults that found the frame no longer shared and reused it
 * @param tableCopies page tables copied because a process changed an entry below a shared one
 *     ({@code ondemand} only)
 * @param tableEntriesCopied entries those copies took
 * @param forkEntries entries (classic) or tables (ondemand) all forks copied or shared
 */
public record MemoryCounters(String forkPolicy, long totalFrames, long framesInUse,
    long framesPeak, long cachedFrames, long zeroFills, long fileFills, long cowCopies,
    long cowReuses, long tableCopies, long tableEntriesCopied, long forks, long forkEntries) {}
