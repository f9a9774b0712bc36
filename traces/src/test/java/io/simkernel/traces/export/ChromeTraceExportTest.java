package io.simkernel.traces.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.simkernel.traces.TestRuns;
import io.simkernel.traces.TestRuns.Recorded;
import io.simkernel.traces.format.TraceFiles;
import io.simkernel.traces.format.TraceReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Chrome export is valid JSON of the shape Perfetto reads (checked against a schema of the
 * subset we emit), and follows the rules viewers rely on without reporting: slices nest (here:
 * never overlap) per track, each flow has one start and one later finish, each track one name.
 */
class ChromeTraceExportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  static Stream<Path> examples() {
    return TestRuns.examples().stream();
  }

  static JsonNode export(Recorded r, Path dir) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TraceReader in = TraceFiles.open(TestRuns.write(r, dir.resolve("t.sktrace")))) {
      ExportFormat.CHROME.export(in, out);
    }
    return JSON.readTree(out.toByteArray());
  }

  private static JsonSchema subsetSchema() throws IOException {
    try (InputStream in = ChromeTraceExportTest.class.getResourceAsStream(
        "chrome-trace-subset.schema.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyExampleExportsToChromeJsonThatFollowsTheViewersRules(Path example)
      throws IOException {
    JsonNode doc = export(TestRuns.record(TestRuns.parse(example)), dir);
    Set<ValidationMessage> errors = subsetSchema().validate(doc);
    assertTrue(errors.isEmpty(), errors.toString());
    assertSlicesNeverOverlapPerTrack(doc);
    assertFlowsArePaired(doc);
    assertOneNamePerTrack(doc);
  }

  static void assertSlicesNeverOverlapPerTrack(JsonNode doc) {
    Map<Integer, List<double[]>> byTrack = new TreeMap<>();
    for (JsonNode e : doc.get("traceEvents")) {
      if (e.get("ph").asText().equals("X")) {
        double ts = e.get("ts").asDouble();
        byTrack.computeIfAbsent(e.get("pid").asInt(), k -> new ArrayList<>())
            .add(new double[] {ts, ts + e.get("dur").asDouble()});
      }
    }
    byTrack.forEach((pid, slices) -> {
      slices.sort((x, y) -> Double.compare(x[0], y[0]));
      for (int i = 1; i < slices.size(); i++) {
        assertTrue(slices.get(i)[0] >= slices.get(i - 1)[1] - 1e-9, "track " + pid
            + ": a slice at " + slices.get(i)[0] + " starts before the previous one ends");
      }
    });
  }

  static void assertFlowsArePaired(JsonNode doc) {
    Map<Long, double[]> flows = new TreeMap<>();
    for (JsonNode e : doc.get("traceEvents")) {
      String ph = e.get("ph").asText();
      if (ph.equals("s") || ph.equals("f")) {
        double[] ends = flows.computeIfAbsent(e.get("id").asLong(), k -> new double[] {-1, -1});
        int side = ph.equals("s") ? 0 : 1;
        assertEquals(-1, ends[side], "flow " + e.get("id") + " has two '" + ph + "' events");
        ends[side] = e.get("ts").asDouble();
      }
    }
    flows.forEach((id, ends) -> {
      assertTrue(ends[0] >= 0 && ends[1] >= 0, "flow " + id + " lacks an end");
      assertTrue(ends[0] <= ends[1], "flow " + id + " finishes before it starts");
    });
  }

  static void assertOneNamePerTrack(JsonNode doc) {
    Map<Integer, Integer> names = new TreeMap<>();
    for (JsonNode e : doc.get("traceEvents")) {
      if (e.get("ph").asText().equals("M") && e.get("name").asText().equals("process_name")) {
        names.merge(e.get("pid").asInt(), 1, Integer::sum);
      }
    }
    names.forEach((pid, n) -> assertEquals(1, n, "track " + pid + " named " + n + " times"));
  }

  @Test
  void tracksAreNamedByPidAndImageAndShowForksSignalsAndStates() throws IOException {
    JsonNode doc = export(TestRuns.record(TestRuns.parse("busy.sks", TestRuns.BUSY)), dir);
    String all = doc.toString();
    for (String expected : List.of("\"pid 2: /bin/busy\"", "\"pid 3: /bin/leaf\"",
        "\"pid 4: /bin/busy\"", "\"name\":\"kernel\"", "\"name\":\"running\"",
        "\"name\":\"stopped by SIGSTOP\"", "\"name\":\"zombie\"", "\"cat\":\"fork\"",
        "\"name\":\"SIGTERM delivered\"", "\"name\":\"exec /bin/leaf\"", "\"ph\":\"C\"")) {
      assertTrue(all.contains(expected), "missing " + expected);
    }
    assertTrue(all.matches(".*\"name\":\"blocked \\(S\\): [^\"]+\".*"), "a blocked slice");
    long signalFlows = 0;
    for (JsonNode e : doc.get("traceEvents")) {
      if (e.get("ph").asText().equals("s") && e.get("cat").asText().equals("signal")) {
        signalFlows++;
      }
    }
    assertTrue(signalFlows >= 3, "SIGSTOP, SIGCONT, SIGTERM and SIGCHLDs: " + signalFlows);
    assertEquals("ns", doc.get("displayTimeUnit").asText());
  }

  @Test
  void timesAreMicrosecondsWithEveryNanosecondKept() {
    assertEquals("0.000", ChromeTraceExporter.micros(0));
    assertEquals("1.007", ChromeTraceExporter.micros(1007));
    assertEquals("300137.291", ChromeTraceExporter.micros(300_137_291));
    assertEquals("12.050", ChromeTraceExporter.micros(12_050));
  }
}
