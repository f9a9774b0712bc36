package io.simkernel.kernel;

import io.simkernel.api.Constants;
import io.simkernel.api.Errno;
import io.simkernel.kernel.mm.AddressSpace;
import io.simkernel.kernel.mm.MemoryFault;

/**
 * The formatting of {@code print} and {@code eprint} (DESIGN.md): {@code %d} signed decimal,
 * {@code %x} hexadecimal of the 64-bit pattern, {@code %s} the NUL-terminated string at an
 * address, {@code %r} Python's repr of an integer ({@code None} for the constant None), {@code %e}
 * an errno name for a negative result ({@code -ESRCH}), {@code %%} a percent sign. Any other
 * {@code %} sequence is copied as written, and a conversion without an argument prints as written,
 * so a format string never fails at run time.
 */
final class Printf {
  private Printf() {}

  /** Longest string {@code %s} reads. */
  static final int MAX_STRING = 64 * 1024;

  static String format(String fmt, long[] args, int nargs, AddressSpace mm) {
    StringBuilder sb = new StringBuilder(fmt.length() + 16);
    int a = 0;
    for (int i = 0; i < fmt.length(); i++) {
      char ch = fmt.charAt(i);
      if (ch != '%' || i + 1 >= fmt.length()) {
        sb.append(ch);
        continue;
      }
      char conv = fmt.charAt(++i);
      if (conv == '%') {
        sb.append('%');
        continue;
      }
      if ("dxsre".indexOf(conv) < 0 || a >= nargs) {
        sb.append('%').append(conv);
        continue;
      }
      long v = args[a++];
      switch (conv) {
        case 'd' -> sb.append(v);
        case 'x' -> sb.append(Long.toHexString(v));
        case 'r' -> sb.append(v == Constants.NONE ? "None" : Long.toString(v));
        case 'e' -> sb.append(Errno.describe(v));
        default -> sb.append(string(mm, v));
      }
    }
    return sb.toString();
  }

  private static String string(AddressSpace mm, long addr) {
    try {
      return mm.readString(addr, MAX_STRING);
    } catch (MemoryFault f) {
      return "(bad address 0x" + Long.toHexString(addr) + ")";
    }
  }
}
