package io.simkernel.kernel.win;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Handle values as NT hands them out, and the inherit-only duplicate of A14. */
class HandleTableTest {
  private static JobObject job(int n) {
    return new JobObject(n);
  }

  @Test
  void valuesAreMultiplesOfFourFromFourAndAFreedSlotIsReusedFirst() {
    HandleTable t = new HandleTable();
    assertEquals(4, t.insert(job(1), 0));
    assertEquals(8, t.insert(job(2), 0));
    assertEquals(12, t.insert(job(3), 0));
    t.remove(4);
    t.remove(12);
    assertEquals(12, t.insert(job(4), 0), "the last freed entry heads the free list");
    assertEquals(4, t.insert(job(5), 0));
    assertEquals(16, t.insert(job(6), 0));
    assertNull(t.get(0));
    assertNull(t.get(6), "not a multiple of 4");
    assertNull(t.get(-1));
  }

  @Test
  void theInheritOnlyDuplicateKeepsValuesAndObjects_A14() {
    HandleTable t = new HandleTable();
    JobObject a = job(1);
    JobObject b = job(2);
    JobObject c = job(3);
    t.insert(a, 0);
    t.insert(b, HandleTable.FLAG_INHERIT);
    t.insert(c, 0);
    HandleTable child = t.duplicate(true);
    assertArrayEquals(new int[] {8}, child.handles());
    assertSame(b, child.get(8));
    assertEquals(12, child.insert(job(4), 0), "the highest freed slot is reused first");
    assertEquals(4, child.insert(job(5), 0));
    HandleTable forked = t.duplicate(false);
    assertArrayEquals(new int[] {4, 8, 12}, forked.handles());
    assertEquals(HandleTable.FLAG_INHERIT, forked.flags(8));
  }
}
