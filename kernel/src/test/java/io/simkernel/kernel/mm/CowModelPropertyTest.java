package io.simkernel.kernel.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.simkernel.api.Constants;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random write / read / fork / exit / madvise / mprotect sequences on address spaces, against a
 * naive model in which fork copies everything (posix-semantics MM-1, I-10: a private write is
 * never seen by another process; MM-5: a shared one always is; MM-7: DONTFORK ranges are absent
 * in the child, WIPEONFORK ranges read zeros there). Both fork policies must give the model's
 * contents and Linux's fault counts (MM-2..MM-4: reads of pages written before a fork never
 * fault, a process's first write to a page since its last fork faults exactly once, later writes
 * never), and every memory invariant must hold after every step (I-9); at the end, with every
 * space released, no frame is in use but cached file pages.
 */
class CowModelPropertyTest {
  private static final int WORDS = 512;
  private static StringBuilder currentLog;

  /** A mapping of the test's layout. */
  private record Region(String name, long start, int pages, boolean shared, boolean file) {}

  private static final List<Region> LAYOUT = List.of(
      new Region("small", 0x10000000L, 16, false, false),
      new Region("large", 0x20000000L - 8 * 4096, 600, false, false), // crosses a table boundary
      new Region("shared", 0x30000000L, 8, true, false),
      new Region("file", 0x40000000L, 4, false, true));
  private static final byte[] FILE = fileBytes();

  private static byte[] fileBytes() {
    byte[] b = new byte[3 * 4096 + 100]; // the fourth page is partly file, then bss
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (i * 7 + 1);
    }
    return b;
  }

  /** One simulated process: its space and what the naive model says it holds. */
  private static final class Proc {
    final AddressSpace as;
    final long[][] words = new long[LAYOUT.size()][];
    final boolean[] mapped = new boolean[LAYOUT.size()];
    final boolean[] dontfork = new boolean[LAYOUT.size()];
    final boolean[] wipe = new boolean[LAYOUT.size()];
    final boolean[] readOnly = new boolean[LAYOUT.size()];
    /** Pages with data written by this process or before its fork (reads never fault). */
    final BitSet[] present = new BitSet[LAYOUT.size()];
    /** Pages this process wrote since its last fork (writes never fault). */
    final BitSet[] exclusive = new BitSet[LAYOUT.size()];

    Proc(AddressSpace as) {
      this.as = as;
      for (int r = 0; r < LAYOUT.size(); r++) {
        present[r] = new BitSet();
        exclusive[r] = new BitSet();
      }
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    for (ForkPolicy policy : ForkPolicy.values()) {
      for (long seed = 0; seed < 120; seed++) {
        all.add(Arguments.of(policy, seed));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("cases")
  void randomSequencesMatchTheCopyEverythingModel(ForkPolicy policy, long seed) {
    Random rnd = new Random(seed);
    PhysicalMemory mem = new PhysicalMemory(1L << 30, policy);
    List<Proc> procs = new ArrayList<>();
    procs.add(root(mem));
    StringBuilder log = new StringBuilder();
    for (int step = 0; step < 250; step++) {
      Proc p = procs.get(rnd.nextInt(procs.size()));
      int op = rnd.nextInt(100);
      int r = rnd.nextInt(LAYOUT.size());
      String what;
      currentLog = log;
      if (op < 40) {
        what = write(p, r, rnd);
      } else if (op < 70) {
        what = read(p, r, rnd);
      } else if (op < 80 && procs.size() < 6) {
        procs.add(fork(p));
        what = "fork " + procs.indexOf(p) + " -> " + (procs.size() - 1);
      } else if (op < 86 && procs.size() > 1) {
        p.as.release();
        what = "exit " + procs.indexOf(p);
        procs.remove(p);
      } else if (op < 95) {
        what = madvise(p, r, rnd);
      } else {
        what = mprotect(p, r);
      }
      log.append(step).append(": ").append(what).append('\n');
      String bad = mem.checkNow();
      if (bad != null) {
        fail("invariant after step " + step + ": " + bad + "\n" + log);
      }
    }
    for (Proc p : procs) {
      compareAll(p, log);
    }
    for (Proc p : procs) {
      p.as.release();
    }
    assertNull(mem.checkNow());
    assertEquals(0, mem.liveSpaces());
    assertEquals(mem.cachedFrames(), mem.framesInUse(), "only cached file pages are left");
  }

  private static Proc root(PhysicalMemory mem) {
    Proc p = new Proc(mem.newAddressSpace());
    for (int r = 0; r < LAYOUT.size(); r++) {
      Region g = LAYOUT.get(r);
      p.as.map(g.start(), g.pages() * 4096L, Vma.PROT_READ | Vma.PROT_WRITE, g.shared(), g.name(),
          g.file() ? FILE : null, 0);
      p.words[r] = new long[g.pages() * WORDS];
      p.mapped[r] = true;
      if (g.file()) {
        for (int i = 0; i < FILE.length; i++) {
          p.words[r][i >>> 3] |= (long) (FILE[i] & 0xFF) << ((i & 7) * 8);
        }
      }
    }
    return p;
  }

  private static int page(Region g, Random rnd) {
    // a few pages at each end, so that tables are shared, copied and reused again and again
    int k = rnd.nextInt(Math.min(g.pages(), 12));
    return rnd.nextBoolean() ? k : g.pages() - 1 - k;
  }

  private static String write(Proc p, int r, Random rnd) {
    Region g = LAYOUT.get(r);
    int pg = page(g, rnd);
    int w = pg * WORDS + rnd.nextInt(WORDS);
    long v = rnd.nextLong();
    long addr = g.start() + w * 8L;
    Accesses acc = new Accesses();
    String what = "write " + g.name() + "[" + w + "] = " + v;
    try {
      acc.store(p.as, addr, v);
    } catch (Accesses.SegvException e) {
      int want = !p.mapped[r] ? MemoryFault.SEGV_MAPERR : p.readOnly[r] ? MemoryFault.SEGV_ACCERR
          : -1;
      assertEquals(want, e.code, what + ": " + e.getMessage());
      return what + " -> SIGSEGV";
    }
    if (!p.mapped[r] || p.readOnly[r]) {
      fail(what + " succeeded in a mapping that is " + (p.mapped[r] ? "read-only" : "absent"));
    }
    p.words[r][w] = v;
    if (!g.shared()) {
      long want = p.exclusive[r].get(pg) ? 0 : 1;
      assertEquals(want, acc.faults, what + ": faults taken (MM-4)\n" + currentLog);
      p.exclusive[r].set(pg);
    }
    p.present[r].set(pg);
    return what;
  }

  private static String read(Proc p, int r, Random rnd) {
    Region g = LAYOUT.get(r);
    int pg = page(g, rnd);
    int w = pg * WORDS + rnd.nextInt(WORDS);
    Accesses acc = new Accesses();
    String what = "read " + g.name() + "[" + w + "]";
    long v;
    try {
      v = acc.load(p.as, g.start() + w * 8L);
    } catch (Accesses.SegvException e) {
      assertEquals(p.mapped[r] ? -1 : MemoryFault.SEGV_MAPERR, e.code, what);
      return what + " -> SIGSEGV";
    }
    assertEquals(p.words[r][w], v, what + " (I-10, MM-1, MM-5)");
    if (p.present[r].get(pg) && !g.shared()) {
      assertEquals(0, acc.faults, what + ": a page written before never faults on a read (MM-3)");
    }
    return what + " = " + v;
  }

  private static Proc fork(Proc p) {
    Proc c = new Proc(p.as.fork());
    for (int r = 0; r < LAYOUT.size(); r++) {
      Region g = LAYOUT.get(r);
      if (!p.mapped[r] || p.dontfork[r]) {
        continue; // MM-7: absent in the child (and the parent's entries are left alone)
      }
      if (!p.wipe[r]) {
        p.exclusive[r].clear(); // MM-2: write-protected on both sides
      }
      c.mapped[r] = true;
      c.readOnly[r] = p.readOnly[r];
      c.wipe[r] = p.wipe[r]; // FK-3: the WIPEONFORK setting is inherited
      if (g.shared()) {
        c.words[r] = p.words[r]; // MM-5: one object
      } else if (p.wipe[r]) {
        c.words[r] = new long[g.pages() * WORDS]; // FK-4: reads as zero in the child
      } else {
        c.words[r] = p.words[r].clone();
        c.present[r].or(p.present[r]);
      }
    }
    return c;
  }

  private static String madvise(Proc p, int r, Random rnd) {
    Region g = LAYOUT.get(r);
    long[] advice = {Constants.MADV_DONTFORK, Constants.MADV_DOFORK, Constants.MADV_WIPEONFORK,
        Constants.MADV_KEEPONFORK, 4 /* MADV_DONTNEED */};
    long a = advice[rnd.nextInt(advice.length)];
    long res = p.as.madvise(g.start(), g.pages() * 4096L, a);
    String what = "madvise " + g.name() + " " + a + " = " + res;
    if (!p.mapped[r]) {
      assertEquals(-12, res, what + ": ENOMEM for an unmapped range");
      return what;
    }
    if (a == Constants.MADV_WIPEONFORK && (g.shared() || g.file())) {
      assertEquals(-22, res, what + ": EINVAL: WIPEONFORK on a non-anonymous mapping (MM-7)");
      return what;
    }
    assertEquals(0, res, what);
    if (a == Constants.MADV_DONTFORK || a == Constants.MADV_DOFORK) {
      p.dontfork[r] = a == Constants.MADV_DONTFORK;
    } else if (a == Constants.MADV_WIPEONFORK || a == Constants.MADV_KEEPONFORK) {
      p.wipe[r] = a == Constants.MADV_WIPEONFORK;
    } else if (!g.shared()) {
      // MADV_DONTNEED: private pages refault as zeros (anonymous) or from the file
      long[] fresh = new long[g.pages() * WORDS];
      if (g.file()) {
        fresh = root(new PhysicalMemory(1L << 20, ForkPolicy.CLASSIC)).words[r];
      }
      p.words[r] = fresh;
      p.present[r].clear();
      p.exclusive[r].clear();
    }
    return what;
  }

  private static String mprotect(Proc p, int r) {
    Region g = LAYOUT.get(r);
    boolean ro = !p.readOnly[r];
    long res = p.as.mprotect(g.start(), g.pages() * 4096L,
        ro ? Vma.PROT_READ : Vma.PROT_READ | Vma.PROT_WRITE);
    String what = "mprotect " + g.name() + (ro ? " read-only" : " read-write") + " = " + res;
    assertEquals(p.mapped[r] ? 0 : -12, res, what);
    if (p.mapped[r]) {
      p.readOnly[r] = ro; // exclusive pages stay so: they become writable again at once
    }
    return what;
  }

  private static void compareAll(Proc p, StringBuilder log) {
    Accesses acc = new Accesses();
    for (int r = 0; r < LAYOUT.size(); r++) {
      if (!p.mapped[r]) {
        continue;
      }
      Region g = LAYOUT.get(r);
      for (int pg = 0; pg < g.pages(); pg++) {
        if (pg >= 12 && pg < g.pages() - 12) {
          continue;
        }
        for (int w = 0; w < WORDS; w++) {
          int i = pg * WORDS + w;
          long got = acc.load(p.as, g.start() + i * 8L);
          if (got != p.words[r][i]) {
            fail(g.name() + "[" + i + "] = " + got + ", the model says " + p.words[r][i] + "\n"
                + log);
          }
        }
      }
    }
  }
}
