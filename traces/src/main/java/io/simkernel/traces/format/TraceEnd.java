package io.simkernel.traces.format;

import io.simkernel.api.run.RunResult;
import java.util.Locale;
import java.util.Objects;

/**
 * A trace's last record: why the run ended. Its presence tells a complete trace from a
 * truncated one, and its {@code events} and {@code hash} let a reader check it read every event.
 *
 * @param reason the {@code StopReason} in lower case: {@code completed}, {@code time_limit},
 *     {@code event_limit}, {@code insn_limit}, {@code deadlock}, {@code kernel_panic} or {@code
 *     invariant_violation}
 * @param detail the stop reason's detail ("" when none)
 * @param events how many events the trace holds
 * @param timeNs virtual time at the end
 * @param hash the rolling hash of every event (the last event's hash)
 * @param mainStatus the main program's wait status, or -1 if it had not ended
 */
public record TraceEnd(String reason, String detail, long events, long timeNs, long hash,
    int mainStatus) {

  public TraceEnd {
    Objects.requireNonNull(reason);
    Objects.requireNonNull(detail);
  }

  public static TraceEnd of(RunResult r) {
    return new TraceEnd(r.reason().name().toLowerCase(Locale.ROOT), r.detail(), r.events(),
        r.virtualNs(), r.eventHash(), r.mainStatus());
  }

  @Override
  public String toString() {
    return "end " + reason + (detail.isEmpty() ? "" : " (" + detail + ")") + " after " + events
        + " events at " + timeNs + " ns, hash " + Hex.of(hash) + ", main status " + mainStatus;
  }
}
