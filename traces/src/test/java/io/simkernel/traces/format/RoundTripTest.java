package io.simkernel.traces.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.trace.TraceEvent;
import io.simkernel.api.trace.TraceHash;
import io.simkernel.traces.TestRuns;
import io.simkernel.traces.TestRuns.Recorded;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both encodings give back exactly what the kernel emitted: header, events, end record. */
class RoundTripTest {
  @TempDir
  Path dir;

  static Stream<Path> examples() {
    return TestRuns.examples().stream();
  }

  private static void assertReadsBack(Recorded r, Path file) throws IOException {
    try (TraceReader in = TraceFiles.open(file)) {
      assertEquals(r.header(), in.header());
      assertEquals(r.events(), TestRuns.readAll(in));
      assertEquals(r.end(), in.end());
      assertNull(in.next(), "nothing after the end");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyExampleRoundTripsThroughJsonLines(Path example) throws IOException {
    Recorded r = TestRuns.record(TestRuns.parse(example));
    assertReadsBack(r, TestRuns.write(r, dir.resolve("t.jsonl")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyExampleRoundTripsThroughTheBinaryEncoding(Path example) throws IOException {
    Recorded r = TestRuns.record(TestRuns.parse(example));
    assertReadsBack(r, TestRuns.write(r, dir.resolve("t.sktrace")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void theKernelsRollingHashIsTraceHash(Path example) {
    Recorded r = TestRuns.record(TestRuns.parse(example));
    long h = TraceHash.SEED;
    for (TraceEvent e : r.events()) {
      h = TraceHash.step(h, e);
      assertEquals(e.hash(), h, "event #" + e.seq() + " of " + example);
    }
    assertEquals(r.result().eventHash(), h);
  }

  @Test
  void theEncodingFollowsTheFileNameAndTheReaderTheContent() throws IOException {
    Recorded r = TestRuns.record(TestRuns.parse("busy.sks", TestRuns.BUSY));
    Path bin = TestRuns.write(r, dir.resolve("t.sktrace"));
    Path json = TestRuns.write(r, dir.resolve("t.jsonl"));
    assertEquals((byte) 0x89, Files.readAllBytes(bin)[0]);
    assertEquals('{', Files.readAllBytes(json)[0]);
    Path renamed = Files.copy(bin, dir.resolve("renamed.jsonl"));
    assertReadsBack(r, renamed);
  }

  @Test
  void theBinaryEncodingIsAFractionOfJsonLines() throws IOException {
    Recorded r = TestRuns.record(TestRuns.parse("busy.sks", TestRuns.BUSY));
    long header = TestRuns.scenarioBytes(r);
    long json = Files.size(TestRuns.write(r, dir.resolve("t.jsonl"))) - header;
    long bin = Files.size(TestRuns.write(r, dir.resolve("t.sktrace"))) - header;
    assertTrue(bin * 5 < json, "binary " + bin + " bytes vs JSON Lines " + json);
  }

  @Test
  void sameRunGivesByteIdenticalFilesInBothEncodings() throws IOException {
    for (String ext : List.of(".jsonl", ".sktrace")) {
      Recorded a = TestRuns.record(TestRuns.parse("busy.sks", TestRuns.BUSY));
      Recorded b = TestRuns.record(TestRuns.parse("busy.sks", TestRuns.BUSY));
      assertArrayEquals(Files.readAllBytes(TestRuns.write(a, dir.resolve("a" + ext))),
          Files.readAllBytes(TestRuns.write(b, dir.resolve("b" + ext))), ext);
    }
  }

  @Test
  void convertingBinaryToJsonLinesAndBackLosesNothing() throws IOException {
    Recorded r = TestRuns.record(TestRuns.parse("busy.sks", TestRuns.BUSY));
    Path bin = TestRuns.write(r, dir.resolve("t.sktrace"));
    Path json = dir.resolve("t.jsonl");
    try (TraceReader in = TraceFiles.open(bin)) {
      TestRuns.write(in.header(), TestRuns.readAll(in), in.end(), json);
    }
    Path again = dir.resolve("again.sktrace");
    try (TraceReader in = TraceFiles.open(json)) {
      TestRuns.write(in.header(), TestRuns.readAll(in), in.end(), again);
    }
    assertArrayEquals(Files.readAllBytes(bin), Files.readAllBytes(again));
  }

  @Test
  void textsWithAnyCharactersSurviveBothEncodings() throws IOException {
    Recorded r = TestRuns.record(TestRuns.parse("busy.sks", TestRuns.BUSY));
    TraceEvent e = r.events().get(0);
    String odd = "naïve \"quoted\" \\ tab\t line\n ✓ 𝄞 </script>";
    TraceEvent first = new TraceEvent(0, 0, -1, e.kind(), e.pid(), e.a(), e.b(), e.c(), odd,
        TraceHash.step(TraceHash.SEED, new TraceEvent(0, 0, -1, e.kind(), e.pid(), e.a(), e.b(),
            e.c(), odd, 0)));
    TraceEnd end = new TraceEnd("completed", "", 1, 0, first.hash(), 0);
    for (String ext : List.of(".jsonl", ".sktrace")) {
      Path f = TestRuns.write(r.header(), List.of(first), end, dir.resolve("odd" + ext));
      try (TraceReader in = TraceFiles.open(f)) {
        assertEquals(List.of(first), TestRuns.readAll(in), ext);
      }
    }
  }

  @Test
  void aStreamWriterNeedsNoFileAndTheBinaryOneChecksTheKernelsHashes() throws IOException {
    Recorded r = TestRuns.record(TestRuns.parse("busy.sks", TestRuns.BUSY));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryTraceWriter w = new BinaryTraceWriter(bytes, r.header());
    r.events().forEach(w::accept);
    w.finish(r.end());
    try (TraceReader in = TraceFiles.open(new ByteArrayInputStream(bytes.toByteArray()), "mem")) {
      assertEquals(r.events(), TestRuns.readAll(in));
    }
    TraceEvent e = r.events().get(0);
    BinaryTraceWriter w2 = new BinaryTraceWriter(new ByteArrayOutputStream(), r.header());
    TraceEvent wrongHash = new TraceEvent(0, e.timeNs(), e.cpu(), e.kind(), e.pid(), e.a(),
        e.b(), e.c(), e.text(), e.hash() ^ 1);
    assertThrows(IllegalStateException.class, () -> w2.accept(wrongHash));
  }

  @Test
  void anAbandonedFileWriterLeavesNothingBehind() throws IOException {
    Recorded r = TestRuns.record(TestRuns.parse("busy.sks", TestRuns.BUSY));
    for (String ext : List.of(".jsonl", ".sktrace")) {
      try (TraceWriter w = TraceFiles.create(dir.resolve("gone" + ext), r.header())) {
        r.events().forEach(w::accept);
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertFalse(files.findAny().isPresent(), "no trace and no partial file");
    }
  }
}
