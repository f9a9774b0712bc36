package io.simkernel.kernel.loader;

import io.simkernel.api.program.Layout;
import io.simkernel.api.program.ProgramImage;
import io.simkernel.kernel.mm.AddressSpace;
import io.simkernel.kernel.mm.Vma;

/**
 * Where an image goes in a fresh address space, and the base relocation when that is not its
 * preferred base (createprocess-and-multiprocessing A30, A36, A37).
 *
 * <p>The preferred base is unusable when the image's range [base, base + its size) starts below
 * {@code vm.mmap_min_addr} (the null-guard region, 64 KiB) or reaches the stack area (from
 * {@code Layout.STACK_TOP - Layout.STACK_SIZE} up, which also holds the trampoline page) — in a
 * fresh address space nothing else is mapped yet, so nothing else can take it. The image then
 * goes where Linux places an ET_DYN executable without ASLR, {@code ELF_ET_DYN_BASE}
 * (0x555555554000 on x86-64; fs/binfmt_elf.c load_elf_binary), or at the default 0x400000 when it
 * does not fit there. Every simulator image carries its relocations (PE {@code DYNAMIC_BASE}, not
 * {@code RELOCS_STRIPPED}), so placing it elsewhere never fails.
 */
final class ImageBase {
  private ImageBase() {}

  /** vm.mmap_min_addr: nothing is mapped below it (the null-pointer guard). */
  static final long MMAP_MIN_ADDR = 0x10000L;
  /** Linux x86-64's ELF_ET_DYN_BASE as a PIE sees it without ASLR. */
  static final long ET_DYN_BASE = 0x555555554000L;
  private static final long STACK_BOTTOM = Layout.STACK_TOP - Layout.STACK_SIZE;

  /** The base the loader maps {@code img} at: its preferred base when usable (A36). */
  static long choose(ProgramImage img) {
    long base = img.preferredBase();
    if (fits(base, img)) {
      return base;
    }
    return fits(ET_DYN_BASE, img) ? ET_DYN_BASE : Layout.TEXT_BASE;
  }

  private static boolean fits(long base, ProgramImage img) {
    long size = img.end() - img.textBase();
    return base >= MMAP_MIN_ADDR && base <= STACK_BOTTOM && size <= STACK_BOTTOM - base;
  }

  /**
   * Applies a relocated image's fixups as Windows does (A36): the text is mapped writable, every
   * page holding a fixup is written — which gives this process a private copy of that page, the
   * copy-on-write of a PAGE_EXECUTE_WRITECOPY section (A33, A35) — and then the protection goes
   * back to read+execute. Pages without a fixup stay the image cache's shared frames. (The fixed-up
   * operand values themselves live in the relocated {@link ProgramImage}, which the VM executes;
   * the word written is the instruction's own encoding.) Returns the pages written.
   */
  static long applyFixups(AddressSpace mm, ProgramImage img) {
    long pages = 0;
    long lastPage = -1;
    for (int i = 0; i < img.relocationCount(); i++) {
      long addr = img.codeAddress(img.relocationPc(i));
      long page = addr & -Layout.PAGE_SIZE;
      if (page != lastPage) {
        mm.kernelStore(addr, mm.kernelLoad(addr));
        lastPage = page;
        pages++;
      }
    }
    mm.mprotect(img.textBase(), Layout.pageAlign(img.textSize()),
        Vma.PROT_READ | Vma.PROT_EXEC);
    mm.takeKernelFaults(); // the loader's own faults, not the new program's (charged per page)
    return pages;
  }

  /** Pages of {@code img}'s text holding at least one fixup (0 when not relocated). */
  static long fixupPages(ProgramImage img) {
    if (!img.relocated()) {
      return 0;
    }
    long pages = 0;
    long lastPage = -1;
    for (int i = 0; i < img.relocationCount(); i++) {
      long page = img.codeAddress(img.relocationPc(i)) & -Layout.PAGE_SIZE;
      if (page != lastPage) {
        lastPage = page;
        pages++;
      }
    }
    return pages;
  }
}
