package io.simkernel.api.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShrinkerTest {
  @Test
  void keepsOnlyTheLinesTheFailureNeeds() {
    String input = "# a comment\na\nb\nBUG1\nc\nd\ne\nBUG2\nf\n";
    Shrinker.Result r = Shrinker.shrink(input, s -> s.contains("BUG1") && s.contains("BUG2"), 1000);
    assertEquals("BUG1\nBUG2\n", r.scenario());
    assertEquals(9, r.originalLines());
    assertEquals(2, r.lines());
  }

  @Test
  void shrinksDurationsTowardsZero() {
    String input = "sleep 3000us\ncompute 17ms\n";
    Shrinker.Result r = Shrinker.shrink(input,
        s -> s.contains("compute") && !s.contains("compute 0ms") && s.contains("sleep"), 1000);
    assertTrue(r.scenario().contains("sleep 0us"), r.scenario());
    assertTrue(r.scenario().contains("compute 1ms"), r.scenario());
  }

  @Test
  void isDeterministicAndBounded() {
    String input = "x\n".repeat(200) + "BUG\n";
    Shrinker.Result a = Shrinker.shrink(input, s -> s.contains("BUG"), 50);
    Shrinker.Result b = Shrinker.shrink(input, s -> s.contains("BUG"), 50);
    assertEquals(a, b);
    assertTrue(a.attempts() <= 50);
  }
}
