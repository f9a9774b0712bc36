package io.simkernel.kernel.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The address space on its own: frames and their counts, the page tables of both fork policies,
 * fault kinds (mm/memory.c), RSS and PSS, the invariant checker. posix-semantics §18, I-9.
 */
class AddressSpaceTest {
  private static final long BASE = 0x10000000L;
  private static final int RW = Vma.PROT_READ | Vma.PROT_WRITE;

  private static AddressSpace anon(PhysicalMemory mem, int pages) {
    AddressSpace as = mem.newAddressSpace();
    as.map(BASE, pages * 4096L, RW, false, "anon", null, 0);
    return as;
  }

  private static void writeAll(Accesses acc, AddressSpace as, int pages) {
    for (int i = 0; i < pages; i++) {
      acc.store(as, BASE + i * 4096L, i + 1);
    }
  }

  @ParameterizedTest
  @EnumSource(ForkPolicy.class)
  void faultKindsFollowDoWpPage_MM2_MM4_MM9(ForkPolicy policy) {
    PhysicalMemory mem = new PhysicalMemory(64L << 20, policy);
    AddressSpace parent = anon(mem, 4);
    Accesses acc = new Accesses();
    writeAll(acc, parent, 4);
    assertEquals(4, acc.kinds[AddressSpace.MINOR_ZERO]);
    assertEquals(4, mem.framesInUse());
    AddressSpace child = parent.fork();
    assertEquals(4, mem.framesInUse(), "fork copies no frame (MM-2)");
    Accesses c = new Accesses();
    for (int i = 0; i < 4; i++) {
      assertEquals(i + 1, c.load(child, BASE + i * 4096L));
    }
    assertEquals(0, c.faults, "reads of present pages after fork never fault (MM-3)");
    c.store(child, BASE, 100);
    assertEquals(1, c.kinds[AddressSpace.COW_COPY], "the frame is shared: copied (MM-4)");
    assertEquals(5, mem.framesInUse());
    assertEquals(1, acc.load(parent, BASE), "the parent's page is untouched (MM-1)");
    child.release();
    Accesses p = new Accesses();
    p.store(parent, BASE, 7);
    p.store(parent, BASE + 4096, 8);
    assertEquals(2, p.kinds[AddressSpace.COW_REUSE], "no one else maps them: reused (MM-9)");
    assertEquals(4, mem.framesInUse());
    assertNull(mem.checkNow());
    parent.release();
    assertEquals(0, mem.framesInUse());
    assertEquals(0, mem.liveSpaces());
  }

  @Test
  void classicForkCopiesOneEntryPerPresentPageAndOndemandSharesTheTables() {
    for (ForkPolicy policy : ForkPolicy.values()) {
      PhysicalMemory mem = new PhysicalMemory(256L << 20, policy);
      AddressSpace as = anon(mem, 4096);
      writeAll(new Accesses(), as, 4096);
      AddressSpace child = as.fork();
      long entries = as.lastForkEntries();
      if (policy == ForkPolicy.CLASSIC) {
        assertEquals(4096, entries, "copy_page_range: one entry per present page");
      } else {
        assertEquals(1, entries, "the whole tree is shared: one reference");
      }
      assertEquals(as.presentPages(), child.presentPages());
      assertEquals(4096, child.usage().rssAnon());
      assertNull(mem.checkNow());
      child.release();
      as.release();
      assertEquals(0, mem.framesInUse());
    }
  }

  @Test
  void ondemandCopiesATableOnTheFirstWriteBelowIt() {
    PhysicalMemory mem = new PhysicalMemory(64L << 20, ForkPolicy.ONDEMAND);
    AddressSpace parent = anon(mem, 1024); // two last-level tables
    writeAll(new Accesses(), parent, 1024);
    AddressSpace child = parent.fork();
    Accesses c = new Accesses();
    c.store(child, BASE, 5);
    assertEquals(1, c.kinds[AddressSpace.COW_COPY]);
    assertTrue(child.lastFaultTableEntries() >= 512, "the last-level table was copied: "
        + child.lastFaultTableEntries());
    c.store(child, BASE + 4096, 6);
    assertEquals(0, child.lastFaultTableEntries(), "the table is the child's own now");
    assertEquals(2, c.kinds[AddressSpace.COW_COPY]);
    assertNull(mem.checkNow());
  }

  @Test
  void pssDividesEachPageByItsSharers() {
    PhysicalMemory mem = new PhysicalMemory(64L << 20, ForkPolicy.CLASSIC);
    AddressSpace a = anon(mem, 4);
    writeAll(new Accesses(), a, 4);
    assertEquals(4 * 4096, a.pssBytes());
    AddressSpace b = a.fork();
    assertEquals(2 * 4096, a.pssBytes(), "four pages shared by two");
    new Accesses().store(b, BASE, 9);
    assertEquals(4096 + 3 * 2048, b.pssBytes());
    assertEquals(4, b.usage().rssAnon());
    assertEquals(4, a.usage().hiwater());
  }

  @Test
  void fileBackedPagesComeFromTheSharedPageCacheAndAreCopiedOnWrite() {
    PhysicalMemory mem = new PhysicalMemory(64L << 20, ForkPolicy.CLASSIC);
    byte[] data = new byte[6000];
    data[0] = 42;
    data[4096] = 43;
    AddressSpace a = mem.newAddressSpace();
    AddressSpace b = mem.newAddressSpace();
    a.map(BASE, 3 * 4096, RW, false, "data", data.clone(), 0);
    b.map(BASE, 3 * 4096, RW, false, "data", data.clone(), 0);
    Accesses acc = new Accesses();
    assertEquals(42, acc.load(a, BASE));
    assertEquals(42, acc.load(b, BASE));
    assertEquals(2, acc.kinds[AddressSpace.MINOR_FILE]);
    assertEquals(1, mem.framesInUse(), "one cached page mapped by both");
    assertEquals(1, a.usage().rssFile());
    acc.store(a, BASE, 1);
    assertEquals(42, acc.load(b, BASE), "a private write copies the page (MM-1)");
    assertEquals(0, acc.load(a, BASE + 8192), "past the file: bss, zero");
    a.release();
    b.release();
    assertEquals(1, mem.cachedFrames());
    assertEquals(1, mem.framesInUse(), "the image cache keeps its page");
    assertNull(mem.checkNow());
  }

  @Test
  void runningOutOfFramesLeavesTheSpaceUnchanged() {
    PhysicalMemory mem = new PhysicalMemory(64 * 4096, ForkPolicy.CLASSIC);
    AddressSpace as = anon(mem, 128);
    int kind = 0;
    int pages = 0;
    while (kind != AddressSpace.OOM) {
      kind = as.fault(BASE + pages * 4096L, true);
      pages++;
    }
    assertEquals(60, pages - 1, "user faults stop short of the kernel's reserve of 4 frames");
    assertEquals(60, as.presentPages());
    assertNull(mem.checkNow());
  }

  @Test
  void theCheckerFindsAFrameWhoseCountIsWrong() {
    PhysicalMemory mem = new PhysicalMemory(64L << 20, ForkPolicy.CLASSIC);
    AddressSpace as = anon(mem, 2);
    writeAll(new Accesses(), as, 2);
    assertNull(mem.checkNow());
    mem.get(1); // a reference no entry accounts for
    String bad = mem.checkNow();
    assertNotNull(bad);
    assertTrue(bad.contains("frame 1 has count 2"), bad);
    mem.put(1);
    ((RadixAddressSpace) as).table.root.present++; // a counter out of step with the entries
    bad = mem.checkNow();
    assertNotNull(bad);
    assertTrue(bad.startsWith("table-counters"), bad);
  }

  @Test
  void accessesOutsideMappingsAndAgainstProtectionsAreSegvCodes() {
    PhysicalMemory mem = new PhysicalMemory(64L << 20, ForkPolicy.CLASSIC);
    AddressSpace as = mem.newAddressSpace();
    as.map(BASE, 4096, Vma.PROT_READ, false, "ro", null, 0);
    Accesses acc = new Accesses();
    assertEquals(0, acc.load(as, BASE));
    Accesses.SegvException e = assertThrows(Accesses.SegvException.class,
        () -> acc.store(as, BASE, 1));
    assertEquals(MemoryFault.SEGV_ACCERR, e.code);
    e = assertThrows(Accesses.SegvException.class, () -> acc.load(as, BASE + 4096));
    assertEquals(MemoryFault.SEGV_MAPERR, e.code);
    e = assertThrows(Accesses.SegvException.class, () -> acc.load(as, 1L << 47));
    assertEquals(MemoryFault.SEGV_MAPERR, e.code, "a non-canonical address");
  }

  @Test
  void mmapPlacesMappingsTopDownAndMergesAnonymousNeighbours() {
    PhysicalMemory mem = new PhysicalMemory(64L << 20, ForkPolicy.CLASSIC);
    AddressSpace as = mem.newAddressSpace();
    long a = as.mmap(4096, RW, 0x22);
    long b = as.mmap(8192, RW, 0x22);
    assertEquals(Mappings.MMAP_BASE - 4096, a);
    assertEquals(a - 8192, b);
    assertEquals(1, as.vmas().size(), "merged as Linux's vma_merge does");
    assertEquals(0, as.munmap(b + 4096, 4096));
    assertEquals(2, as.vmas().size(), "a hole splits it");
  }
}
