package io.simkernel.kernel;

import io.simkernel.api.trace.TraceSink;
import io.simkernel.kernel.sched.CostModel;
import java.io.OutputStream;

/**
 * How a kernel is run, beyond the scenario: where the console's two streams go, whether every
 * invariant is checked after every event (checked mode: on in tests), who receives the events,
 * and the cost model.
 */
public record KernelOptions(OutputStream stdout, OutputStream stderr, boolean checked,
    TraceSink sink, CostModel cost) {

  public KernelOptions withChecked(boolean c) {
    return new KernelOptions(stdout, stderr, c, sink, cost);
  }

  public KernelOptions withSink(TraceSink s) {
    return new KernelOptions(stdout, stderr, checked, s, cost);
  }

  /** Console to the given streams, unchecked, no sink, the calibrated Linux cost model. */
  public static KernelOptions of(OutputStream out, OutputStream err) {
    return new KernelOptions(out, err, false, null, CostModel.LINUX_X86_64);
  }
}
