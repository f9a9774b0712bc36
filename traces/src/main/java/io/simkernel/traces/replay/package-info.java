/**
 * Replay: running a recorded trace again and finding the first divergence.
 *
 * <p>The simulator is deterministic — same scenario, seed and configuration, same events — so a
 * trace is also a test: re-running what its header describes must reproduce every event, field
 * for field, hash for hash. When it does not, something changed: the simulator (a bug fix, a
 * regression, a new cost), the JVM's behaviour, or the file. {@link
 * io.simkernel.traces.replay.Replayer} re-runs the embedded scenario text (a trace is
 * self-contained: it needs no scenario file, which may have changed since) and compares events as
 * the kernel emits them, stopping the new run at the first difference, so a long trace that
 * diverges early is reported at once. The report shows the event on both sides, the fields that
 * differ, and the events just before — usually enough to see the cause.
 *
 * <p>A trace that cannot be replayed faithfully is refused rather than replayed approximately:
 * one without its scenario text (format version 1), one whose text no longer matches its hash,
 * or whose configuration this version cannot rebuild exactly.
 */
package io.simkernel.traces.replay;
