/**
 * Memory management: physical frames, page tables, mappings, copy-on-write fork, demand paging.
 *
 * <h2>What it owns</h2>
 *
 * <p>{@link io.simkernel.kernel.mm.PhysicalMemory} is the machine's memory ({@code kernel
 * memory=}, 4 KiB frames): reference counts, a deterministic allocator (last freed first), the
 * zero page (frame 0), the page caches of image sections and shared anonymous objects ({@link
 * io.simkernel.kernel.mm.MemoryObject}), the fork policy ({@code kernel fork=classic|ondemand})
 * and the counters of the run report. Each process's {@link io.simkernel.kernel.mm.AddressSpace}
 * is a list of mappings ({@link io.simkernel.kernel.mm.Vma}: protection, private or shared,
 * anonymous or file-backed, the DONTFORK and WIPEONFORK marks) over a 4-level radix tree of
 * 512-entry tables as on x86-64 ({@link io.simkernel.kernel.mm.PageTable}: 48-bit addresses,
 * entries with present, writable, user, accessed and dirty bits, a copy-on-write mark and the
 * kind of page mapped). Nothing here knows processes: the kernel calls in, and the rest of the
 * kernel reaches memory only through {@code AddressSpace}.
 *
 * <h2>States of a page, and the transitions (Linux: mm/memory.c)</h2>
 *
 * <ul>
 *   <li><b>not present</b> (inside a mapping, no entry): the first access faults. A read of
 *       private anonymous memory maps the shared zero page read-only; a write maps a fresh zeroed
 *       frame ({@code do_anonymous_page}); a private file page is mapped from the page cache
 *       read-only on a read ({@code do_read_fault}) and copied on a write ({@code
 *       do_cow_fault}); a shared page is the object's page, writable if the mapping is ({@code
 *       do_shared_fault}). Each is one minor fault.</li>
 *   <li><b>present, exclusive</b>: a writable private page no one else maps (count 1); loads and
 *       stores go straight to the frame through the space's one-page caches.</li>
 *   <li><b>present, copy-on-write</b>: read-only with the CoW mark (after fork, or a page-cache or
 *       zero page). Reads never fault (posix-semantics MM-3). A write faults ({@link
 *       io.simkernel.kernel.mm.MemoryFault#WRITE_PROTECT}) and {@code do_wp_page} either reuses
 *       the frame when the writer is its last holder ({@code wp_page_reuse}, MM-4, MM-9) or
 *       copies it ({@code wp_page_copy}).</li>
 * </ul>
 *
 * <h2>fork (kernel/fork.c {@code dup_mmap}, mm/memory.c {@code copy_page_range})</h2>
 *
 * <p>The child gets every mapping but the {@code MADV_DONTFORK} ones; a {@code MADV_WIPEONFORK}
 * mapping arrives empty (reads zeros) and keeps its mark; a shared object gains a user (MM-5,
 * MM-7, FK-3, FK-4). Under {@code classic} (Linux) the entries of every private mapping that
 * holds anonymous pages are copied, each frame's count goes up and anonymous entries are
 * write-protected and marked in parent and child (MM-2); other mappings are refilled by faults
 * ({@code vma_needs_copy}); fork costs one step per entry. Under {@code ondemand} (On-Demand-Fork,
 * Zhao et al., EuroSys 2021, taken to every level of the tree) fork shares the largest subtrees
 * that cover no DONTFORK/WIPEONFORK range, taking one reference on each and marking it
 * write-protect-pending; whoever first changes an entry below a shared table copies the tables
 * on its path ({@code PageTable.ownPath}) and settles the pending write-protection a level at a
 * time, so fork costs a few steps whatever the size and the same faults happen as under
 * classic. vfork shares the space itself (MM-8); exec and exit release it (MM-9).
 *
 * <p>Page-table pages are recycled: a table whose last reference is dropped goes back to the
 * machine's {@code NodePool} (bounded; cleared as it is freed) and the next table anybody needs is
 * taken from there, as Linux keeps freed page-table pages on per-CPU lists. A pooled table is
 * handed out exactly as a new one, so recycling changes no event; it took the simulated fork +
 * exit + wait cycle from 20.5 KB to 5.6 KB of allocation (docs/benchmarks.md).
 *
 * <h2>Compact page-table pages (Java heap only)</h2>
 *
 * <p>A simulated page-table page is always a 4 KiB page of 512 entries (that is what the memory
 * report counts, as Linux would), but its Java form depends on how full it is. Every {@code Dir}
 * and {@code Leaf} has a 512-bit occupancy map ({@code Occupancy}: eight bit words plus eight
 * 16-bit running counts, so an index's rank among the used ones costs one popcount). While a
 * page has few used indexes (at most {@code Dir.COMPACT_MAX} = 32 slots, {@code
 * Leaf.COMPACT_MAX} = 64 entries) it keeps them in a small array in index order, at their rank,
 * growing by doubling from 4 slots / 8 entries; past that it becomes the direct {@code Node[512]}
 * / {@code long[512]} and stays so. A sleeping {@code classic} child's tables hold a handful of
 * entries each, so they cost a few hundred bytes instead of 2–4 KiB, and copying, write-protecting,
 * releasing and checking a table visit only its present entries, in index order as before (frames
 * are put back in the same order, so the allocator, the events and the hashes are unchanged). A
 * fork copy of more than 64 entries into one table takes a direct leaf at once (a plain scan, the
 * occupancy bits marked in bulk); {@code NodePool} keeps direct leaves apart from compact ones and
 * hands them out only for such copies, so a sparse table never gets 4 KiB from the pool.
 *
 * <h2>Invariants ({@link io.simkernel.kernel.mm.PhysicalMemory#check}, run after every event in
 * checked mode)</h2>
 *
 * <ul>
 *   <li>a frame's count equals the entries mapping it in distinct tables plus the page caches
 *       holding it; a frame whose count reached 0 is free and mapped by nothing (I-9);</li>
 *   <li>a table is referenced by exactly {@code shares} parents; its counters (resident pages by
 *       kind) equal its entries; its occupancy map marks exactly its present entries (non-zero)
 *       or tables, and its size agrees;</li>
 *   <li>every present entry lies in a mapping and is writable only if the mapping is; a
 *       writable anonymous entry maps a frame of count 1 (I-9);</li>
 *   <li>no write is possible through a shared table: the VM's write cache only holds pages whose
 *       whole path is exclusive, and every change of an entry empties the caches;</li>
 *   <li>an access outside every mapping is {@code SEGV_MAPERR}, against the protection {@code
 *       SEGV_ACCERR} (man sigaction(2), posix-semantics §18).</li>
 * </ul>
 *
 * <p>With the process table the kernel adds (check.MemoryInvariants): every live space is a
 * process's, zombies hold none, and with no process left only images' cached pages are in use.
 * When frames run out the kernel's OOM killer (mm/oom_kill.c) kills the largest process.
 */
package io.simkernel.kernel.mm;
