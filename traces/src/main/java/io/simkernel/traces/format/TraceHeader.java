package io.simkernel.traces.format;

import io.simkernel.api.scenario.Scenario;
import java.util.Objects;

/**
 * A trace's first record: everything needed to re-run the recorded run. Both encodings (JSON
 * Lines and binary) carry exactly these fields under these names.
 *
 * @param version the trace format version (see {@link #VERSION})
 * @param simulator the version of simkernel that recorded the trace
 * @param scenario the scenario's source name (the path it was run from)
 * @param scenarioSha256 SHA-256 of the scenario's source text, hex
 * @param seed the seed of the run (the scenario's, or {@code run --seed}'s)
 * @param config the kernel configuration, as {@code KernelConfig.describe()} prints it
 * @param scenarioText the scenario's full source text (version 2 on; null in a version 1 trace),
 *     so that a trace is self-contained and {@code simkernel replay} needs nothing else
 */
public record TraceHeader(int version, String simulator, String scenario, String scenarioSha256,
    long seed, String config, String scenarioText) {

  /** The {@code format} field's value: what identifies a simkernel trace. */
  public static final String FORMAT = "simkernel-trace";

  /**
   * The format version this simkernel writes. 1: the first JSON Lines layout. 2: the header
   * embeds {@code scenario_text}; the binary encoding appears (its version numbers follow the
   * JSON Lines ones, as both carry the same records). 3: the Windows personality's event kinds
   * ({@code create_process}, {@code image_load}, {@code handle_open}, {@code handle_close}).
   */
  public static final int VERSION = 3;

  /** The oldest version readers still accept (for export; replay needs {@code scenario_text}). */
  public static final int OLDEST_READABLE = 1;

  public TraceHeader {
    Objects.requireNonNull(simulator);
    Objects.requireNonNull(scenario);
    Objects.requireNonNull(scenarioSha256);
    Objects.requireNonNull(config);
  }

  /** The header of a new trace of {@code s}, recorded by simkernel {@code simulatorVersion}. */
  public static TraceHeader of(Scenario s, String simulatorVersion) {
    return new TraceHeader(VERSION, simulatorVersion, s.sourceName(), s.sourceHash(),
        s.config().seed(), s.config().describe(), s.sourceText());
  }
}
