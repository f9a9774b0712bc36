package io.simkernel.traces.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.simkernel.api.trace.EventKind;
import io.simkernel.traces.TestRuns;
import io.simkernel.traces.TestRuns.Recorded;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/trace-format.schema.json, checked by a real JSON Schema validator (draft 2020-12): every
 * line of every example's trace conforms, and lines that break the format do not.
 */
class SchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonSchema schema;

  @TempDir
  Path dir;

  @BeforeAll
  static void loadSchema() throws IOException {
    try (InputStream in = Files.newInputStream(TestRuns.docs().resolve("trace-format.schema.json"))) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    }
  }

  static Stream<Path> examples() {
    return TestRuns.examples().stream();
  }

  private static Set<ValidationMessage> validate(String line) throws IOException {
    return schema.validate(JSON.readTree(line));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyLineOfEveryExamplesTraceConforms(Path example) throws IOException {
    Recorded r = TestRuns.record(TestRuns.parse(example));
    List<String> lines = Files.readAllLines(TestRuns.write(r, dir.resolve("t.jsonl")));
    for (int i = 0; i < lines.size(); i++) {
      Set<ValidationMessage> errors = validate(lines.get(i));
      assertTrue(errors.isEmpty(), example + " line " + (i + 1) + ": " + errors + "\n"
          + lines.get(i));
    }
  }

  @Test
  void theExamplesTogetherExerciseMostEventKinds() {
    Set<EventKind> seen = EnumSet.noneOf(EventKind.class);
    for (Path p : TestRuns.examples()) {
      TestRuns.record(TestRuns.parse(p)).events().forEach(e -> seen.add(e.kind()));
    }
    TestRuns.record(TestRuns.parse("busy.sks", TestRuns.BUSY)).events()
        .forEach(e -> seen.add(e.kind()));
    assertTrue(seen.size() >= 12, "kinds covered: " + seen);
  }

  @Test
  void theSchemaKnowsExactlyTheEventKinds() throws IOException {
    JsonNode kinds = JSON.readTree(TestRuns.docs().resolve("trace-format.schema.json").toFile())
        .at("/$defs/event/properties/ev/enum");
    assertEquals(EventKind.values().length, kinds.size());
    for (EventKind k : EventKind.values()) {
      assertTrue(kinds.toString().contains("\"" + k.tracepoint() + "\""), k.tracepoint());
    }
  }

  @Test
  void linesThatBreakTheFormatDoNotConform() throws IOException {
    String ok = "{\"seq\":0,\"t\":0,\"cpu\":0,\"ev\":\"sched_block\",\"pid\":2,\"a\":83,\"b\":0,"
        + "\"c\":0,\"text\":\"sleep\",\"hash\":\"0123456789abcdef\"}";
    assertTrue(validate(ok).isEmpty(), validate(ok).toString());
    for (String bad : List.of(
        ok.replace("sched_block", "sched_teleport"),
        ok.replace(",\"text\":\"sleep\"", ""),
        ok.replace("\"a\":83", "\"a\":1"),
        ok.replace("\"hash\":\"0123456789abcdef\"", "\"hash\":\"xyz\""),
        ok.replace("\"cpu\":0", "\"cpu\":-2"),
        ok.replace("{", "{\"extra\":1,"),
        "{\"seq\":0,\"t\":0,\"cpu\":0,\"ev\":\"sched_wakeup\",\"pid\":2,\"a\":0,\"b\":0,\"c\":0,"
            + "\"text\":\"no text here\",\"hash\":\"0123456789abcdef\"}",
        "{\"end\":\"finished\",\"detail\":\"\",\"events\":0,\"t\":0,\"hash\":\"0123456789abcdef\","
            + "\"main_status\":0}",
        "{\"format\":\"simkernel-trace\",\"version\":2,\"simulator\":\"x\",\"scenario\":\"s\","
            + "\"scenario_sha256\":\"" + "0".repeat(64) + "\",\"seed\":0,\"config\":\"cpus=1 \"}")) {
      assertFalse(validate(bad).isEmpty(), "accepted: " + bad);
    }
  }
}
