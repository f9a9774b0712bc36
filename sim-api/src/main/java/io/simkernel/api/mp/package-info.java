/**
 * The Java API of the simulator's multiprocessing runtime, mirroring Python's names
 * ({@code Multiprocessing.context("spawn").process(target).daemon(true).start()}, {@code join},
 * {@code isAlive}, {@code exitcode}, {@code pid}, {@code name}, {@code terminate}, {@code kill},
 * {@code close}, {@code activeChildren}, {@link io.simkernel.api.mp.Lock},
 * {@link io.simkernel.api.mp.Queue}). Java code plays the simulated main process; children run
 * {@link io.simkernel.api.mp.Target}s, small Java-described programs. The API builds the
 * scenario text of the main program and replays it on an {@link io.simkernel.api.mp.MpEngine}
 * (the kernel's, found by ServiceLoader), so it never depends on the kernel; see
 * {@link io.simkernel.api.mp.MpContext} for the replay and docs/multiprocessing.md for the rules
 * (B1–B31 of createprocess-and-multiprocessing.md).
 */
package io.simkernel.api.mp;
