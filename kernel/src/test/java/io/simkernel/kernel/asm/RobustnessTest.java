package io.simkernel.kernel.asm;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md rule 5 as a property: however a scenario is damaged, parsing either succeeds or throws
 * one ScenarioException positioned inside the file; never another exception.
 */
class RobustnessTest {
  /** Every operand form and section of the language, to damage. */
  private static final String RICH = """
      kernel cpus=2 seed=-0x10 init=/bin/i core=unlimited tiebreak=random time_limit=1.5s
      program /bin/i
      data
        n: word -ECHILD
        s: string "a\\tb\\x41\\"c"
        b: space 4KiB
      text
      main: mov r1, b+8
        load r2, [r3+r4]
        store [b-8], WNOHANG|WUNTRACED
        storeb [r3-16], {SIGINT, 15}
        sigaction SIGRTMIN+1, handler, SA_SIGINFO, {}
        mp.set_start_method "spawn"
        mp.process r7, handler, 5
        mp.except 0
        print "%d %x %s %r %e %%\\n", r1, 0x1f, s, None, -ESRCH
        jne r11, 1s, main
      handler:
        ret
      end
      run /bin/i "quoted arg" -x
      """;

  private static final String ALPHABET = "abrxz019-+|,:[]{}\"\\#=/ \n\tKiBms.%_";

  private static final int ROUNDS = 5000;

  private static String mutate(String s, Random rnd) {
    StringBuilder sb = new StringBuilder(s);
    int edits = 1 + rnd.nextInt(3);
    for (int i = 0; i < edits && sb.length() > 0; i++) {
      int at = rnd.nextInt(sb.length());
      char c = ALPHABET.charAt(rnd.nextInt(ALPHABET.length()));
      switch (rnd.nextInt(4)) {
        case 0 -> sb.deleteCharAt(at);
        case 1 -> sb.insert(at, c);
        case 2 -> sb.setCharAt(at, c);
        default -> sb.setLength(at);
      }
    }
    return sb.toString();
  }

  @Test
  void damagedDesignExampleGivesOnePositionedErrorOrParses() {
    damage(Scenarios.DESIGN_EXAMPLE, 20240601L);
  }

  @Test
  void damagedRichScenarioGivesOnePositionedErrorOrParses() {
    Scenarios.parse(RICH);
    damage(RICH, 42L);
  }

  private static void damage(String base, long seed) {
    Random rnd = new Random(seed);
    for (int n = 0; n < ROUNDS; n++) {
      String text = mutate(base, rnd);
      long lines = text.chars().filter(c -> c == '\n').count() + 1;
      try {
        Scenarios.parse(text);
      } catch (ScenarioException e) {
        assertTrue(e.line() >= 1 && e.line() <= lines && e.column() >= 1,
            () -> "bad position in " + e.format() + " for:\n" + text);
        assertTrue(e.format().matches("t\\.sks:\\d+:\\d+: error: .+"), e::format);
        assertTrue(!e.getMessage().startsWith("internal"), () -> e.format() + " for:\n" + text);
      } catch (RuntimeException e) {
        throw new AssertionError("non-ScenarioException for:\n" + text, e);
      }
    }
  }

  @Test
  void emptyFileIsAnErrorNotACrash() {
    ScenarioException e = Scenarios.error("");
    assertTrue(e.format().startsWith("t.sks:1:1: error: no `run` line"), e::format);
  }

  @Test
  void commentOnlyLinesAndBlankLinesAreIgnored() {
    assertDoesNotThrow(() -> Scenarios.parse("\n\n# x\n   # y\n\t\nprogram /bin/t # c\n# in\n"
        + "main: # c\n  exit 0 # c\nend # c\nrun /bin/t # c"));
  }
}
