package io.simkernel.traces.export;

import io.simkernel.api.trace.KernelEvent;
import io.simkernel.api.trace.TraceEvent;
import io.simkernel.traces.format.TraceEnd;
import io.simkernel.traces.format.TraceFormatException;
import io.simkernel.traces.format.TraceHeader;
import io.simkernel.traces.format.TraceReader;
import java.io.IOException;

/**
 * A whole trace read into the {@link Tasks} model, for the exporters that need all of it before
 * writing (the timelines need every slice's end; the summary every process's fate).
 *
 * @param events how many events the trace holds
 */
public record Timeline(TraceHeader header, TraceEnd end, Tasks tasks, long events) {

  /**
   * Reads {@code r} to its end record. {@code record}: keep slices, marks, flows and counts (the
   * timelines); without it only every process's identity, fate and counters (the summary).
   */
  public static Timeline read(TraceReader r, boolean record) throws IOException {
    Tasks tasks = new Tasks(record, true);
    long n = 0;
    for (TraceEvent e = r.next(); e != null; e = r.next()) {
      tasks.apply(typed(r, e));
      n++;
    }
    tasks.finish(r.end().timeNs());
    return new Timeline(r.header(), r.end(), tasks, n);
  }

  /** The typed view of an event just read; a value it cannot hold is an error at its line. */
  static KernelEvent typed(TraceReader r, TraceEvent e) throws TraceFormatException {
    try {
      return KernelEvent.of(e);
    } catch (IllegalArgumentException x) {
      throw TraceFormatException.at(r.name(), r.location(), x.getMessage());
    }
  }
}
