package io.simkernel.kernel.mm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

/**
 * The machine's physical memory: {@code memory / 4 KiB} frames with reference counts, a frame
 * allocator, the zero page, the page caches of images and shared objects, the fork policy, and
 * the counters the run report shows. One per simulated machine; every {@link AddressSpace} of
 * that machine is made by {@link #newAddressSpace()}.
 *
 * <p>A frame's reference count is the number of page-table entries mapping it — one per entry in
 * a table, however many address spaces share the table — plus one when a page cache holds it
 * (Linux's {@code page_count}). Frame 0 is the zero page: mapped read-only for reads of untouched
 * private anonymous memory, never counted, never freed, never written. A frame's contents are
 * held as 512 words, allocated on the first write of a non-zero word (a frame that was never
 * written reads as zeros), so simulated memory costs the JVM only what programs really store.
 *
 * <p>Allocation is deterministic: the most recently freed frame is reused first, else the next
 * never-used one. User faults leave a small reserve free for the kernel's own allocations
 * (Linux's min watermark), so an exec or a signal frame can still get a page while the OOM
 * killer is at work.
 */
public final class PhysicalMemory {
  /** The frame number of the shared zero page. */
  public static final int ZERO_FRAME = 0;

  private final long totalFrames;
  private final long reserve;
  private final ForkPolicy policy;
  private int[] refs = new int[256];
  private long[][] data = new long[256][];
  private final IntArrayList free = new IntArrayList();
  private int next = 1;
  private long inUse;
  private long peak;
  private final long[] zeros = new long[512];
  /** Freed page-table pages, reused by every address space of this machine. */
  private final NodePool nodePool = new NodePool();
  private final List<MemoryObject> objects = new ArrayList<>();
  private final List<RadixAddressSpace> spaces = new ArrayList<>();
  private int epoch;
  private Runnable oomHandler;
  /** Bumped by every change of an entry, a frame count or the set of spaces. */
  long changes;
  private long checkedAt = -1;
  private int deferred;
  // counters for the run report
  long zeroFills;
  long fileFills;
  long cowCopies;
  long cowReuses;
  long tableCopies;
  long tableEntriesCopied;
  long forks;
  long forkEntries;

  public PhysicalMemory(long bytes, ForkPolicy policy) {
    this.totalFrames = Math.max(1, Math.min(bytes >>> 12, Integer.MAX_VALUE - 1L));
    this.reserve = Math.min(16, totalFrames / 16);
    this.policy = policy;
  }

  /** A new, empty address space of this machine. */
  public AddressSpace newAddressSpace() {
    return new RadixAddressSpace(this);
  }

  public ForkPolicy policy() {
    return policy;
  }

  // ------------------------------------------------------------------ frames

  /** Allocates a frame (count 1), or -1 when none is free; {@code atomic}: may use the reserve. */
  int alloc(boolean atomic) {
    if (inUse >= (atomic ? totalFrames : totalFrames - reserve)) {
      return -1;
    }
    int f;
    if (!free.isEmpty()) {
      f = free.removeAtIndex(free.size() - 1);
    } else {
      f = next++;
      if (f >= refs.length) {
        int n = (int) Math.min((long) refs.length * 2, Integer.MAX_VALUE - 8L);
        refs = Arrays.copyOf(refs, n);
        data = Arrays.copyOf(data, n);
      }
    }
    refs[f] = 1;
    inUse++;
    peak = Math.max(peak, inUse);
    return f;
  }

  /** Takes one more reference on a frame (the zero page is not counted). */
  void get(int f) {
    if (f != ZERO_FRAME) {
      refs[f]++;
    }
  }

  /** Drops a reference; the last one frees the frame. */
  void put(int f) {
    if (f == ZERO_FRAME) {
      return;
    }
    if (--refs[f] == 0) {
      data[f] = null;
      free.add(f);
      inUse--;
    } else if (refs[f] < 0) {
      throw new IllegalStateException("frame " + f + " released more often than referenced");
    }
  }

  /** This machine's free page-table pages. */
  NodePool nodePool() {
    return nodePool;
  }

  /** The count array itself, for fork's copy loop (valid until the next allocation). */
  int[] counts() {
    return refs;
  }

  /**
   * Drops the reference of every present entry of a table (its teardown), in index order,
   * visiting only the present entries; returns how many there were. The entries stay (NodePool
   * empties the table).
   */
  long putEntries(Leaf l) {
    int[] r = refs;
    long[] v = l.vals;
    long n = 0;
    boolean direct = l.direct(); // a dense leaf: a plain scan beats the bit walk
    for (int i = direct ? 0 : l.first(), k = 0; direct ? i < 512 : i >= 0;
        i = direct ? i + 1 : l.next(i), k++) {
      long e = v[direct ? i : k];
      if (e == 0) {
        continue;
      }
      n++;
      int f = Pte.frame(e);
      if (f != ZERO_FRAME && --r[f] <= 0) {
        refs[f] = 1;
        put(f);
      }
    }
    return n;
  }

  int refs(int f) {
    return f == ZERO_FRAME ? 1 : refs[f];
  }

  /** A frame's words for reading (a never-written frame reads as zeros: do not write these). */
  long[] read(int f) {
    long[] d = data[f];
    return d == null ? zeros : d;
  }

  /** A frame's words for writing (allocated on the first write). */
  long[] write(int f) {
    long[] d = data[f];
    if (d == null) {
      if (f == ZERO_FRAME) {
        throw new IllegalStateException("write to the zero page");
      }
      d = new long[512];
      data[f] = d;
    }
    return d;
  }

  /** Copies a frame's contents into another (the copy of copy-on-write). */
  void copy(int from, int to) {
    long[] d = data[from];
    data[to] = d == null ? null : d.clone();
  }

  /** Fills a fresh frame from file bytes at an offset (bytes past the end read as zero). */
  void fill(int f, byte[] src, long offset) {
    long[] d = null;
    for (int i = 0; i < 4096; i++) {
      long s = offset + i;
      if (s >= src.length) {
        break;
      }
      int b = src[(int) s] & 0xFF;
      if (b != 0) {
        if (d == null) {
          d = write(f);
        }
        d[i >>> 3] |= (long) b << ((i & 7) * 8);
      }
    }
  }

  // ------------------------------------------------------------------ objects and spaces

  /**
   * The page-cache object of a file's (an image section's) bytes, made on first use and found
   * again by name and content, so every process running an image shares its cached pages.
   */
  MemoryObject file(String name, byte[] content) {
    for (MemoryObject o : objects) {
      if (o.type == MemoryObject.FILE && o.isContent(name, content)) {
        return o;
      }
    }
    MemoryObject o = new MemoryObject(MemoryObject.FILE, name, content,
        (content.length + 4095L) >>> 12);
    objects.add(o);
    return o;
  }

  /** A new shared object of {@code pages} pages (zeros, or a copy of bytes) with no mapping yet. */
  MemoryObject shmem(String name, long pages, byte[] content) {
    MemoryObject o = new MemoryObject(MemoryObject.SHMEM, name, content, pages);
    objects.add(o);
    return o;
  }

  /** A mapping of an object went; the last mapping of a shmem object frees it. */
  void unuse(MemoryObject o) {
    if (o.type == MemoryObject.SHMEM && --o.users == 0) {
      o.release(this);
      objects.remove(o);
    }
  }

  void register(RadixAddressSpace as) {
    changes++;
    as.slot = spaces.size();
    spaces.add(as);
  }

  void unregister(RadixAddressSpace as) {
    changes++;
    int i = as.slot;
    if (i < 0) {
      return;
    }
    RadixAddressSpace last = spaces.remove(spaces.size() - 1);
    if (last != as) {
      spaces.set(i, last);
      last.slot = i;
    }
    as.slot = -1;
  }

  List<RadixAddressSpace> spaces() {
    return spaces;
  }

  List<MemoryObject> objects() {
    return objects;
  }

  int nextEpoch() {
    return ++epoch;
  }

  int frameLimit() {
    return next;
  }

  boolean isFree(int f) {
    return f != ZERO_FRAME && refs[f] == 0;
  }

  // ------------------------------------------------------------------ report

  /** Frames of the machine ({@code memory / 4 KiB}). */
  public long totalFrames() {
    return totalFrames;
  }

  /** Frames with a non-zero count now. */
  public long framesInUse() {
    return inUse;
  }

  /** The most frames ever in use at once. */
  public long framesPeak() {
    return peak;
  }

  /** Frames held by page caches of images (they stay when every process is gone). */
  public long cachedFrames() {
    long[] n = {0};
    for (MemoryObject o : objects) {
      o.forEachFrame(f -> n[0]++);
    }
    return n[0];
  }

  /** Address spaces alive (made and not yet released). */
  public int liveSpaces() {
    return spaces.size();
  }

  /** A snapshot of the counters, for the run report. */
  public MemoryCounters counters() {
    return new MemoryCounters(policy.name().toLowerCase(java.util.Locale.ROOT), totalFrames,
        inUse, peak, cachedFrames(), zeroFills, fileFills, cowCopies, cowReuses, tableCopies,
        tableEntriesCopied, forks, forkEntries);
  }

  /** Who is told when a kernel-mode allocation found no frame (the OOM killer). */
  public void onOutOfMemory(Runnable handler) {
    oomHandler = handler;
  }

  void outOfMemory() {
    if (oomHandler != null) {
      oomHandler.run();
    }
  }

  /**
   * Checks every frame and table invariant of this machine; null when they hold. Skipped when
   * nothing changed since the last check; on large machines (more than 65,536 mapped entries)
   * only every 64th changed state is walked, to keep checked runs linear.
   */
  public String check() {
    if (changes == checkedAt) {
      return null;
    }
    long entries = 0;
    for (RadixAddressSpace s : spaces) {
      entries += s.table.root.present;
    }
    if (entries > 65536 && ++deferred < 64) {
      return null;
    }
    deferred = 0;
    checkedAt = changes;
    return checkNow();
  }

  /** Checks every invariant now (see {@link #check}). */
  public String checkNow() {
    return new MemoryChecker(this).check();
  }
}
