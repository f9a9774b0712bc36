package io.simkernel.traces.strace;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DESIGN.md rule 5 on real logs, cut and damaged at random (seeded): every outcome is a
 * scenario that runs and is checked, or one {@link StraceException} with a line number inside
 * the log — never another exception.
 */
class MangledLogTest {
  @ParameterizedTest
  @ValueSource(strings = {"bash-bg-wait", "exec-errors", "sigprocmask-term", "py-mp-spawn"})
  void aDamagedLogGivesALineNumberedErrorOrAScenarioNeverACrash(String workload) {
    String text = Corpus.trace(workload);
    int lines = text.split("\n").length;
    Random rnd = new Random(workload.hashCode());
    int errors = 0;
    for (int i = 0; i < 60; i++) {
      String damaged = damage(text, rnd, i % 4);
      try {
        ImportResult r = StraceImporter.importLog(workload, damaged);
        ReplayCheck.check(r, workload + ".sks");
      } catch (StraceException e) {
        errors++;
        assertTrue(e.line() >= 1 && e.line() <= lines, e.format());
        assertTrue(e.getMessage().contains("; expected "), e.format());
      } catch (RuntimeException e) {
        fail("damage " + (i % 4) + " of " + workload + " crashed the importer", e);
      }
    }
    assertTrue(errors > 0, "some damage must be detected");
  }

  /** Cut anywhere, cut at a line, delete a character, or delete a line. */
  private static String damage(String text, Random rnd, int how) {
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n")));
    switch (how) {
      case 0 -> {
        return text.substring(0, 1 + rnd.nextInt(text.length() - 1));
      }
      case 1 -> {
        return String.join("\n", lines.subList(0, 1 + rnd.nextInt(lines.size()))) + "\n";
      }
      case 2 -> {
        int at = rnd.nextInt(text.length());
        return text.substring(0, at) + text.substring(at + 1);
      }
      default -> {
        lines.remove(rnd.nextInt(lines.size()));
        return String.join("\n", lines) + "\n";
      }
    }
  }
}
