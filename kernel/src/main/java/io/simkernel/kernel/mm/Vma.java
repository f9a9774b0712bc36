package io.simkernel.kernel.mm;

/**
 * One mapping: [start, end), page-aligned, with a protection ({@link #PROT_READ}...), flags and
 * what backs it: a {@link MemoryObject} at page offset {@code pgoff} (an image section or a
 * shared anonymous object), or nothing (private anonymous memory, zero-filled). Immutable: a
 * change (a split, a new protection, the first anonymous page) replaces the record.
 *
 * @param flags {@link #SHARED}, {@link #ANON} (the mapping has anonymous pages: Linux's {@code
 *     anon_vma}, which is what makes fork copy its entries), {@link #DONTFORK}, {@link
 *     #WIPEONFORK}
 */
public record Vma(long start, long end, int prot, int flags, String name, MemoryObject object,
    long pgoff) {

  public static final int PROT_READ = 1;
  public static final int PROT_WRITE = 2;
  public static final int PROT_EXEC = 4;

  /** MAP_SHARED: writes are seen by every process mapping the object; never copied at fork. */
  public static final int SHARED = 1;
  /** The mapping holds anonymous pages (Linux: {@code vma->anon_vma != NULL}). */
  public static final int ANON = 2;
  /** MADV_DONTFORK: absent in a fork child. */
  public static final int DONTFORK = 4;
  /** MADV_WIPEONFORK: a fork child reads zeros here. */
  public static final int WIPEONFORK = 8;

  public boolean contains(long addr) {
    return addr >= start && addr < end;
  }

  public long pages() {
    return (end - start) >>> 12;
  }

  public boolean shared() {
    return (flags & SHARED) != 0;
  }

  public boolean has(int flag) {
    return (flags & flag) != 0;
  }

  /** Whether a read is allowed: on x86-64 any of read, write or execute permits it. */
  public boolean readable() {
    return (prot & (PROT_READ | PROT_WRITE | PROT_EXEC)) != 0;
  }

  public boolean writable() {
    return (prot & PROT_WRITE) != 0;
  }

  /** Private and possibly writable: a copy-on-write mapping (Linux's {@code is_cow_mapping}). */
  public boolean cow() {
    return !shared();
  }

  /** The object's page number of an address in this mapping. */
  long objectPage(long addr) {
    return pgoff + ((addr - start) >>> 12);
  }

  Vma withRange(long s, long e) {
    return new Vma(s, e, prot, flags, name, object, pgoff + ((s - start) >>> 12));
  }

  Vma withProt(int p) {
    return new Vma(start, end, p, flags, name, object, pgoff);
  }

  Vma withFlags(int f) {
    return new Vma(start, end, prot, f, name, object, pgoff);
  }

  @Override
  public String toString() {
    return String.format("%x-%x %s%s%s%s %s", start, end, (prot & PROT_READ) != 0 ? "r" : "-",
        (prot & PROT_WRITE) != 0 ? "w" : "-", (prot & PROT_EXEC) != 0 ? "x" : "-",
        shared() ? "s" : "p", name);
  }
}
