package io.simkernel.api.trace;

/** Receives every kernel event of a run, in order. */
@FunctionalInterface
public interface TraceSink {
  void accept(TraceEvent event);
}
