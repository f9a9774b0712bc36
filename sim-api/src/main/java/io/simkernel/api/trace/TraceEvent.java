package io.simkernel.api.trace;

/**
 * One kernel event, materialised for a subscriber. The kernel keeps events as primitives and
 * builds these records only when someone listens. See {@link EventKind} for what {@code pid},
 * {@code a}, {@code b}, {@code c} and {@code text} mean for each kind.
 *
 * @param seq position in the run, from 0
 * @param timeNs virtual time in nanoseconds
 * @param cpu the CPU it happened on, or -1 when no CPU is involved
 * @param hash the rolling hash of the run up to and including this event
 */
public record TraceEvent(long seq, long timeNs, int cpu, EventKind kind, int pid, long a, long b,
    long c, String text, long hash) {

  @Override
  public String toString() {
    return "#" + seq + " " + timeNs + "ns cpu" + cpu + " " + kind.tracepoint() + " pid=" + pid
        + " a=" + a + " b=" + b + " c=" + c + (text == null ? "" : " \"" + text + "\"");
  }
}
