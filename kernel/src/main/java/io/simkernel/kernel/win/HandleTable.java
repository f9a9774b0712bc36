package io.simkernel.kernel.win;

import java.util.Arrays;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

/**
 * One process's handle table (ReactOS {@code HANDLE_TABLE}, ntoskrnl/ex/handle.c). Handle values
 * are multiples of 4 starting at 4, as NT hands them out (the low two bits are tag bits, value 0
 * is never a handle); a freed entry goes on the head of the free list and is reused first
 * ({@code ExpFreeHandleTableEntry} pushes on {@code FirstFree}); fresh entries come after the
 * highest one used. Each entry has its inherit attribute (A13) and the protect-from-close flag.
 * The table holds no counts itself: {@link WinObjects} counts handles on the objects.
 */
public final class HandleTable {
  /** {@code HANDLE_FLAG_INHERIT}. */
  public static final long FLAG_INHERIT = 0x1;
  /** {@code HANDLE_FLAG_PROTECT_FROM_CLOSE}. */
  public static final long FLAG_PROTECT_FROM_CLOSE = 0x2;

  private WinObject[] objects = new WinObject[8];
  private byte[] flags = new byte[8];
  private final IntArrayList free = new IntArrayList();
  private int next = 1;
  private int count;

  /** Inserts an entry and returns its handle value. */
  int insert(WinObject o, long entryFlags) {
    int slot = free.isEmpty() ? next++ : free.removeAtIndex(free.size() - 1);
    put(slot, o, entryFlags);
    return slot << 2;
  }

  private void put(int slot, WinObject o, long entryFlags) {
    if (slot >= objects.length) {
      objects = Arrays.copyOf(objects, Math.max(slot + 1, objects.length * 2));
      flags = Arrays.copyOf(flags, objects.length);
    }
    objects[slot] = o;
    flags[slot] = (byte) entryFlags;
    count++;
  }

  private static int slot(long handle) {
    return handle > 0 && (handle & 3) == 0 && handle < (1L << 30) ? (int) (handle >>> 2) : -1;
  }

  /** The object a handle refers to, or null when it is not a handle of this table. */
  public WinObject get(long handle) {
    int s = slot(handle);
    return s > 0 && s < objects.length ? objects[s] : null;
  }

  /** The entry's flags ({@link #FLAG_INHERIT}, {@link #FLAG_PROTECT_FROM_CLOSE}). */
  public long flags(long handle) {
    return get(handle) == null ? 0 : flags[slot(handle)];
  }

  void setFlags(long handle, long f) {
    flags[slot(handle)] = (byte) f;
  }

  /** Removes an entry and returns its object (the caller drops the handle count). */
  WinObject remove(long handle) {
    int s = slot(handle);
    WinObject o = objects[s];
    objects[s] = null;
    flags[s] = 0;
    free.add(s);
    count--;
    return o;
  }

  /**
   * The child's table at creation: with {@code onlyInheritable}, the entries whose inherit
   * attribute is set, at the same values (A14; ReactOS ExDupHandleTable with the inherit-only
   * callback, which puts the other slots on the free list in ascending order); otherwise every
   * entry (fork). The caller counts the new handles on their objects.
   */
  HandleTable duplicate(boolean onlyInheritable) {
    HandleTable c = new HandleTable();
    c.objects = new WinObject[objects.length];
    c.flags = new byte[objects.length];
    c.next = next;
    for (int s = 1; s < next; s++) {
      boolean keep = objects[s] != null && (!onlyInheritable || (flags[s] & FLAG_INHERIT) != 0);
      if (keep) {
        c.put(s, objects[s], flags[s]);
      } else {
        c.free.add(s);
      }
    }
    return c;
  }

  /** Handle values in use, ascending. */
  public int[] handles() {
    int[] out = new int[count];
    int n = 0;
    for (int s = 1; s < next; s++) {
      if (objects[s] != null) {
        out[n++] = s << 2;
      }
    }
    return out;
  }

  public int size() {
    return count;
  }
}
