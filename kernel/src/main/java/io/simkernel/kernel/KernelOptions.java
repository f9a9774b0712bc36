package io.simkernel.kernel;

import io.simkernel.api.trace.TraceSink;
import io.simkernel.kernel.sched.CostModel;
import java.io.OutputStream;
import java.util.Set;

/**
 * How a kernel is run, beyond the scenario: where the console's two streams go, whether every
 * invariant is checked after every event (checked mode: on in tests), who receives the events,
 * the cost model, and planted bugs.
 *
 * <p>{@code plantedBugs} names deliberate kernel bugs to switch on — in the spirit of
 * FoundationDB's BUGGIFY — so that tests can show the property-testing machinery finds and
 * shrinks real bugs. Empty in every normal run. Known names: {@link #BUG_INIT_FORGETS_ORPHANS}, {@link #BUG_PRIVATE_IMAGE_TEXT}.
 */
public record KernelOptions(OutputStream stdout, OutputStream stderr, boolean checked,
    TraceSink sink, CostModel cost, Set<String> plantedBugs) {

  /** The built-in init never reaps a zombie it adopted (it still reaps its own children). */
  public static final String BUG_INIT_FORGETS_ORPHANS = "init-forgets-orphans";

  /** The loader maps each process's text privately: image text frames are no longer shared. */
  public static final String BUG_PRIVATE_IMAGE_TEXT = "private-image-text";

  public KernelOptions {
    plantedBugs = Set.copyOf(plantedBugs);
  }

  public KernelOptions(OutputStream stdout, OutputStream stderr, boolean checked, TraceSink sink,
      CostModel cost) {
    this(stdout, stderr, checked, sink, cost, Set.of());
  }

  public KernelOptions withChecked(boolean c) {
    return new KernelOptions(stdout, stderr, c, sink, cost, plantedBugs);
  }

  public KernelOptions withSink(TraceSink s) {
    return new KernelOptions(stdout, stderr, checked, s, cost, plantedBugs);
  }

  /** Switches on a planted bug (tests of the checker only). */
  public KernelOptions withPlantedBug(String name) {
    if (!name.equals(BUG_INIT_FORGETS_ORPHANS) && !name.equals(BUG_PRIVATE_IMAGE_TEXT)) {
      throw new IllegalArgumentException("no planted bug named " + name);
    }
    java.util.TreeSet<String> s = new java.util.TreeSet<>(plantedBugs);
    s.add(name);
    return new KernelOptions(stdout, stderr, checked, sink, cost, s);
  }

  public boolean bug(String name) {
    return plantedBugs.contains(name);
  }

  /** Console to the given streams, unchecked, no sink, the calibrated Linux cost model. */
  public static KernelOptions of(OutputStream out, OutputStream err) {
    return new KernelOptions(out, err, false, null, CostModel.LINUX_X86_64, Set.of());
  }
}
