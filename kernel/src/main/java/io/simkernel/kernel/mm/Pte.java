package io.simkernel.kernel.mm;

/**
 * The layout of a page-table entry, as x86-64's where x86-64 has the bit: present (0), writable
 * (1), user (2), accessed (5), dirty (6); the simulator's own in the bits x86-64 leaves to the
 * operating system: the copy-on-write mark (9) and the kind of page mapped (10-11); the frame
 * number from bit 12. An entry is a plain {@code long}, so a table is a {@code long[512]}.
 */
final class Pte {
  private Pte() {}

  static final long PRESENT = 1L;
  static final long WRITABLE = 1L << 1;
  /** Accessible from user mode; cleared by {@code mprotect(PROT_NONE)} (Linux's PROT_NONE pte). */
  static final long USER = 1L << 2;
  static final long ACCESSED = 1L << 5;
  static final long DIRTY = 1L << 6;
  /**
   * Copy-on-write: a private page that may be shared with another table or the page cache, so a
   * write must go through the write-protect fault (Linux: not {@code PageAnonExclusive}).
   */
  static final long COW = 1L << 9;
  private static final int KIND_SHIFT = 10;
  private static final long KIND_MASK = 3L << KIND_SHIFT;
  private static final int FRAME_SHIFT = 12;

  /** Kinds of page an entry maps. */
  static final int ANON = 0;
  /** A page-cache page of a file or image, mapped privately (read-only until copied). */
  static final int FILE = 1;
  /** A page of a shared anonymous object (MAP_SHARED|MAP_ANONYMOUS: shmem). */
  static final int SHMEM = 2;
  /** The shared zero page (a read of untouched private anonymous memory). */
  static final int ZERO = 3;

  static long make(int frame, int kind, long flags) {
    return ((long) frame << FRAME_SHIFT) | ((long) kind << KIND_SHIFT) | flags | PRESENT;
  }

  static boolean present(long e) {
    return (e & PRESENT) != 0;
  }

  static int frame(long e) {
    return (int) (e >>> FRAME_SHIFT);
  }

  static int kind(long e) {
    return (int) ((e & KIND_MASK) >>> KIND_SHIFT);
  }

  static long withFrame(long e, int frame, int kind) {
    return (e & ((1L << KIND_SHIFT) - 1)) | ((long) kind << KIND_SHIFT)
        | ((long) frame << FRAME_SHIFT);
  }

  /**
   * The entry once its frame is mapped by a second table (fork, a table copy): an anonymous
   * page loses write access and becomes copy-on-write; other kinds are unchanged (MM-2, MM-5;
   * mirrors copy_present_pte's wrprotect of a private writable page).
   */
  static long copyOnWrite(long e) {
    return kind(e) == ANON ? (e & ~WRITABLE) | COW : e;
  }

  /** Whether a user-mode read is allowed by the entry alone. */
  static boolean readable(long e) {
    return (e & (PRESENT | USER)) == (PRESENT | USER);
  }

  /** Whether a user-mode write is allowed by the entry alone. */
  static boolean writable(long e) {
    return (e & (PRESENT | USER | WRITABLE)) == (PRESENT | USER | WRITABLE);
  }
}
