package io.simkernel.api.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Shrinking candidates run under event and instruction limits, added to the kernel line. */
class ShrinkerBoundsTest {
  @Test
  void limitsGoOnTheKernelLineOrANewOne() {
    assertEquals("kernel cpus=2 events_max=200000 insns_max=2000000 \nrun /bin/x\n",
        Shrinker.bounded("kernel cpus=2\nrun /bin/x\n"));
    assertEquals("# c\nkernel cpus=2 events_max=200000 insns_max=2000000 # x\nrun /bin/x\n",
        Shrinker.bounded("# c\nkernel cpus=2 # x\nrun /bin/x\n"));
    assertEquals("kernel events_max=200000 insns_max=2000000\nrun /bin/x\n",
        Shrinker.bounded("run /bin/x\n"));
  }

  @Test
  void aTextThatSetsALimitItselfIsLeftAlone() {
    String t = "kernel insns_max=10\nrun /bin/x\n";
    assertEquals(t, Shrinker.bounded(t));
  }
}
