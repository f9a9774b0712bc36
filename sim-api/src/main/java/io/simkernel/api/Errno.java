package io.simkernel.api;

import com.google.common.collect.ImmutableMap;

/**
 * Linux x86-64 errno values (asm-generic/errno-base.h, errno.h). A system call that fails returns
 * {@code -errno} in {@code r0}, the raw kernel convention (posix-semantics §0).
 */
public enum Errno {
  EPERM(1), ENOENT(2), ESRCH(3), EINTR(4), EIO(5), ENXIO(6), E2BIG(7), ENOEXEC(8), EBADF(9),
  ECHILD(10), EAGAIN(11), ENOMEM(12), EACCES(13), EFAULT(14), ENOTBLK(15), EBUSY(16), EEXIST(17),
  EXDEV(18), ENODEV(19), ENOTDIR(20), EISDIR(21), EINVAL(22), ENFILE(23), EMFILE(24), ENOTTY(25),
  ETXTBSY(26), EFBIG(27), ENOSPC(28), ESPIPE(29), EROFS(30), EMLINK(31), EPIPE(32), EDOM(33),
  ERANGE(34), EDEADLK(35), ENAMETOOLONG(36), ENOLCK(37), ENOSYS(38), ENOTEMPTY(39), ELOOP(40),
  ENOMSG(42), EOVERFLOW(75), ETIMEDOUT(110);

  private final int number;

  Errno(int number) {
    this.number = number;
  }

  /** The positive errno number. */
  public int number() {
    return number;
  }

  /** The value a failing system call leaves in {@code r0}. */
  public long negated() {
    return -number;
  }

  private static final ImmutableMap<Integer, Errno> BY_NUMBER;

  static {
    ImmutableMap.Builder<Integer, Errno> b = ImmutableMap.builder();
    for (Errno e : values()) {
      b.put(e.number, e);
    }
    BY_NUMBER = b.build();
  }

  /** The errno with that number, or null. */
  public static Errno of(long number) {
    if (number <= 0 || number > Integer.MAX_VALUE) {
      return null;
    }
    return BY_NUMBER.get((int) number);
  }

  /** {@code -ECHILD} for -10, the plain number otherwise: how {@code %e} prints a result. */
  public static String describe(long result) {
    if (result < 0) {
      Errno e = of(-result);
      if (e != null) {
        return "-" + e.name();
      }
    }
    return Long.toString(result);
  }
}
