package io.simkernel.api.mp;

import java.util.ServiceLoader;

/**
 * The entry point of the Java multiprocessing API: {@code multiprocessing.get_context(method)}.
 * A context drives one simulated main process (a CPython 3.11 program under the simulator's
 * {@code mp.*} runtime, docs/multiprocessing.md):
 *
 * <pre>{@code
 * MpContext mp = Multiprocessing.context("spawn");
 * MpProcess p = mp.process(Target.create().sleep(Duration.ofSeconds(1))).start();
 * p.terminate();
 * p.join();
 * assert p.exitcode() == -15;
 * }</pre>
 */
public final class Multiprocessing {
  private Multiprocessing() {}

  /** A context of that start method, on the simulator found by {@link ServiceLoader}. */
  public static MpContext context(String method) {
    MpEngine engine = ServiceLoader.load(MpEngine.class).findFirst().orElseThrow(
        () -> new IllegalStateException("no MpEngine implementation on the class path "
            + "(the kernel module provides one)"));
    return context(method, engine);
  }

  /** A context of that start method on {@code engine}. */
  public static MpContext context(String method, MpEngine engine) {
    if (!method.equals("fork") && !method.equals("spawn") && !method.equals("forkserver")) {
      throw new MpException("ValueError: cannot find context for '" + method + "'");
    }
    return new MpContext(method, engine);
  }
}
