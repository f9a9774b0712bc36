package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.simkernel.api.run.MemoryStats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The memory examples: cow-faults.sks against the real capture of cow.c (shared/traces/
 * fork-cow-faults, hand-checked cow_measurements), and fork-latency.sks under both policies.
 */
class MemoryExamplesTest {

  private static String example(String name, String policy) throws IOException {
    String text = Files.readString(Path.of("../examples/" + name + ".sks"));
    return text.replace("kernel memory=1GiB\n", "kernel memory=1GiB fork=" + policy + "\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"classic", "ondemand"})
  void cowFaultsReproducesTheRealReaderAndWriterFaultCounts(String policy) throws IOException {
    JsonNode truth;
    try (InputStream in = getClass().getResourceAsStream(
        "/ground-truth/fork-cow-faults/ground-truth.json")) {
      assertNotNull(in);
      truth = new ObjectMapper().readTree(in).get("cow_measurements");
    }
    Sim.Run r = completed(example("cow-faults", policy));
    long pages = truth.get("pages").asLong();
    assertEquals(truth.get("reader_child_minflt").asLong(),
        number(r, "minor faults while reading " + pages + " pages: "), "reader (MM-3)");
    assertEquals(truth.get("writer_child_minflt").asLong(),
        number(r, "minor faults while writing " + pages + " pages: "), "writer (MM-4)");
    // Linux's populate adds malloc's own two faults (8194); the simulator's mmap has none
    assertEquals(pages, number(r, "minor faults to populate 32 MiB (8192 pages): "));
    MemoryStats m = r.result().memory();
    assertEquals(pages, m.cowCopies(), "one copy per page the writer wrote");
    assertEquals(policy, m.forkPolicy());
    assertTrue(m.framesPeak() >= 2 * pages, "parent's and writer's copies at once");
    assertEquals(m.cachedFrames(), m.framesInUse());
  }

  @Test
  void forkLatencyGrowsWithSizeUnderClassicAndStaysFlatUnderOndemand() throws IOException {
    List<Long> classic = forkTimes(completed(example("fork-latency", "classic")));
    List<Long> ondemand = forkTimes(completed(example("fork-latency", "ondemand")));
    assertEquals(3, classic.size());
    // 1, 16, 64 MiB: 65 ns per extra entry (perf-anchors §1.1)
    assertTrue(classic.get(2) - classic.get(0) >= 16000 * 65, classic.toString());
    assertTrue(ondemand.get(2) < 2 * ondemand.get(0), ondemand.toString());
    assertTrue(ondemand.get(2) < classic.get(2) / 10, ondemand + " vs " + classic);
  }

  private static List<Long> forkTimes(Sim.Run r) {
    List<Long> all = new ArrayList<>();
    Matcher m = Pattern.compile("MiB touched: (\\d+) ns").matcher(r.stdout());
    while (m.find()) {
      all.add(Long.parseLong(m.group(1)));
    }
    return all;
  }

  private static long number(Sim.Run r, String prefix) {
    Matcher m = Pattern.compile(Pattern.quote(prefix) + "(\\d+)").matcher(r.stdout());
    assertTrue(m.find(), "no `" + prefix + "` in\n" + r.stdout());
    return Long.parseLong(m.group(1));
  }
}
