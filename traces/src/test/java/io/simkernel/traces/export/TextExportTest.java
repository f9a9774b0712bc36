package io.simkernel.traces.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.traces.TestRuns;
import io.simkernel.traces.TestRuns.Recorded;
import io.simkernel.traces.format.TraceFiles;
import io.simkernel.traces.format.TraceReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The ftrace text and the CSV summary: exact lines and rows for known runs. */
class TextExportTest {
  /** TASK-PID [CPU] FLAGS SECONDS.MICROS: EVENT: FIELDS, as the kernel pads the context. */
  private static final Pattern FTRACE_LINE = Pattern.compile(
      " {0,15}\\S{1,16}-\\d+ +\\[\\d{3}] \\.{5} +\\d+\\.\\d{6}: [a-z_]+: \\S.*");

  @TempDir
  Path dir;

  static Stream<Path> examples() {
    return TestRuns.examples().stream();
  }

  private List<String> export(ExportFormat f, Recorded r) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TraceReader in = TraceFiles.open(TestRuns.write(r, dir.resolve("t.jsonl")))) {
      f.export(in, out);
    }
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private Recorded example(String name) {
    return TestRuns.record(TestRuns.parse(TestRuns.examples().stream()
        .filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyEventBecomesOneFtraceLine(Path example) throws IOException {
    Recorded r = TestRuns.record(TestRuns.parse(example));
    List<String> lines = export(ExportFormat.FTRACE, r).stream()
        .filter(l -> !l.startsWith("#")).toList();
    assertEquals(r.events().size(), lines.size());
    for (String l : lines) {
      assertTrue(FTRACE_LINE.matcher(l).matches(), "not an ftrace line: " + l);
    }
  }

  @Test
  void ftraceLinesUseTheKernelsFormatForEachTracepoint() throws IOException {
    List<String> lines = export(ExportFormat.FTRACE, example("zombie-reap.sks"));
    assertTrue(lines.get(0).equals("# tracer: nop"), lines.get(0));
    for (String expected : List.of(
        "          zombie-2       [000] .....     0.000004: sched_process_fork: comm=zombie pid=2"
            + " child_comm=zombie child_pid=3",
        "          <idle>-0       [000] .....     0.000000: sched_process_exec: filename=/bin/zombie"
            + " pid=2 old_pid=2",
        "          zombie-3       [000] .....     0.000107: sched_process_exit: comm=zombie pid=3"
            + " prio=120 group_dead=true",
        "          zombie-3       [000] .....     0.000107: signal_generate: sig=17 errno=0 code=1"
            + " comm=zombie pid=2 grp=1 res=1",
        "          zombie-2       [000] .....     0.300048: sched_process_wait: comm=zombie pid=3"
            + " prio=120",
        "          zombie-2       [000] .....     0.300048: sched_process_free: comm=zombie pid=3"
            + " prio=120",
        "          zombie-2       [000] .....     0.000045: sched_switch: prev_comm=zombie prev_pid=2"
            + " prev_prio=120 prev_state=S ==> next_comm=zombie next_pid=3 next_prio=120",
        // the child left its CPU a zombie (Z); the timer that ends the parent's sleep wakes it
        // from the interrupt context, <idle>-0, as Linux's sched_wakeup shows a timer wake-up
        "          zombie-3       [000] .....     0.300046: sched_switch: prev_comm=zombie prev_pid=3"
            + " prev_prio=120 prev_state=Z ==> next_comm=zombie next_pid=2 next_prio=120",
        "          <idle>-0       [000] .....     0.300045: sched_wakeup: comm=zombie pid=2"
            + " prio=120 target_cpu=000")) {
      assertTrue(lines.contains(expected), "missing:\n" + expected + "\nin:\n"
          + String.join("\n", lines));
    }
  }

  /**
   * A wake-up is printed in its waker's context, as Linux's sched_wakeup (common_pid is the task
   * that called try_to_wake_up): the exiting child wakes its waiting parent.
   */
  @Test
  void aWakeupIsShownInTheWakersContext() throws IOException {
    List<String> lines = export(ExportFormat.FTRACE, TestRuns.record(TestRuns.parse("w.sks", """
        kernel cpus=1
        program /bin/w
        text
        main:
          fork
          jz    r0, child
          waitpid r0, 0
          exit  0
        child:
          exit  7
        end
        run /bin/w
        """)));
    assertTrue(lines.stream().anyMatch(l -> l.matches(" +w-3 +\\[000] \\.{5} +\\d+\\.\\d{6}: "
        + "sched_wakeup: comm=w pid=2 prio=120 target_cpu=000")), String.join("\n", lines));
    assertTrue(lines.stream().anyMatch(l -> l.contains("sched_switch: prev_comm=w prev_pid=2 "
        + "prev_prio=120 prev_state=S ==> next_comm=w next_pid=3")), String.join("\n", lines));
  }

  @Test
  void signalDeliveryPrintsHandlerAndCodeAsLinuxDoes() throws IOException {
    List<String> lines = export(ExportFormat.FTRACE,
        TestRuns.record(TestRuns.parse("busy.sks", TestRuns.BUSY)));
    assertTrue(lines.stream().anyMatch(l -> l.matches(
        " +busy-4 +\\[\\d{3}] \\.{5} +\\d+\\.\\d{6}: signal_deliver: sig=19 errno=0 code=0"
            + " sa_handler=0 sa_flags=0")), "SIGSTOP delivered to pid 4");
    assertTrue(lines.stream().anyMatch(l -> l.contains(": signal_generate: sig=17 errno=0 code=5"
        + " comm=busy pid=2 grp=1 res=")), "CLD_STOPPED inferred for the stop's SIGCHLD");
  }

  @Test
  void csvHasOneRowPerProcessWithItsFate() throws IOException {
    List<String> rows = export(ExportFormat.CSV, example("zombie-reap.sks"));
    assertEquals(String.join(",", CsvSummaryExporter.COLUMNS), rows.get(0));
    assertEquals(4, rows.size(), String.join("\n", rows));
    String[] init = rows.get(1).split(",", -1);
    String[] main = rows.get(2).split(",", -1);
    String[] child = rows.get(3).split(",", -1);
    assertEquals(CsvSummaryExporter.COLUMNS.size(), child.length);
    assertEquals(List.of("1", "init", "alive (blocked)"), List.of(init[0], init[3], init[9]));
    assertEquals(List.of("2", "1", "zombie", "/bin/zombie", "exited 0", "0", "1"),
        List.of(main[0], main[1], main[3], main[4], main[9], main[10], main[11]));
    assertEquals(List.of("3", "2", "zombie", "exited 42", "42", "2"),
        List.of(child[0], child[1], child[3], child[9], child[10], child[11]));
    long exit = Long.parseLong(child[6]);
    long freed = Long.parseLong(child[7]);
    assertTrue(freed - exit > 299_000_000L, "a zombie for 300 ms: " + exit + " .. " + freed);
  }

  @Test
  void csvQuotesFieldsThatNeedIt() {
    assertEquals("plain", CsvSummaryExporter.quote("plain"));
    assertEquals("\"a,b\"", CsvSummaryExporter.quote("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", CsvSummaryExporter.quote("say \"hi\""));
  }
}
