package io.simkernel.kernel.mm;

import java.util.Arrays;

/**
 * What backs a mapping other than private anonymous memory, with its page cache: an image section
 * (a file: filled from its bytes on first use, cached for as long as the machine runs, like the
 * page cache of an installed binary) or a shared anonymous object (MAP_SHARED|MAP_ANONYMOUS: Linux
 * backs it with shmem; zero-filled on first use, freed when the last mapping goes). The object
 * holds one reference on every frame it caches.
 */
public final class MemoryObject {
  static final int FILE = 0;
  static final int SHMEM = 1;

  final int type;
  final String name;
  private final byte[] content;
  private int[] frames;
  /** Mappings (VMAs, in every address space) of a shmem object; files are never freed. */
  int users;
  /** Epoch mark for the invariant walk. */
  int mark;

  MemoryObject(int type, String name, byte[] content, long pages) {
    this.type = type;
    this.name = name;
    this.content = content;
    this.frames = new int[(int) Math.min(Math.max(pages, 1), 1 << 20)];
  }

  /** Pages of the file's content; past them a private file mapping is anonymous (bss). */
  long contentPages() {
    return content == null ? Long.MAX_VALUE : (content.length + 4095L) >>> 12;
  }

  /** Whether this file's bytes are {@code b}'s (images hand out copies: compared by value). */
  boolean isContent(String n, byte[] b) {
    return name.equals(n) && Arrays.equals(content, b);
  }

  /** The cached frame of a page, or 0. */
  int cached(long page) {
    return page < frames.length ? frames[(int) page] : 0;
  }

  /**
   * The frame caching a page, filled on a miss (from the file, or zeros); -1 when no frame can be
   * allocated. {@code filled[0]} tells whether this call allocated it.
   */
  int frame(PhysicalMemory mem, long page, boolean atomic, boolean[] filled) {
    int f = cached(page);
    filled[0] = false;
    if (f != 0) {
      return f;
    }
    f = mem.alloc(atomic);
    if (f < 0) {
      return -1;
    }
    if (content != null) {
      mem.fill(f, content, page << 12);
    }
    if (page >= frames.length) {
      frames = Arrays.copyOf(frames, (int) Math.max(page + 1, frames.length * 2L));
    }
    frames[(int) page] = f;
    filled[0] = true;
    return f;
  }

  /** Drops every cached frame (the last mapping of a shmem object went). */
  void release(PhysicalMemory mem) {
    for (int i = 0; i < frames.length; i++) {
      if (frames[i] != 0) {
        mem.put(frames[i]);
        frames[i] = 0;
      }
    }
  }

  /** Calls {@code v} with every cached frame (for the invariant walk). */
  void forEachFrame(java.util.function.IntConsumer v) {
    for (int f : frames) {
      if (f != 0) {
        v.accept(f);
      }
    }
  }
}
