package io.simkernel.kernel.check;

import io.simkernel.kernel.Kernel;
import io.simkernel.kernel.mm.PhysicalMemory;

/** The kernel-wide memory invariants that need the process table (see {@link InvariantChecker}). */
final class MemoryInvariants {
  private MemoryInvariants() {}

  /**
   * Every address space alive is some process's (a vfork child uses its parent's, counted once),
   * and a process that has exited holds none; when no process holds memory, every frame in use
   * is an image's cached page (posix-semantics MM-9; DESIGN.md "no frame in use beyond the image
   * cache").
   */
  static String owners(Kernel k) {
    long[] owned = {0};
    String[] bad = {null};
    k.table().forEach(p -> {
      if (p.mm() == null) {
        return;
      }
      if (!p.state().isAlive() || p.isExiting()) {
        bad[0] = "pid " + p.pid() + " (" + p.state() + ") still holds an address space";
      } else if (!p.sharesParentMm()) {
        owned[0]++;
      }
    });
    if (bad[0] != null) {
      return bad[0];
    }
    PhysicalMemory m = k.memory();
    if (owned[0] != m.liveSpaces()) {
      return m.liveSpaces() + " address spaces are alive but " + owned[0]
          + " processes own one (a leak, or a space used after release)";
    }
    if (owned[0] == 0 && m.framesInUse() != m.cachedFrames()) {
      return "no process holds memory, yet " + m.framesInUse() + " frames are in use and only "
          + m.cachedFrames() + " are cached image pages";
    }
    return null;
  }
}
