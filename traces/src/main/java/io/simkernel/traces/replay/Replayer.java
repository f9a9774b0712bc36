package io.simkernel.traces.replay;

import io.simkernel.api.run.RunResult;
import io.simkernel.api.scenario.KernelConfig;
import io.simkernel.api.scenario.Scenario;
import io.simkernel.api.trace.TraceEvent;
import io.simkernel.api.trace.TraceSink;
import io.simkernel.kernel.Kernel;
import io.simkernel.kernel.KernelOptions;
import io.simkernel.kernel.asm.ScenarioException;
import io.simkernel.kernel.asm.ScenarioParser;
import io.simkernel.traces.format.TraceEnd;
import io.simkernel.traces.format.TraceFormatException;
import io.simkernel.traces.format.TraceHeader;
import io.simkernel.traces.format.TraceReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;

/**
 * Re-runs a recorded trace's scenario — its embedded source text, with the recorded seed and
 * configuration — and compares the new run with the trace event by event, as the kernel emits
 * them: the first difference stops the re-run at once (there is no point simulating past it),
 * and the result names it with the events before it. Streaming on both sides, so a trace of any
 * length replays in constant memory.
 *
 * <p>Simulated output goes nowhere: it is compared through the {@code write} events, which carry
 * a hash of the bytes.
 */
public final class Replayer {
  /** How many events before a divergence the result shows. */
  public static final int CONTEXT = 5;

  private Replayer() {}

  /**
   * Replays {@code reader}'s trace (its header already read; the events not yet).
   *
   * @param simulatorVersion this simkernel's version, mentioned when it differs from the
   *     recorder's
   * @throws TraceFormatException when the trace is malformed or truncated, embeds no scenario
   *     (format version 1), or its scenario or configuration cannot be rebuilt
   */
  public static ReplayResult replay(TraceReader reader, boolean checked, String simulatorVersion)
      throws IOException {
    TraceHeader h = reader.header();
    String headerAt = reader.location();
    Scenario scenario = scenario(h, reader.name(), headerAt);
    Comparison cmp = new Comparison(reader);
    KernelOptions options = KernelOptions.of(OutputStream.nullOutputStream(),
        OutputStream.nullOutputStream()).withChecked(checked).withSink(cmp);
    String versions = h.simulator().equals(simulatorVersion) ? ""
        : "recorded by simkernel " + h.simulator() + ", replayed by " + simulatorVersion;
    RunResult result;
    try {
      result = Kernel.boot(scenario, options).run();
    } catch (Stop stop) {
      if (cmp.failure != null) {
        throw cmp.failure;
      }
      TraceEvent recorded = cmp.recorded;
      TraceEnd recordedEnd = recorded == null ? reader.end() : null;
      return new ReplayResult.Divergence(cmp.index, cmp.replayed.timeNs(), recorded,
          cmp.replayed, new ArrayList<>(cmp.recent), recordedEnd, null, versions);
    }
    TraceEnd replayedEnd = TraceEnd.of(result);
    TraceEvent more = reader.next();
    if (more != null) {
      return new ReplayResult.Divergence(cmp.index, more.timeNs(), more, null,
          new ArrayList<>(cmp.recent), null, replayedEnd, versions);
    }
    TraceEnd recordedEnd = reader.end();
    if (!recordedEnd.equals(replayedEnd)) {
      return new ReplayResult.Divergence(cmp.index, recordedEnd.timeNs(), null, null,
          new ArrayList<>(cmp.recent), recordedEnd, replayedEnd, versions);
    }
    return new ReplayResult.Match(cmp.index, recordedEnd);
  }

  /** The scenario to re-run: the embedded text, checked against its hash, with the config. */
  static Scenario scenario(TraceHeader h, String file, String at) throws TraceFormatException {
    if (h.scenarioText() == null) {
      throw TraceFormatException.at(file, at, "this trace (format version " + h.version()
          + ") does not embed its scenario, so it cannot be replayed; record it again with"
          + " `simkernel run --trace` (format version " + TraceHeader.VERSION + ")");
    }
    if (!sha256(h.scenarioText()).equals(h.scenarioSha256())) {
      throw TraceFormatException.at(file, at, "the embedded scenario_text does not match"
          + " scenario_sha256: the header was altered");
    }
    Scenario s;
    try {
      s = ScenarioParser.parse(h.scenario(), h.scenarioText());
    } catch (ScenarioException e) {
      throw TraceFormatException.at(file, at, "the embedded scenario does not assemble with this"
          + " simkernel: " + e.format());
    }
    KernelConfig c;
    try {
      c = ConfigText.parse(h.config());
    } catch (IllegalArgumentException e) {
      throw TraceFormatException.at(file, at, "cannot rebuild the recorded configuration \""
          + h.config() + "\": " + e.getMessage());
    }
    if (c.seed() != h.seed()) {
      throw TraceFormatException.at(file, at, "the header's seed " + h.seed()
          + " differs from its configuration's (seed=" + c.seed() + ")");
    }
    return s.withConfig(c);
  }

  private static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Compares each emitted event with the next recorded one; stops the kernel on a difference. */
  private static final class Comparison implements TraceSink {
    private final TraceReader reader;
    private final ArrayDeque<TraceEvent> recent = new ArrayDeque<>(CONTEXT);
    long index;
    TraceEvent recorded;
    TraceEvent replayed;
    IOException failure;

    Comparison(TraceReader reader) {
      this.reader = reader;
    }

    @Override
    public void accept(TraceEvent e) {
      try {
        recorded = reader.next();
      } catch (IOException x) {
        failure = x;
        throw new Stop();
      }
      if (!e.equals(recorded)) {
        replayed = e;
        throw new Stop();
      }
      if (recent.size() == CONTEXT) {
        recent.removeFirst();
      }
      recent.addLast(e);
      index++;
    }
  }

  /** Unwinds the kernel's run from inside the sink; carries nothing, costs no stack trace. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }
}
