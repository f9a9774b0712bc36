package io.simkernel.kernel.proc;

import java.util.Arrays;
import org.eclipse.collections.impl.map.mutable.primitive.IntLongHashMap;

/**
 * A parent's children in list order — Linux's {@code children}/{@code sibling} list: appended at
 * fork (FK-7) and at adoption (RP-3), unlinked at release — plus the index that lets {@code wait}
 * find the first zombie in that order without walking the list (WT-8).
 *
 * <p>Why not a plain int list: a parent of a million children made every {@code wait} copy the
 * list and every reap shift it, so reaping them all was quadratic (issue 9). Here each entry has
 * a <em>stamp</em>, strictly increasing in list order; a removal leaves a hole (pid 0) that later
 * compaction squeezes out without changing any stamp, so a child's position is found by binary
 * search on the stamps (or by a linear scan while the list is small, the common case, which
 * keeps a process record as small as before). Zombie children's stamps sit in a min-heap, checked
 * lazily: an entry whose child has left the list or is no longer a zombie is dropped when it
 * reaches the top. So the first zombie in list order — exactly the child the old front-to-back
 * scan found — costs O(log n) amortized, and append/remove O(1)/O(log n) amortized.
 *
 * <p>Iteration order ({@link #toArray}, {@link #pidAt}) is the list order, identical to the old
 * list's; {@link #toString} prints the same text ({@code [2, 3]}).
 */
public final class ChildList {
  /** Above this many slots a pid-to-stamp map replaces the linear search. */
  private static final int SMALL = 8;

  private int[] pids;
  private long[] stamps;
  private int head;
  private int end;
  private int live;
  private long nextStamp = 1;
  /** pid to stamp; null while the list is small. */
  private IntLongHashMap stampOf;
  /** Min-heap of zombie children's stamps (lazily validated); null until the first zombie. */
  private long[] zombies;
  private int zombieCount;

  ChildList() {}

  public int size() {
    return live;
  }

  public boolean isEmpty() {
    return live == 0;
  }

  /** First slot index to visit; slots run from here up to {@link #endSlot} (exclusive). */
  public int startSlot() {
    return head;
  }

  public int endSlot() {
    return end;
  }

  /** The child PID in a slot, or 0 for a hole left by a removal (skip it). */
  public int pidAt(int slot) {
    return pids[slot];
  }

  public boolean contains(long pid) {
    return pid > 0 && pid <= Integer.MAX_VALUE && slotOf((int) pid) >= 0;
  }

  /** The children in list order (a copy). */
  public int[] toArray() {
    int[] out = new int[live];
    int n = 0;
    for (int i = head; i < end; i++) {
      if (pids[i] != 0) {
        out[n++] = pids[i];
      }
    }
    return out;
  }

  /** Appends at the tail (FK-7, RP-3); {@code zombie} when an adopted child is already one. */
  void add(int pid, boolean zombie) {
    if (pids == null) {
      pids = new int[2];
      stamps = new long[2];
    } else if (end == pids.length) {
      if (live * 2 <= end - head) {
        compact();
      }
      if (end == pids.length) {
        pids = Arrays.copyOf(pids, pids.length * 2);
        stamps = Arrays.copyOf(stamps, stamps.length * 2);
      }
    }
    long stamp = nextStamp++;
    pids[end] = pid;
    stamps[end] = stamp;
    end++;
    live++;
    if (stampOf != null) {
      stampOf.put(pid, stamp);
    } else if (end - head > SMALL) {
      stampOf = new IntLongHashMap(end * 2);
      for (int i = head; i < end; i++) {
        if (pids[i] != 0) {
          stampOf.put(pids[i], stamps[i]);
        }
      }
    }
    if (zombie) {
      pushZombie(stamp);
    }
  }

  /** Unlinks a child (release, reparent); a PID not in the list is ignored. */
  void remove(int pid) {
    int slot = slotOf(pid);
    if (slot < 0) {
      return;
    }
    pids[slot] = 0;
    live--;
    if (stampOf != null) {
      stampOf.remove(pid);
    }
    while (head < end && pids[head] == 0) {
      head++;
    }
    while (end > head && pids[end - 1] == 0) {
      end--;
    }
    if (live == 0) {
      head = 0;
      end = 0;
      zombieCount = 0; // every entry is stale
    } else if (end - head - live > SMALL && live * 2 < end - head) {
      compact();
    }
    if (zombieCount > 2 * live + SMALL) {
      pruneZombies(); // waits by PID leave stale entries behind: keep the heap O(live)
    }
  }

  /** A child of this list became a zombie (called from {@link ProcessTable#advance}). */
  void zombie(int pid) {
    int slot = slotOf(pid);
    if (slot >= 0) {
      pushZombie(stamps[slot]);
    }
  }

  /**
   * The first zombie child in list order, or 0 when there is none: what a front-to-back scan
   * for {@code EXIT_ZOMBIE} would find first (WT-8).
   */
  int firstZombie(ProcessTable table) {
    while (zombieCount > 0) {
      int slot = Arrays.binarySearch(stamps, head, end, zombies[0]);
      if (slot >= 0 && pids[slot] != 0) {
        Process c = table.get(pids[slot]);
        if (c != null && c.state == TaskState.EXIT_ZOMBIE) {
          return pids[slot];
        }
      }
      popZombie(); // stale: released, moved to another parent, or no longer a zombie
    }
    return 0;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    boolean first = true;
    for (int i = head; i < end; i++) {
      if (pids[i] != 0) {
        sb.append(first ? "" : ", ").append(pids[i]);
        first = false;
      }
    }
    return sb.append(']').toString();
  }

  private int slotOf(int pid) {
    if (live == 0) {
      return -1;
    }
    if (stampOf == null) {
      for (int i = head; i < end; i++) {
        if (pids[i] == pid) {
          return i;
        }
      }
      return -1;
    }
    long stamp = stampOf.getIfAbsent(pid, -1);
    return stamp < 0 ? -1 : Arrays.binarySearch(stamps, head, end, stamp);
  }

  /** Squeezes out the holes; stamps keep their values and order, so the heap stays valid. */
  private void compact() {
    int n = 0;
    for (int i = head; i < end; i++) {
      if (pids[i] != 0) {
        pids[n] = pids[i];
        stamps[n] = stamps[i];
        n++;
      }
    }
    Arrays.fill(pids, n, end, 0);
    head = 0;
    end = n;
  }

  /** Keeps the entries whose child is still in the list; a sorted array is a valid min-heap. */
  private void pruneZombies() {
    int n = 0;
    for (int i = 0; i < zombieCount; i++) {
      int slot = Arrays.binarySearch(stamps, head, end, zombies[i]);
      if (slot >= 0 && pids[slot] != 0) {
        zombies[n++] = zombies[i];
      }
    }
    Arrays.sort(zombies, 0, n);
    zombieCount = n;
  }

  private void pushZombie(long stamp) {
    if (zombies == null) {
      zombies = new long[4];
    } else if (zombieCount == zombies.length) {
      zombies = Arrays.copyOf(zombies, zombieCount * 2);
    }
    int i = zombieCount++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (zombies[parent] <= stamp) {
        break;
      }
      zombies[i] = zombies[parent];
      i = parent;
    }
    zombies[i] = stamp;
  }

  private void popZombie() {
    long last = zombies[--zombieCount];
    int n = zombieCount;
    int i = 0;
    while (true) {
      int c = 2 * i + 1;
      if (c >= n) {
        break;
      }
      if (c + 1 < n && zombies[c + 1] < zombies[c]) {
        c++;
      }
      if (zombies[c] >= last) {
        break;
      }
      zombies[i] = zombies[c];
      i = c;
    }
    if (n > 0) {
      zombies[i] = last;
    }
  }
}
