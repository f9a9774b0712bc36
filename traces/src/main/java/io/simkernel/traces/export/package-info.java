/**
 * Exporters: a trace seen through other tools.
 *
 * <p>All of them rest on one model, {@link io.simkernel.traces.export.Tasks}, which follows each
 * process through the events — its name and image, its state (running, runnable, blocked,
 * stopped, zombie), its parent, how it ended and who reaped it — so the four views agree with one
 * another:
 * <ul>
 *   <li>Chrome trace-event JSON ({@link io.simkernel.traces.export.ChromeTraceExporter}), which
 *       Perfetto and {@code chrome://tracing} open: a track per process, state slices, signal
 *       and lifecycle instants, fork and signal arrows, a process-count counter;
 *   <li>a self-contained HTML page ({@link io.simkernel.traces.export.HtmlTimelineExporter}) that
 *       draws the same timeline with no network and no other file;
 *   <li>ftrace text ({@link io.simkernel.traces.export.FtraceExporter}), line for line in the
 *       Linux kernel's format, to read beside a real {@code /sys/kernel/tracing/trace} capture;
 *   <li>a CSV summary, one row per process ({@link
 *       io.simkernel.traces.export.CsvSummaryExporter}), for spreadsheets and plots.
 * </ul>
 *
 * <p>Output depends only on the trace: everything is kept in lists in event order, and hash maps
 * are only looked up, never iterated, so an export is byte-for-byte reproducible.
 */
package io.simkernel.traces.export;
