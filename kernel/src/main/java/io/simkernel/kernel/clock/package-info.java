/**
 * Virtual time and the event queue.
 *
 * <p>Owns the simulation's notion of "now" ({@link io.simkernel.kernel.clock.VirtualClock}, in
 * nanoseconds since boot) and every future happening ({@link io.simkernel.kernel.clock.EventQueue}):
 * CPU synchronisation points, timer expiries, init's reaping. Nothing else in the kernel keeps
 * time.
 *
 * <p>Invariants: the clock never goes back; an event never fires before its time; events are
 * totally ordered by (time, tie key), where the tie key is the insertion sequence (strict
 * insertion order, the default) or a seeded bijective scramble of it (random order of same-time
 * events, {@code kernel tiebreak=random}) — both total, so both deterministic.
 *
 * <p>The queue is a 4-ary min-heap over parallel primitive arrays ({@code long} time, {@code long}
 * tie key, {@code long} payload): no object per event, keys contiguous in memory. This mirrors
 * what the Linux kernel does with hrtimers only in spirit (a red-black tree there); the
 * measurements in {@code docs/benchmarks.md} chose the structure.
 */
package io.simkernel.kernel.clock;
