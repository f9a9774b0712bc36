/**
 * Traces: the kernel's event stream on disk, and what can be done with it.
 *
 * <p>A trace is the run's whole story — every kernel event, in order, with its virtual time, its
 * CPU and the rolling hash of the run so far — framed by a header that records everything needed
 * to run it again (the scenario's full text, its hash, the seed, the configuration) and an end
 * record that says why the run stopped. The subpackages:
 * <ul>
 *   <li>{@link io.simkernel.traces.format}: the two encodings of that one format, JSON Lines for
 *       people and tools, a compact binary form for long runs, with their readers;
 *   <li>{@link io.simkernel.traces.replay}: running a trace's scenario again and reporting the
 *       first event where the new run differs;
 *   <li>{@link io.simkernel.traces.export}: views for other tools — Chrome trace JSON for
 *       Perfetto, a self-contained HTML timeline, ftrace text, a CSV summary per process;
 *   <li>{@code io.simkernel.traces.strace}: importing real {@code strace -f} logs.
 * </ul>
 */
package io.simkernel.traces;
