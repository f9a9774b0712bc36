package io.simkernel.kernel.loader;

import io.simkernel.api.Errno;
import io.simkernel.api.program.Layout;
import io.simkernel.api.program.ProgramImage;
import io.simkernel.kernel.mm.AddressSpace;
import io.simkernel.kernel.mm.PhysicalMemory;
import io.simkernel.kernel.mm.Vma;
import io.simkernel.kernel.proc.Process;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The installed images and how a process starts one. */
public final class Loader {
  /** Longest path execve accepts (PATH_MAX). */
  public static final int PATH_MAX = 4096;
  /** Most argv bytes accepted (a small ARG_MAX). */
  public static final int ARG_MAX = 128 * 1024;

  /**
   * An installed image's section contents, built once at install: every exec maps these same
   * arrays, so the page cache recognises them at once instead of comparing fresh copies.
   */
  private record Sections(byte[] text, byte[] rodata, byte[] data) {}

  private final Map<String, ProgramImage> images = new LinkedHashMap<>();
  private final Map<String, Sections> sections = new LinkedHashMap<>();
  private final PhysicalMemory memory;

  /** A loader whose processes' address spaces come from the machine's {@code memory}. */
  public Loader(PhysicalMemory memory) {
    this.memory = memory;
  }

  public void install(ProgramImage image) {
    images.put(image.path(), image);
    sections.put(image.path(), new Sections(image.text(), image.rodata(), image.data()));
  }

  /** The image at a path, or null. */
  public ProgramImage image(String path) {
    return images.get(path);
  }

  /** Checks an execve path: 0, or -ENOENT / -ENAMETOOLONG (EX-9). */
  public long check(String path) {
    if (path.length() >= PATH_MAX) {
      return Errno.ENAMETOOLONG.negated();
    }
    if (path.isEmpty() || !images.containsKey(path)) {
      return Errno.ENOENT.negated();
    }
    return 0;
  }

  /**
   * Maps the image into a new address space and points the process at its entry with argv on the
   * stack. The old address space is released by the caller. Returns the number of pages mapped
   * from the image, for the cost model, or {@code -E2BIG} when argv is too large.
   */
  public long start(Process p, ProgramImage img, String[] argv) {
    if (argvBytes(argv) > ARG_MAX) {
      return Errno.E2BIG.negated();
    }
    Sections sec = sections.get(img.path());
    AddressSpace mm = memory.newAddressSpace();
    long pages = 0;
    if (img.length() > 0) { // text: read + execute, filled from the image (DESIGN.md program model)
      mm.map(Layout.TEXT_BASE, img.textSize(), Vma.PROT_READ | Vma.PROT_EXEC, false, "text",
          sec.text(), 0);
      pages += Layout.pageAlign(img.textSize()) >>> Layout.PAGE_SHIFT;
    }
    if (img.rodataSize() > 0) {
      mm.map(img.rodataBase(), img.rodataSize(), Vma.PROT_READ, false, "rodata", sec.rodata(), 0);
      pages += Layout.pageAlign(img.rodataSize()) >>> Layout.PAGE_SHIFT;
    }
    long dataLen = img.end() - img.dataBase();
    if (dataLen > 0) {
      mm.map(img.dataBase(), dataLen, Vma.PROT_READ | Vma.PROT_WRITE, false, "data", sec.data(), 0);
      pages += Layout.pageAlign(img.dataSize()) >>> Layout.PAGE_SHIFT;
    }
    mm.map(Layout.STACK_TOP - Layout.STACK_SIZE, Layout.STACK_SIZE,
        Vma.PROT_READ | Vma.PROT_WRITE, false, "[stack]", null, 0);
    long[] r = p.regs();
    Arrays.fill(r, 0);
    long sp = Layout.STACK_TOP;
    long[] ptrs = new long[argv.length];
    for (int i = argv.length - 1; i >= 0; i--) {
      byte[] b = argv[i].getBytes(StandardCharsets.UTF_8);
      sp -= b.length + 1;
      for (int k = 0; k < b.length; k++) {
        storeByte(mm, sp + k, b[k]);
      }
      storeByte(mm, sp + b.length, 0);
      ptrs[i] = sp;
    }
    sp &= -16L;
    sp -= 8L * (argv.length + 1);
    long argvAddr = sp;
    for (int i = 0; i < argv.length; i++) {
      mm.kernelStore(argvAddr + 8L * i, ptrs[i]);
    }
    mm.kernelStore(argvAddr + 8L * argv.length, 0);
    sp -= 8;
    mm.kernelStore(sp, Layout.EXIT_TRAMPOLINE);
    r[0] = argv.length;
    r[1] = argvAddr;
    p.setSp(sp);
    p.setPc(img.entry());
    p.setComputeLeft(0);
    p.setImage(img);
    p.setMm(mm);
    p.setArgv(argv.clone());
    return pages;
  }

  /** Bytes argv takes on the stack: each string with its NUL, and its pointer. */
  public static long argvBytes(String[] argv) {
    long n = 0;
    for (String a : argv) {
      n += a.getBytes(StandardCharsets.UTF_8).length + 1 + 8;
    }
    return n;
  }

  private static void storeByte(AddressSpace mm, long addr, int b) {
    mm.kernelStoreByte(addr, b);
  }
}
