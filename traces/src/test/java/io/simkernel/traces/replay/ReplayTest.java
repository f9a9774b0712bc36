package io.simkernel.traces.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.scenario.KernelConfig;
import io.simkernel.api.scenario.Scenario;
import io.simkernel.api.trace.TraceEvent;
import io.simkernel.traces.TestRuns;
import io.simkernel.traces.TestRuns.Recorded;
import io.simkernel.traces.format.TraceEnd;
import io.simkernel.traces.format.TraceFiles;
import io.simkernel.traces.format.TraceFormatException;
import io.simkernel.traces.format.TraceHeader;
import io.simkernel.traces.format.TraceReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replay re-runs a trace's embedded scenario and finds the first event where the runs differ. */
class ReplayTest {
  @TempDir
  Path dir;

  static Stream<Path> examples() {
    return TestRuns.examples().stream();
  }

  private ReplayResult replay(Path file) throws IOException {
    try (TraceReader in = TraceFiles.open(file)) {
      return Replayer.replay(in, false, TestRuns.VERSION);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyExampleReplaysFromBothEncodings(Path example) throws IOException {
    Recorded r = TestRuns.record(TestRuns.parse(example));
    for (String ext : List.of(".jsonl", ".sktrace")) {
      ReplayResult.Match m = assertInstanceOf(ReplayResult.Match.class,
          replay(TestRuns.write(r, dir.resolve("t" + ext))));
      assertEquals(r.events().size(), m.events());
      assertEquals(r.end(), m.end());
    }
  }

  private Recorded busy() {
    return TestRuns.record(TestRuns.parse("busy.sks", TestRuns.BUSY));
  }

  /** The run's events with event {@code k}'s field a changed (and its hash kept). */
  private static List<TraceEvent> tampered(List<TraceEvent> events, int k) {
    List<TraceEvent> out = new ArrayList<>(events);
    TraceEvent e = out.get(k);
    out.set(k, new TraceEvent(e.seq(), e.timeNs(), e.cpu(), e.kind(), e.pid(), e.a() + 1, e.b(),
        e.c(), e.text(), e.hash()));
    return out;
  }

  @Test
  void aTamperedEventIsReportedAtItsIndexWithTheFiveEventsBeforeIt() throws IOException {
    Recorded r = busy();
    int k = r.events().size() / 2;
    Path file = TestRuns.write(r.header(), tampered(r.events(), k), r.end(),
        dir.resolve("t.jsonl"));
    ReplayResult.Divergence d = assertInstanceOf(ReplayResult.Divergence.class, replay(file));
    assertEquals(k, d.index());
    assertEquals(r.events().get(k), d.replayed());
    assertEquals(r.events().get(k).a() + 1, d.recorded().a());
    assertEquals(r.events().subList(k - 5, k), d.preceding());
    String report = d.report();
    assertTrue(report.startsWith("replay: divergence at event " + k + ", virtual time "
        + r.events().get(k).timeNs() + " ns"), report);
    assertTrue(report.contains("differs in: a\n"), report);
    assertTrue(report.contains("the 5 events before it"), report);
  }

  @Test
  void aTamperedBinaryTraceDivergesAtTheSameIndex() throws IOException {
    Recorded r = busy();
    int k = 7;
    List<TraceEvent> bad = tampered(r.events(), k);
    // the binary form recomputes hashes, so a tampered event must carry a consistent one
    List<TraceEvent> rehashed = new ArrayList<>();
    long h = io.simkernel.api.trace.TraceHash.SEED;
    for (TraceEvent e : bad) {
      h = io.simkernel.api.trace.TraceHash.step(h, e);
      rehashed.add(new TraceEvent(e.seq(), e.timeNs(), e.cpu(), e.kind(), e.pid(), e.a(), e.b(),
          e.c(), e.text(), h));
    }
    TraceEnd end = new TraceEnd(r.end().reason(), r.end().detail(), r.end().events(),
        r.end().timeNs(), h, r.end().mainStatus());
    Path file = TestRuns.write(r.header(), rehashed, end, dir.resolve("t.sktrace"));
    ReplayResult.Divergence d = assertInstanceOf(ReplayResult.Divergence.class, replay(file));
    assertEquals(k, d.index());
    assertTrue(d.report().contains("differs in: a, hash"), d.report());
  }

  @Test
  void aTraceWithMoreEventsThanTheRunDivergesWhereTheRunEnded() throws IOException {
    Recorded r = busy();
    List<TraceEvent> more = new ArrayList<>(r.events());
    TraceEvent last = more.get(more.size() - 1);
    more.add(new TraceEvent(last.seq() + 1, last.timeNs(), last.cpu(), last.kind(), last.pid(),
        last.a(), last.b(), last.c(), last.text(), last.hash()));
    TraceEnd end = new TraceEnd(r.end().reason(), "", more.size(), r.end().timeNs(),
        last.hash(), r.end().mainStatus());
    ReplayResult.Divergence d = assertInstanceOf(ReplayResult.Divergence.class,
        replay(TestRuns.write(r.header(), more, end, dir.resolve("t.jsonl"))));
    assertEquals(r.events().size(), d.index());
    assertNull(d.replayed());
    assertTrue(d.report().contains("replayed: (the re-run ended here"), d.report());
  }

  @Test
  void aDifferentEndRecordIsADivergenceAfterTheLastEvent() throws IOException {
    Recorded r = busy();
    TraceEnd end = new TraceEnd(r.end().reason(), r.end().detail(), r.end().events(),
        r.end().timeNs(), r.end().hash(), r.end().mainStatus() + 256);
    ReplayResult.Divergence d = assertInstanceOf(ReplayResult.Divergence.class,
        replay(TestRuns.write(r.header(), r.events(), end, dir.resolve("t.jsonl"))));
    assertEquals(r.events().size(), d.index());
    assertTrue(d.report().contains("every event matched, but the runs ended differently"),
        d.report());
  }

  @Test
  void theRecordedSeedAndConfigurationAreUsedNotTheScenarios() throws IOException {
    Scenario s = TestRuns.parse("busy.sks", TestRuns.BUSY);
    Scenario reseeded = s.withConfig(s.config().withSeed(12345).with("cpus", "3", 3));
    Recorded r = TestRuns.record(reseeded);
    assertInstanceOf(ReplayResult.Match.class, replay(TestRuns.write(r, dir.resolve("t.jsonl"))));
  }

  @Test
  void aTruncatedTraceIsAnErrorThatSaysSo() throws IOException {
    Recorded r = busy();
    Path full = TestRuns.write(r, dir.resolve("t.jsonl"));
    List<String> lines = java.nio.file.Files.readAllLines(full);
    Path cut = dir.resolve("cut.jsonl");
    java.nio.file.Files.write(cut, lines.subList(0, lines.size() - 1));
    TraceFormatException e = assertThrows(TraceFormatException.class, () -> replay(cut));
    assertTrue(e.isTruncated(), e.getMessage());
    assertTrue(e.getMessage().contains("without its end record"), e.getMessage());
  }

  @Test
  void aVersion1TraceCannotBeReplayed() throws IOException {
    Recorded r = busy();
    TraceHeader h = r.header();
    TraceHeader v1 = new TraceHeader(1, h.simulator(), h.scenario(), h.scenarioSha256(),
        h.seed(), h.config(), null);
    Path f = TestRuns.write(v1, r.events(), r.end(), dir.resolve("t.jsonl"));
    TraceFormatException e = assertThrows(TraceFormatException.class, () -> replay(f));
    assertEquals(f + ":1: error: this trace (format version 1) does not embed its scenario, so it"
        + " cannot be replayed; record it again with `simkernel run --trace` (format version 3)",
        e.getMessage());
  }

  @Test
  void anAlteredScenarioTextIsRefused() throws IOException {
    Recorded r = busy();
    TraceHeader h = r.header();
    TraceHeader altered = new TraceHeader(2, h.simulator(), h.scenario(), h.scenarioSha256(),
        h.seed(), h.config(), h.scenarioText().replace("sleep 2ms", "sleep 3ms"));
    Path f = TestRuns.write(altered, r.events(), r.end(), dir.resolve("t.jsonl"));
    TraceFormatException e = assertThrows(TraceFormatException.class, () -> replay(f));
    assertTrue(e.getMessage().contains("does not match scenario_sha256"), e.getMessage());
  }

  @Test
  void configurationTextRebuildsExactly() {
    KernelConfig c = KernelConfig.DEFAULTS.with("cpus", "4", 4).withSeed(-9)
        .with("nproc", "100", 100).with("init", "/bin/init", 0).with("tiebreak", "random", 1)
        .with("fork", "ondemand", 0).with("core", "unlimited", -1)
        .with("events_max", "5000", 5000).with("timeslice", "1ms", 1_000_000);
    assertEquals(c, ConfigText.parse(c.describe()));
    assertEquals(KernelConfig.DEFAULTS, ConfigText.parse(KernelConfig.DEFAULTS.describe()));
    assertThrows(IllegalArgumentException.class, () -> ConfigText.parse("cpus=x"));
    assertThrows(IllegalArgumentException.class, () -> ConfigText.parse("cpus=1 timeslice=4ms"));
  }
}
