package io.simkernel.kernel.loader;

import io.simkernel.api.Errno;
import io.simkernel.api.program.Layout;
import io.simkernel.api.program.ProgramImage;
import io.simkernel.kernel.fs.FileSystem;
import io.simkernel.kernel.fs.Inode;
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

  private final Map<String, Sections> sections = new LinkedHashMap<>();
  /** The planted bug {@code private-image-text}: every process gets its own text frames. */
  private boolean privateText;
  private final PhysicalMemory memory;
  private final FileSystem fs;

  /** A loader with a file system of its own, holding only the images installed here. */
  public Loader(PhysicalMemory memory) {
    this(memory, new FileSystem());
  }

  /**
   * A loader whose processes' address spaces come from the machine's {@code memory} and whose
   * images are files of {@code fs}.
   */
  public Loader(PhysicalMemory memory, FileSystem fs) {
    this.memory = memory;
    this.fs = fs;
  }

  /** Plants the bug that maps each process's text privately (tests of the checker only). */
  public void plantPrivateText(boolean on) {
    privateText = on;
  }

  /** Installs an image as a file at its path (mode 0755, owner root, parents created). */
  public void install(ProgramImage image) {
    sections.put(image.path(), new Sections(image.text(), image.rodata(), image.data()));
    fs.installImage(image.path(), image);
  }

  /** The image stored in the file at a path (resolved as root would), or null. */
  public ProgramImage image(String path) {
    Inode f = fs.lookup(path);
    return f == null ? null : f.image();
  }

  /** Checks an execve path as root would: 0 or the errno execve gives (EX-9). */
  public long check(String path) {
    return lookup(path, 0, new String[0], new ProgramImage[1]);
  }

  /**
   * execve's checks for a process of {@code uid}, in Linux's order (do_execveat_common: the
   * file is opened first, then argv counted, then the binary handlers tried): the path's errors
   * (ENAMETOOLONG, ENOENT, ENOTDIR, EACCES for a directory on the way that may not be searched),
   * EACCES for a directory or a file without execute permission (may_open, MAY_EXEC), ETXTBSY
   * for a file open for writing (deny_write_access), E2BIG for
   * an argv over ARG_MAX, ENOEXEC for a file that is not an image (search_binary_handler).
   * Returns 0 with the image in {@code out[0]}, or the negated errno (EX-9).
   */
  public long lookup(String path, int uid, String[] argv, ProgramImage[] out) {
    Inode[] found = new Inode[2];
    long r = fs.resolve(path, uid, found, null);
    if (r < 0) {
      return r;
    }
    Inode f = found[0];
    if (f.isDir()) {
      return Errno.EACCES.negated();
    }
    r = FileSystem.permission(f, uid, FileSystem.MAY_EXEC);
    if (r < 0) {
      return r;
    }
    if (f.writers() > 0) {
      return Errno.ETXTBSY.negated(); // do_open_execat: deny_write_access
    }
    if (argvBytes(argv) > ARG_MAX) {
      return Errno.E2BIG.negated();
    }
    if (f.image() == null) {
      return Errno.ENOEXEC.negated();
    }
    out[0] = f.image();
    return 0;
  }

  /**
   * Maps the image into a new address space and points the process at its entry with argv on the
   * stack. The old address space is released by the caller. Returns the number of pages mapped
   * from the image, for the cost model, or {@code -E2BIG} when argv is too large. The process's
   * {@code image()} is then the image as mapped: the installed one at its preferred base, or a
   * relocated copy ({@link ImageBase}).
   */
  public long start(Process p, ProgramImage installed, String[] argv) {
    if (argvBytes(argv) > ARG_MAX) {
      return Errno.E2BIG.negated();
    }
    Sections sec = sections.get(installed.path());
    ProgramImage img = installed.relocate(ImageBase.choose(installed));
    AddressSpace mm = memory.newAddressSpace();
    long pages = 0;
    if (img.length() > 0) { // text: read + execute, filled from the image (DESIGN.md program model)
      String name = privateText ? "text of pid " + p.pid() : "text";
      int prot = img.relocated() ? Vma.PROT_READ | Vma.PROT_WRITE : Vma.PROT_READ | Vma.PROT_EXEC;
      mm.map(img.textBase(), img.textSize(), prot, false, name, sec.text(), 0);
      if (img.relocated()) {
        ImageBase.applyFixups(mm, img);
      }
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

  /** The {@code image_load} event's c: 0 at the preferred base, else the base used (A36). */
  public static long relocatedBase(ProgramImage mapped) {
    return mapped.relocated() ? mapped.textBase() : 0;
  }

  /**
   * Text pages the loader wrote fixups into when it relocated {@code mapped} (0 when it did not):
   * each was loaded and copied for the process, charged like an image page mapped (A36).
   */
  public static long fixupPages(ProgramImage mapped) {
    return ImageBase.fixupPages(mapped);
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
