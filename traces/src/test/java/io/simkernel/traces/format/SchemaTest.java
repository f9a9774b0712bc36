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

  /**
   * Every kind the kernel emits: fork, exec, exit, wait, free, switches (S, D, T, Z, X and R),
   * wake-ups by a child, a signal sender and a timer, blocks, signals, an orphan's reparenting,
   * page faults, writes, a stop and a continue.
   */
  static final String EVERY_KIND = """
      kernel cpus=1 timeslice=1ms
      program /bin/all
      data
        page: space 8
      text
      main:
        fork
        jz    r0, spinner
        fork
        jz    r0, orphaner
        vfork
        jz    r0, vchild
        fork
        jz    r0, stopper
        mov   r7, r0
        waitpid r7, WUNTRACED
        kill  r7, SIGCONT
        waitpid r7, 0
        store [page], 1
        print "done\\n"
        wait
        wait
        wait
        wait
        exit  0
      spinner:
        compute 3ms
        exit  0
      orphaner:
        fork
        jz    r0, grandchild
        exit  0
      grandchild:
        signal SIGCHLD, SIG_IGN
        fork
        jz    r0, quick
        sleep 2ms
        exit  0
      quick:
        exit  0
      vchild:
        execve "/bin/leaf"
        exit  1
      stopper:
        raise SIGSTOP
        exit  4
      end
      program /bin/leaf
      text
      main:
        exit  0
      end
      run /bin/all
      """;

  /** An endless loop that insns_max stops: the limit event. */
  static final String LIMIT = """
      kernel insns_max=1000
      program /bin/loop
      text
      main:
      spin: add r1, 1
        jmp spin
      end
      run /bin/loop
      """;

  /** The Windows personality: create_process, image_load, handle and job events. */
  static final String WIN = """
      program /bin/win
      text
      main:
        jle   2, r0, created
        CreateJobObject
        mov   r8, r0
        CreateProcess "/bin/win", "win child", CREATE_SUSPENDED, 0
        mov   r9, r1
        mov   r10, r2
        AssignProcessToJobObject r8, r9
        ResumeThread r10
        TerminateJobObject r8, 3
        WaitForSingleObject r9, INFINITE
        CloseHandle r9
        CloseHandle r10
        CloseHandle r8
        exit  0
      created:
        sleep 1ms
        exit  7
      end
      run /bin/win
      """;

  @Test
  void everyEventKindIsEmittedAndEveryLineConforms() throws IOException {
    Set<EventKind> seen = EnumSet.noneOf(EventKind.class);
    Set<Character> states = new java.util.TreeSet<>();
    Set<Long> wakers = new java.util.TreeSet<>();
    for (String text : List.of(EVERY_KIND, LIMIT, WIN)) {
      Recorded r = TestRuns.record(TestRuns.parse("all.sks", text));
      r.events().forEach(e -> {
        seen.add(e.kind());
        if (e.kind() == EventKind.SCHED_SWITCH) {
          states.add((char) e.b());
        } else if (e.kind() == EventKind.SCHED_WAKEUP) {
          wakers.add(e.a());
        }
      });
      List<String> lines = Files.readAllLines(TestRuns.write(r, dir.resolve("t.jsonl")));
      for (int i = 0; i < lines.size(); i++) {
        Set<ValidationMessage> errors = validate(lines.get(i));
        assertTrue(errors.isEmpty(), "line " + (i + 1) + ": " + errors + "\n" + lines.get(i));
      }
    }
    assertEquals(EnumSet.allOf(EventKind.class), seen, "kinds covered");
    // prev_state as Linux prints it (include/trace/events/sched.h), recorded on every switch
    assertEquals(Set.of('R', 'S', 'D', 'T', 'Z', 'X'), states, "prev_state letters");
    assertTrue(wakers.contains(0L) && wakers.stream().anyMatch(w -> w > 1),
        "wakers: a timer (0) and processes: " + wakers);
  }

  @Test
  void theSchedFieldsAreConstrained() throws IOException {
    String sw = "{\"seq\":0,\"t\":0,\"cpu\":0,\"ev\":\"sched_switch\",\"pid\":3,\"a\":2,"
        + "\"b\":83,\"c\":0,\"hash\":\"0123456789abcdef\"}";
    assertTrue(validate(sw).isEmpty(), validate(sw).toString());
    for (char letter : "RSDTZX".toCharArray()) {
      String line = sw.replace("\"b\":83", "\"b\":" + (int) letter);
      assertTrue(validate(line).isEmpty(), letter + ": " + validate(line));
    }
    assertFalse(validate(sw.replace("\"b\":83", "\"b\":43")).isEmpty(), "'+' is no state");
    assertFalse(validate(sw.replace("\"b\":83", "\"b\":1")).isEmpty(), "1 is no letter");
    String wake = "{\"seq\":0,\"t\":0,\"cpu\":-1,\"ev\":\"sched_wakeup\",\"pid\":3,"
        + "\"a\":0,\"b\":0,\"c\":0,\"hash\":\"0123456789abcdef\"}";
    assertTrue(validate(wake).isEmpty(), validate(wake).toString());
    assertTrue(validate(wake.replace("\"a\":0", "\"a\":2")).isEmpty(), "a process woke it");
    assertFalse(validate(wake.replace("\"a\":0", "\"a\":-1")).isEmpty(), "a waker is a pid");
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
