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
 * <p>The queue is a radix heap ({@link io.simkernel.kernel.clock.EventQueue}): since nothing is
 * ever scheduled before the last event taken, a future event is appended, unsorted, to a bucket
 * chosen by the highest 4-bit digit in which its time differs from that of the last event made
 * due, and buckets are sorted out lazily, lowest first; the events due now are in a small 4-ary
 * heap ({@link io.simkernel.kernel.clock.TimeHeap}, the whole queue until the radix buckets were
 * measured 1.6–9× faster on the hold model). No object per event, keys and payloads in
 * primitive arrays. Pushes into the past are still exact (they go to the heap). This mirrors what the Linux kernel does with
 * timers only in spirit (hrtimers are a red-black tree, the timer wheel buckets by expiry like
 * ours); the measurements in {@code docs/benchmarks.md} chose the structure.
 */
package io.simkernel.kernel.clock;
