package io.simkernel.traces.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.simkernel.traces.TestRuns;
import io.simkernel.traces.TestRuns.Recorded;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad trace files get one clear error naming the file and the line (or byte offset) — never a
 * stack trace, never a silently accepted lie — and a cut-short file is called truncated.
 */
class MalformedTraceTest {
  @TempDir
  Path dir;

  private Recorded run;
  private List<String> lines;

  @BeforeEach
  void record() throws IOException {
    run = TestRuns.record(TestRuns.parse("busy.sks", TestRuns.BUSY));
    lines = Files.readAllLines(TestRuns.write(run, dir.resolve("good.jsonl")));
  }

  /** Reads the file to its end; returns the error, failing if there was none. */
  private TraceFormatException readError(Path file) {
    try (TraceReader in = TraceFiles.open(file)) {
      TestRuns.readAll(in);
    } catch (TraceFormatException e) {
      assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
      return e;
    } catch (IOException | RuntimeException e) {
      fail("not a TraceFormatException: " + e, e);
    }
    return fail("accepted " + file);
  }

  private TraceFormatException jsonlError(List<String> content) throws IOException {
    Path f = dir.resolve("bad.jsonl");
    Files.write(f, content, StandardCharsets.UTF_8);
    return readError(f);
  }

  private List<String> replaceLine(int index, String from, String to) {
    List<String> l = new ArrayList<>(lines);
    String old = l.get(index);
    assertTrue(old.contains(from), old);
    l.set(index, old.replace(from, to));
    return l;
  }

  private void assertError(TraceFormatException e, int line, String what) {
    String prefix = dir.resolve("bad.jsonl") + ":" + line + ": error: ";
    assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    assertTrue(e.getMessage().contains(what), e.getMessage());
  }

  @Test
  void aMissingEndRecordIsReportedAsTruncation() throws IOException {
    TraceFormatException e = jsonlError(lines.subList(0, 10));
    assertTrue(e.isTruncated());
    assertError(e, 11, "truncated trace: the file ends after 9 events without its end record");
  }

  @Test
  void aLastLineCutInTheMiddleIsReportedAsTruncation() throws IOException {
    List<String> l = new ArrayList<>(lines.subList(0, 6));
    l.add(lines.get(6).substring(0, 30));
    Path f = dir.resolve("bad.jsonl");
    Files.writeString(f, String.join("\n", l), StandardCharsets.UTF_8);
    TraceFormatException e = readError(f);
    assertTrue(e.isTruncated(), e.getMessage());
    assertError(e, 7, "truncated trace: the last line is incomplete");
  }

  @Test
  void anUnknownFieldNamesTheFieldAndTheLine() throws IOException {
    assertError(jsonlError(replaceLine(3, "\"pid\"", "\"pdi\"")), 4, "unknown field \"pdi\"");
  }

  @Test
  void aMissingFieldIsNamed() throws IOException {
    List<String> l = new ArrayList<>(lines);
    l.set(3, l.get(3).replaceFirst("\"cpu\":-?\\d+,", ""));
    assertError(jsonlError(l), 4, "lacks field \"cpu\"");
  }

  @Test
  void aFieldOfTheWrongTypeIsNamed() throws IOException {
    assertError(jsonlError(replaceLine(3, "\"seq\":2", "\"seq\":\"2\"")), 4,
        "field \"seq\" must be an integer, not the string \"2\"");
  }

  @Test
  void anUnknownEventKindIsNamed() throws IOException {
    String ev = lines.get(3).replaceAll(".*\"ev\":\"([a-z_]+)\".*", "$1");
    assertError(jsonlError(replaceLine(3, "\"" + ev + "\"", "\"sched_teleport\"")), 4,
        "unknown event \"sched_teleport\"");
  }

  @Test
  void eventsOutOfSequenceAreRejected() throws IOException {
    List<String> l = new ArrayList<>(lines);
    l.remove(5);
    assertError(jsonlError(l), 6, "event number (seq) 5 out of sequence; expected 4");
  }

  @Test
  void timeGoingBackwardsIsRejected() throws IOException {
    int i = lines.size() - 2;
    String t = lines.get(i).replaceAll(".*\"t\":([0-9]+),.*", "$1");
    assertError(jsonlError(replaceLine(i, "\"t\":" + t + ",", "\"t\":0,")), i + 1,
        "goes back in time");
  }

  @Test
  void twoRecordsOnOneLineAreRejected() throws IOException {
    List<String> l = new ArrayList<>(lines);
    l.set(2, l.get(2) + l.remove(3));
    assertError(jsonlError(l), 3, "two records on one line");
  }

  @Test
  void anEndRecordThatDisagreesWithTheEventsIsRejected() throws IOException {
    int last = lines.size() - 1;
    assertError(jsonlError(replaceLine(last, "\"events\":", "\"events\":1")), last + 1,
        "the end record counts");
  }

  @Test
  void dataAfterTheEndRecordIsRejected() throws IOException {
    List<String> l = new ArrayList<>(lines);
    l.add(lines.get(1));
    assertError(jsonlError(l), l.size(), "data after the end record");
  }

  @Test
  void malformedJsonIsReportedWithItsLine() throws IOException {
    assertError(jsonlError(replaceLine(4, ",\"a\":", ",,\"a\":")), 5, "malformed JSON");
  }

  @Test
  void aNewerVersionIsRefusedWithAnUpgradeHint() throws IOException {
    assertError(jsonlError(replaceLine(0, "\"version\":3", "\"version\":9")), 1,
        "version 9 is newer than this simkernel reads (1 to 3)");
  }

  @Test
  void aVersion2HeaderWithoutItsScenarioTextIsRejected() throws IOException {
    String h = lines.get(0).replaceAll(",\"scenario_text\":\"(\\\\.|[^\"\\\\])*\"", "");
    List<String> l = new ArrayList<>(lines);
    l.set(0, h);
    assertError(jsonlError(l), 1, "lacks field \"scenario_text\"");
  }

  @Test
  void aFileThatIsNoTraceAtAllSaysSo() throws IOException {
    Path f = dir.resolve("bad.jsonl");
    Files.writeString(f, "hello\n");
    assertTrue(readError(f).getMessage().contains("not a simkernel trace"));
    Files.writeString(f, "{\"format\":\"other\"}\n");
    assertError(readError(f), 1, "not a simkernel trace: format is \"other\"");
    Files.writeString(f, "");
    assertTrue(readError(f).isTruncated());
  }

  @Test
  void everyPrefixOfABinaryTraceIsReportedAsTruncated() throws IOException {
    byte[] b = Files.readAllBytes(TestRuns.write(run, dir.resolve("t.sktrace")));
    for (int n = 0; n < b.length; n++) {
      try (TraceReader in = TraceFiles.open(new ByteArrayInputStream(b, 0, n), "t.sktrace")) {
        TestRuns.readAll(in);
        fail("accepted a prefix of " + n + " of " + b.length + " bytes");
      } catch (TraceFormatException e) {
        assertTrue(e.isTruncated(), n + ": " + e.getMessage());
        assertTrue(e.getMessage().startsWith("t.sktrace:"), e.getMessage());
      }
    }
  }

  @Test
  void everyCorruptedByteAmongTheBinaryEventsIsDetected() throws IOException {
    byte[] b = Files.readAllBytes(TestRuns.write(run, dir.resolve("t.sktrace")));
    int from = eventsStart(b);
    int to = lastIndexOf(b, (byte) 0, b.length - 60); // the end record's tag is before its JSON
    assertTrue(to > from + 100, "events span " + from + ".." + to);
    for (int i = from; i < to; i++) {
      byte[] bad = b.clone();
      bad[i] ^= 0x5A;
      try (TraceReader in = TraceFiles.open(new ByteArrayInputStream(bad), "t.sktrace")) {
        TestRuns.readAll(in);
        fail("a corrupted byte at offset " + i + " (of " + from + ".." + to + ", file "
            + b.length + ") went unnoticed: " + b[i] + " -> " + bad[i]);
      } catch (TraceFormatException e) {
        assertTrue(e.getMessage().matches("t\\.sktrace:offset \\d+: error: .*"), e.getMessage());
      }
    }
  }

  @Test
  void aBinaryFileWithAnotherMagicNumberIsRefused() throws IOException {
    byte[] b = Files.readAllBytes(TestRuns.write(run, dir.resolve("t.sktrace")));
    b[3] = 'X';
    TraceFormatException e = assertThrows(TraceFormatException.class,
        () -> TraceFiles.open(new ByteArrayInputStream(b), "t.sktrace"));
    assertEquals("t.sktrace:offset 0: error: not a binary simkernel trace (bad magic number)",
        e.getMessage());
  }

  /** The offset just past the header record: magic, version varint, length varint, JSON. */
  private static int eventsStart(byte[] b) {
    int p = BinaryFormat.MAGIC.length + 1;
    long len = 0;
    for (int shift = 0; ; shift += 7) {
      byte x = b[p++];
      len |= (long) (x & 0x7F) << shift;
      if (x >= 0) {
        break;
      }
    }
    return p + (int) len;
  }

  private static int lastIndexOf(byte[] b, byte v, int before) {
    for (int i = before; i >= 0; i--) {
      if (b[i] == v && b[i + 2] == '{') {
        return i;
      }
    }
    return fail("no end record in " + Arrays.toString(Arrays.copyOf(b, 16)));
  }
}
