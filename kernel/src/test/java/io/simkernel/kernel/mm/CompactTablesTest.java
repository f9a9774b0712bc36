package io.simkernel.kernel.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The compact page-table pages (docs/benchmarks.md, "Issue 9, third round"): a {@link Leaf} and a
 * {@link Dir} read and write exactly like a 512-entry array whatever their Java representation
 * (compact below the threshold, direct above it), and NodePool hands them out empty. Checked
 * against a plain array model under seeded random operations that cross the threshold both ways.
 */
class CompactTablesTest {

  private static void assertLeafIs(long[] model, Leaf l) {
    int present = 0;
    int expectNext = -1;
    for (int i = 0; i < 512; i++) {
      assertEquals(model[i], l.get(i), "entry " + i);
      if (model[i] != 0) {
        present++;
        assertEquals(i, expectNext < 0 ? l.first() : l.next(expectNext), "iteration order");
        expectNext = i;
      }
    }
    assertEquals(present, l.size());
    assertEquals(-1, expectNext < 0 ? l.first() : l.next(expectNext));
    // the cursor form used by copy and release visits the same entries, in index order
    int k = 0;
    for (int i = l.first(); i >= 0; i = l.next(i), k++) {
      assertEquals(model[i], l.vals[l.slot(i, k)]);
      assertEquals(k, l.rank(i));
    }
    assertEquals(present, k);
  }

  @Test
  void leafMatchesAnArrayAcrossTheThreshold() {
    SplittableRandom rnd = new SplittableRandom(9);
    for (int round = 0; round < 40; round++) {
      Leaf l = new Leaf();
      long[] model = new long[512];
      int ops = 50 + rnd.nextInt(600);
      int spread = 1 + rnd.nextInt(512); // dense and sparse index patterns
      for (int op = 0; op < ops; op++) {
        int i = rnd.nextInt(spread);
        int what = rnd.nextInt(10);
        if (what < 6) {
          long e = 1 + rnd.nextLong(1L << 40);
          l.set(i, e);
          model[i] = e;
        } else if (what < 9) {
          l.set(i, 0);
          model[i] = 0;
        } else {
          int to = i + rnd.nextInt(513 - i);
          l.clearRange(i, to);
          java.util.Arrays.fill(model, i, to, 0);
        }
      }
      assertLeafIs(model, l);
      l.clear();
      assertLeafIs(new long[512], l);
    }
  }

  @Test
  void leafGoesDirectPastTheThresholdAndStaysDirectWhenCleared() {
    Leaf l = new Leaf();
    long[] model = new long[512];
    for (int i = 511; i >= 0; i -= 3) { // descending: every insert shifts the compact array
      l.set(i, i + 1L);
      model[i] = i + 1L;
    }
    assertEquals(512, l.vals.length);
    assertLeafIs(model, l);
    l.clear();
    assertEquals(true, l.direct()); // NodePool keeps it for the next dense fork copy
    assertLeafIs(new long[512], l);
    Leaf d = new Leaf(true);
    d.set(3, 9);
    assertLeafIs(withEntry(3, 9), d);
  }

  private static long[] withEntry(int i, long e) {
    long[] m = new long[512];
    m[i] = e;
    return m;
  }

  @Test
  void bulkMarkingOfADenseCopyMatchesEntryByEntry() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int round = 0; round < 200; round++) {
      Leaf src = new Leaf(true);
      Leaf dst = new Leaf(true);
      long[] model = new long[512];
      int from = rnd.nextInt(512);
      int to = from + rnd.nextInt(513 - from);
      for (int i = 0; i < 512; i++) {
        if (rnd.nextInt(3) == 0) {
          src.set(i, i + 1L);
        } else if (rnd.nextInt(4) == 0 && (i < from || i >= to)) {
          dst.set(i, -i - 1L); // the child's entries of another mapping in the same table
          model[i] = -i - 1L;
        }
      }
      int n = 0;
      for (int i = from; i < to; i++) {
        long e = src.get(i);
        if (e != 0) {
          dst.vals[i] = e;
          model[i] = e;
          n++;
        }
      }
      dst.addedFrom(src, from, to, n);
      assertLeafIs(model, dst);
    }
  }

  @Test
  void dirMatchesAnArrayAcrossTheThreshold() {
    SplittableRandom rnd = new SplittableRandom(10);
    Node[] kids = new Node[512];
    for (int i = 0; i < 512; i++) {
      kids[i] = new Leaf();
    }
    for (int round = 0; round < 40; round++) {
      Dir d = new Dir();
      Node[] model = new Node[512];
      int spread = 1 + rnd.nextInt(512);
      for (int op = 0; op < 400; op++) {
        int i = rnd.nextInt(spread);
        Node n = rnd.nextInt(3) == 0 ? null : kids[rnd.nextInt(512)];
        d.set(i, n);
        model[i] = n;
      }
      int used = 0;
      int prev = -1;
      for (int i = 0; i < 512; i++) {
        assertSame(model[i], d.get(i));
        if (model[i] != null) {
          used++;
          assertEquals(i, prev < 0 ? d.first() : d.next(prev));
          prev = i;
        }
      }
      assertEquals(used, d.size());
      d.clear();
      assertEquals(-1, d.first());
      assertEquals(0, d.size());
      for (int i = 0; i < 512; i++) {
        assertNull(d.get(i));
      }
    }
  }

  @Test
  void poolHandsOutEmptyTables() {
    NodePool pool = new NodePool();
    Leaf l = pool.leaf();
    for (int i = 0; i < 512; i += 2) {
      l.set(i, 7);
    }
    assertEquals(true, l.direct());
    pool.free(l);
    Leaf small = pool.leaf(); // a direct leaf is handed out only for a dense copy
    assertEquals(false, small.direct());
    Leaf again = pool.denseLeaf();
    assertSame(l, again);
    assertLeafIs(new long[512], again);
    small.set(100, 5);
    small.set(7, 6);
    pool.free(small);
    Leaf small2 = pool.leaf();
    assertSame(small, small2);
    assertLeafIs(new long[512], small2);
    Dir d = pool.dir();
    for (int i = 0; i < 100; i++) {
      d.set(i * 5, again);
    }
    pool.free(d);
    Dir d2 = pool.dir();
    assertSame(d, d2);
    assertEquals(-1, d2.first());
    assertNull(d2.get(5));
  }
}
