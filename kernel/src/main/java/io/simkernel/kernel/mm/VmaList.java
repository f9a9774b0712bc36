package io.simkernel.kernel.mm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An address space's mappings, sorted by address and never overlapping (Linux keeps them in a
 * maple tree; a sorted list with binary search gives the same answers). Splitting, removing and
 * merging keep the users count of shared objects right: one per mapping.
 */
final class VmaList {
  private final ArrayList<Vma> list;

  VmaList() {
    list = new ArrayList<>();
  }

  VmaList(VmaList from) {
    list = new ArrayList<>(from.list);
  }

  int size() {
    return list.size();
  }

  Vma get(int i) {
    return list.get(i);
  }

  void set(int i, Vma v) {
    list.set(i, v);
  }

  List<Vma> view() {
    return Collections.unmodifiableList(list);
  }

  void clear() {
    list.clear();
  }

  /** Index of the mapping containing {@code addr}, or -1. */
  int find(long addr) {
    int lo = 0;
    int hi = list.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      Vma v = list.get(mid);
      if (addr < v.start()) {
        hi = mid - 1;
      } else if (addr >= v.end()) {
        lo = mid + 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** Index of the first mapping ending after {@code addr} (size() if none). */
  int firstEndingAfter(long addr) {
    int lo = 0;
    int hi = list.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (list.get(mid).end() <= addr) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Whether any mapping overlaps [start, end). */
  boolean overlaps(long start, long end) {
    int i = firstEndingAfter(start);
    return i < list.size() && list.get(i).start() < end;
  }

  /** Appends a mapping above every other (fork builds the child's list in order). */
  void append(Vma v) {
    list.add(v);
  }

  /** Inserts a mapping that overlaps none. */
  void insert(Vma v) {
    int i = firstEndingAfter(v.start());
    list.add(i, v);
  }

  /**
   * Splits the mapping containing {@code addr} so that a mapping boundary falls at {@code addr}
   * (Linux's {@code split_vma}); a second mapping of a shared object is a second user.
   */
  void splitAt(long addr) {
    int i = find(addr);
    if (i < 0 || list.get(i).start() == addr) {
      return;
    }
    Vma v = list.get(i);
    list.set(i, v.withRange(v.start(), addr));
    list.add(i + 1, v.withRange(addr, v.end()));
    if (v.object() != null && v.object().type == MemoryObject.SHMEM) {
      v.object().users++;
    }
  }

  /** Removes every mapping inside [start, end) (split first), returning them. */
  List<Vma> remove(long start, long end) {
    splitAt(start);
    splitAt(end);
    List<Vma> gone = new ArrayList<>();
    int i = firstEndingAfter(start);
    while (i < list.size() && list.get(i).start() < end) {
      gone.add(list.remove(i));
    }
    return gone;
  }

  /**
   * Merges neighbours that differ in nothing but their range (Linux's {@code vma_merge}: same
   * protection, flags, name and backing, contiguous object pages); the {@link Vma#ANON} flag of
   * one is allowed to be missing, as Linux allows a null {@code anon_vma} to merge.
   */
  void merge(PhysicalMemory mem) {
    for (int i = list.size() - 2; i >= 0; i--) {
      Vma a = list.get(i);
      Vma b = list.get(i + 1);
      if (a.end() == b.start() && a.prot() == b.prot() && a.name().equals(b.name())
          && (a.flags() | Vma.ANON) == (b.flags() | Vma.ANON) && a.object() == b.object()
          && (a.object() == null || a.objectPage(a.end()) == b.pgoff())) {
        list.set(i, new Vma(a.start(), b.end(), a.prot(), a.flags() | b.flags(), a.name(),
            a.object(), a.pgoff()));
        list.remove(i + 1);
        if (a.object() != null) {
          mem.unuse(a.object());
        }
      }
    }
  }

  /**
   * The highest free range of {@code len} bytes ending at or below {@code top} and starting at or
   * above {@code bottom} (Linux's top-down {@code vm_unmapped_area}), or -1.
   */
  long gapBelow(long top, long bottom, long len) {
    long hi = top;
    for (int i = Math.min(firstEndingAfter(top), list.size() - 1); i >= 0; i--) {
      Vma v = list.get(i);
      if (v.start() >= hi) {
        continue;
      }
      if (v.end() < hi) {
        long lo = Math.max(v.end(), bottom);
        if (hi - lo >= len) {
          return hi - len;
        }
      }
      hi = Math.min(hi, v.start());
      if (hi <= bottom) {
        return -1;
      }
    }
    return hi - bottom >= len ? hi - len : -1;
  }

}
