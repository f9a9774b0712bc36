package io.simkernel.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.run.RunResult;
import io.simkernel.api.scenario.Scenario;
import io.simkernel.api.trace.TraceEvent;
import io.simkernel.kernel.asm.ScenarioParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * {@code simkernel run --profile} (issue 9): the profiler reads only the wall clock, so a profiled
 * run is the same run — every event, the trace hash, the outputs (DESIGN.md rule 1) — and its
 * report names every section. No timing is asserted (the machine is shared and noisy).
 */
class ProfilerTest {
  static Stream<Path> examples() throws IOException {
    return DeterminismTest.examples();
  }

  private record Out(RunResult result, List<TraceEvent> events, String stdout, Profiler prof) {}

  private static Out run(Scenario s, boolean profile, boolean checked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<TraceEvent> events = new ArrayList<>();
    Kernel k = Kernel.boot(s, KernelOptions.of(out, new ByteArrayOutputStream())
        .withChecked(checked).withSink(events::add));
    Profiler p = profile ? k.enableProfiling() : null;
    RunResult r = k.run();
    return new Out(r, events, out.toString(java.nio.charset.StandardCharsets.UTF_8), p);
  }

  @ParameterizedTest
  @MethodSource("examples")
  void profilingChangesNoEvent(Path example) throws IOException {
    Scenario s = ScenarioParser.parse(example.toString(), Files.readString(example));
    Out plain = run(s, false, true);
    Out profiled = run(s, true, true);
    assertEquals(plain.result().eventHash(), profiled.result().eventHash(), "trace hash");
    assertEquals(plain.events(), profiled.events(), "every event");
    assertEquals(plain.stdout(), profiled.stdout());
    assertEquals(plain.result().virtualNs(), profiled.result().virtualNs());
    assertEquals(plain.result().reason(), profiled.result().reason());
  }

  @Test
  void reportNamesEverySectionAndTheSystemCalls() {
    Scenario s = ScenarioParser.parse("t.sks", """
        program /bin/p
        text
        main:
          mov r8, 20
        loop:
          fork
          jz r0, child
          waitpid r0, 0
          sub r8, 1
          jnz r8, loop
          exit 0
        child:
          exit 3
        end
        run /bin/p
        """);
    Out o = run(s, true, true);
    String text = o.prof().format(o.result().events(), o.result().instructions());
    for (String section : new String[] {"event loop and scheduler", "interpreter (user code)",
        "system calls", "memory faults", "fork: address-space copy",
        "exit: address-space release", "signals", "tracing (hash and sink)",
        "invariant checks", "system calls by self time", "fork ", "waitpid ", "exit "}) {
      assertTrue(text.contains(section), section + " missing from:\n" + text);
    }
    assertTrue(text.contains("20 calls"), text); // 20 forks, 20 waitpids
    // self times add up to the whole (every nanosecond is charged to exactly one section)
    long sum = 0;
    for (int i = Profiler.LOOP; i <= Profiler.CHECKS; i++) {
      sum += o.prof().sectionNs(i);
    }
    assertEquals(o.prof().totalNs(), sum);
    assertTrue(o.prof().sectionNs(Profiler.CHECKS) > 0, "checked mode: checks took time");
  }
}
