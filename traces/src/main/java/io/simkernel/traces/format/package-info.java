/**
 * The trace format and its two encodings.
 *
 * <p>One format, described once: a header ({@link io.simkernel.traces.format.TraceHeader}), the
 * events ({@link io.simkernel.api.trace.TraceEvent}), an end record ({@link
 * io.simkernel.traces.format.TraceEnd}). Two encodings of it: JSON Lines, which people read,
 * {@code grep} and {@code jq} through, and which a JSON Schema documents; and a binary form for
 * long runs, a few bytes per event, which a reader decodes at tens of millions of events a
 * second. Both carry the same version number and the same header fields (the binary one embeds
 * the header and end records as JSON), so converting between them loses nothing.
 *
 * <p>Three decisions shape the code:
 * <ul>
 *   <li><b>Atomic files.</b> A trace appears under its name only when complete (written beside
 *       it, then renamed), so a file named like a trace always has its end record — and a file
 *       without one was cut short by something else, which readers report as truncation.
 *   <li><b>Readers distrust their input.</b> Every record is checked (fields, types, order,
 *       sequence numbers, time never going back, the end record against the events), and every
 *       problem is one {@link io.simkernel.traces.format.TraceFormatException} naming the file
 *       and line (or byte offset) — never a stack trace, never a silently skipped line.
 *   <li><b>The hash is a specification.</b> The binary form stores no per-event hash: readers
 *       recompute it with {@link io.simkernel.api.trace.TraceHash}, which also lets them detect a
 *       corrupt file at its end record; the binary writer checks the kernel's hashes against it.
 * </ul>
 *
 * <p>The writer is chosen by file name ({@code .sktrace}: binary), the reader by content (the
 * binary magic number, else JSON): see {@link io.simkernel.traces.format.TraceFiles}.
 */
package io.simkernel.traces.format;
