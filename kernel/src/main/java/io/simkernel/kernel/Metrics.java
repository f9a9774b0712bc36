package io.simkernel.kernel;

import io.simkernel.api.run.RunResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values a run's {@code metric name, value} instructions record, for {@link RunResult#metrics}.
 * Names keep the order they were first recorded in and values the order they were recorded in —
 * both follow the simulation, so they are as deterministic as the run (no hash order). Each name
 * keeps its first {@link RunResult#MAX_METRIC_VALUES} values: a metric inside an endless loop
 * must not take the JVM's memory with it.
 */
final class Metrics {
  private final Map<String, List<Long>> values = new LinkedHashMap<>();

  void record(String name, long value) {
    List<Long> list = values.computeIfAbsent(name, n -> new ArrayList<>());
    if (list.size() < RunResult.MAX_METRIC_VALUES) {
      list.add(value);
    }
  }

  /** An unmodifiable copy, in recording order. */
  Map<String, List<Long>> snapshot() {
    Map<String, List<Long>> copy = new LinkedHashMap<>();
    values.forEach((name, list) -> copy.put(name, List.copyOf(list)));
    return Collections.unmodifiableMap(copy);
  }
}
