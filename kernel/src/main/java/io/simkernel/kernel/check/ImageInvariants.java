package io.simkernel.kernel.check;

import io.simkernel.api.program.ProgramImage;
import io.simkernel.kernel.Kernel;
import io.simkernel.kernel.mm.Vma;
import java.util.LinkedHashMap;
import java.util.Map;

/** The image cache's sharing invariant (see {@link InvariantChecker}). */
final class ImageInvariants {
  private ImageInvariants() {}

  /**
   * Image text frames are shared by every process of that image (issue 5;
   * createprocess-and-multiprocessing A34): every live process that maps image I's text at I's
   * preferred base maps it from one and the same page-cache object, whose frames are cached once
   * per page — so all of them see the same frames. A relocated process (A36) is exempt: its
   * fixed-up pages are private copies by design.
   */
  static String textShared(Kernel k) {
    Map<String, Vma> first = new LinkedHashMap<>(); // path -> the first text mapping seen
    Map<String, Integer> firstPid = new LinkedHashMap<>();
    String[] bad = {null};
    k.table().forEach(p -> {
      ProgramImage img = p.image();
      if (bad[0] != null || img == null || p.mm() == null || !p.state().isAlive()
          || img.relocated() || img.length() == 0) {
        return;
      }
      Vma text = textVma(p.mm().vmas(), img.textBase());
      if (text == null || text.object() == null) {
        return; // the program unmapped its own text
      }
      Vma seen = first.putIfAbsent(img.path(), text);
      if (seen == null) {
        firstPid.put(img.path(), p.pid());
      } else if (seen.object() != text.object()) {
        bad[0] = "pid " + p.pid() + " maps the text of " + img.path() + " at its preferred base 0x"
            + Long.toHexString(img.textBase()) + " from other frames than pid "
            + firstPid.get(img.path()) + " (" + text.name() + " vs " + seen.name() + ")";
      }
    });
    return bad[0];
  }

  private static Vma textVma(Iterable<Vma> vmas, long base) {
    for (Vma v : vmas) {
      if (v.start() == base) {
        return v;
      }
    }
    return null;
  }
}
