package io.simkernel.api.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.simkernel.api.gen.ScenarioGenerator.Action;
import io.simkernel.api.gen.ScenarioGenerator.Config;
import io.simkernel.api.gen.ScenarioGenerator.Family;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * Seeds are reproductions: a seed that found a bug must produce the same scenario after the
 * generator grows new families (WINDOWS, FILES, LOCKS). The digest below was taken from the
 * generator before those families existed, over the fixed mix, the process-only swarm, the swarm
 * of the five older families and the fixed mix with their actions switched on (as
 * {@code simkernel check --families} builds it).
 */
class ExistingFamiliesStableTest {
  private static final EnumSet<Family> OLD =
      EnumSet.of(Family.PROCESS, Family.AUTOREAP, Family.EXEC, Family.PIPE, Family.MEMORY);

  @Test
  void olderFamiliesGenerateTheSameTextsAsBefore() {
    Config fixedAll = Config.defaults();
    for (Action a : Action.values()) {
      if (a.family() != Family.PROCESS && OLD.contains(a.family())) {
        fixedAll = fixedAll.withWeight(a, 1);
      }
    }
    Hasher h = Hashing.sha256().newHasher();
    for (long seed = 0; seed < 300; seed++) {
      h.putString(new ScenarioGenerator(Config.defaults()).generate(seed), StandardCharsets.UTF_8);
      h.putString(new ScenarioGenerator(Config.swarm(seed)).generate(seed), StandardCharsets.UTF_8);
      h.putString(new ScenarioGenerator(Config.swarm(seed, OLD)).generate(seed),
          StandardCharsets.UTF_8);
      h.putString(new ScenarioGenerator(fixedAll).generate(seed), StandardCharsets.UTF_8);
    }
    assertEquals("2645d24f620149308ecb299879e75347bdccfc546fe34d22460d547b12fc3dd9", h.hash().toString());
  }
}
