/**
 * Memory management: a process's virtual address space.
 *
 * <p>Owns the mappings (VMAs: start, end, protection, private/shared, what backs them) and the
 * pages behind them. Everything else reaches memory through {@link
 * io.simkernel.kernel.mm.AddressSpace}: the VM loads and stores through it, the loader maps image
 * sections into it, fork asks it for the child's copy, exit releases it.
 *
 * <p>This first model ({@link io.simkernel.kernel.mm.PagedAddressSpace}) keeps 4 KiB pages of
 * eight-byte words, allocated on first touch (a minor fault, as Linux's {@code do_anonymous_page}
 * in mm/memory.c) and copied eagerly at fork, which is what fork's visible semantics require; the
 * cost model charges fork per mapped page as Linux's {@code copy_page_range} does. Page-table
 * copy-on-write replaces it behind the same interface.
 *
 * <p>States of a page: not present (inside a VMA, never touched: the next access faults and the
 * kernel fills it), present. Invariants: every present page lies inside a VMA; a page's
 * protection is its VMA's; an access outside every VMA is a {@code SEGV_MAPERR}, an access against
 * the protection a {@code SEGV_ACCERR} (posix-semantics §18, man sigaction(2)).
 */
package io.simkernel.kernel.mm;
