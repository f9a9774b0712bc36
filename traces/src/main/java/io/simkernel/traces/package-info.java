/**
 * Trace files: writing the kernel's event stream so a run can be inspected, compared and re-run.
 *
 * <p>{@link io.simkernel.traces.JsonlTraceWriter} writes JSON Lines: a header line recording
 * everything needed to re-run (simulator version, scenario name and SHA-256, seed, configuration),
 * one line per event, and a final line saying why the run ended — written even when a limit or an
 * error stops the run. The file appears under its name only once complete (written beside it and
 * renamed), so a reader never sees half a trace.
 */
package io.simkernel.traces;
