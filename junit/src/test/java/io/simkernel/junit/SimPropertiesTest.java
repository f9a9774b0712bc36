package io.simkernel.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.gen.ScenarioGenerator.Config;
import io.simkernel.api.gen.ScenarioGenerator.Family;
import io.simkernel.api.gen.SelfChecks;
import io.simkernel.api.run.ProcessRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * The JUnit integration as a user sees it: a property that holds gives passing dynamic tests; a
 * planted property that fails is reported with a shrunk scenario, written to a file whose path
 * is in the message.
 */
class SimPropertiesTest {
  /** The worked example of docs/property-testing.md: it holds (posix-semantics TM-3, ZB-4). */
  @TestFactory
  Stream<DynamicTest> everyProcessIsReapedWithAStatusItCouldHave() {
    return SimProperties.swarm(EnumSet.allOf(Family.class))
        .seeds(1, 40)
        .property("self-checks", run -> {
          List<String> bad = SelfChecks.failures(run.stdout());
          return bad.isEmpty() ? null : bad.get(0);
        })
        .property("reaped", run -> run.result().processes().stream()
            .filter(p -> p.reapedBy() == 0).map(ProcessRecord::toString).findFirst()
            .orElse(null))
        .tests();
  }

  @Test
  void aFailingPropertyIsShrunkAndWrittenToAFile(@TempDir Path dir) throws Exception {
    // planted: "no process ever exits with code 3" is false for many generated scenarios
    SimProperties props = SimProperties.generated(Config.defaults())
        .named("no-exit-3")
        .reportTo(dir)
        .property("no-exit-3", run -> run.result().processes().stream()
            .filter(p -> p.status() == 3 << 8).map(p -> "pid " + p.pid() + " exited with 3")
            .findFirst().orElse(null));
    long seed = firstFailingSeed(SimProperties.generated(Config.defaults())
        .reportTo(dir.resolve("probe")).shrinkBudget(0).skipDeterminism()
        .property("no-exit-3", run -> run.result().processes().stream()
            .anyMatch(p -> p.status() == 3 << 8) ? "3" : null));
    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        () -> props.checkSeed(seed));
    String msg = e.getMessage();
    assertTrue(msg.startsWith("seed " + seed + " fails no-exit-3: pid "), msg);
    Path file = dir.resolve("no-exit-3-seed" + seed + ".sks");
    assertTrue(msg.contains(file.toAbsolutePath().toString()), msg);
    String written = Files.readString(file);
    assertTrue(written.startsWith("# shrunk by simkernel-junit from seed " + seed), written);
    String shrunk = written.substring(written.indexOf("\n", written.indexOf("# failure")) + 1);
    assertTrue(msg.endsWith(shrunk), msg);
    // the minimal scenario: a program whose one process exits with 3, and the run line
    assertTrue(shrunk.contains("exit  3"), shrunk);
    assertTrue(shrunk.lines().count() <= 6, shrunk);
    assertTrue(shrunk.endsWith("run /bin/gen\n"), shrunk);
  }

  @Test
  void theDynamicTestsRunTheSameCheck(@TempDir Path dir) {
    List<DynamicTest> tests = SimProperties.generated(Config.defaults()).seeds(1, 30)
        .reportTo(dir).skipDeterminism()
        .property("never", run -> "always fails")
        .shrinkBudget(20)
        .tests().toList();
    assertEquals(30, tests.size());
    assertEquals("simkernel seed 1", tests.get(0).getDisplayName());
    assertThrows(AssertionFailedError.class, () -> tests.get(0).getExecutable().execute());
  }

  private static long firstFailingSeed(SimProperties props) {
    for (long seed = 1; seed < 200; seed++) {
      try {
        props.checkSeed(seed);
      } catch (AssertionFailedError e) {
        return seed;
      }
    }
    throw new AssertionError("no seed among 1..199 has a process exiting with 3");
  }
}
