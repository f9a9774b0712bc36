package io.simkernel.kernel.asm;

import com.google.common.collect.ImmutableMap;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Numeric literals: integers ({@code 42}, {@code 0x1000}, {@code 1_000_000}), sizes in bytes with
 * IEC suffixes ({@code 64KiB}) and durations in nanoseconds ({@code 250ns}, {@code 1.5ms},
 * {@code 2min}). Everything becomes one 64-bit integer, because DESIGN.md makes every size and
 * duration just an integer. Arithmetic is exact (BigDecimal) so that a value out of range or a
 * fraction of a nanosecond is reported instead of being rounded or wrapped silently.
 *
 * <p>Plain decimals with leading zeros ({@code 0755}) are refused: C reads them as octal, and
 * reading them as decimal would quietly give a different number than a C programmer meant.
 * Octal is written with Python's {@code 0o} prefix ({@code 0o644}, for file modes).
 */
final class Literals {
  private Literals() {}

  /** What a literal measures. */
  enum Dim { INTEGER, SIZE, DURATION }

  /** A parsed literal. */
  record Num(long value, Dim dim) {}

  private record Unit(long factor, Dim dim) {}

  private static final ImmutableMap<String, Unit> UNITS = ImmutableMap.<String, Unit>builder()
      .put("B", new Unit(1, Dim.SIZE)).put("KiB", new Unit(1L << 10, Dim.SIZE))
      .put("MiB", new Unit(1L << 20, Dim.SIZE)).put("GiB", new Unit(1L << 30, Dim.SIZE))
      .put("TiB", new Unit(1L << 40, Dim.SIZE))
      .put("ns", new Unit(1, Dim.DURATION)).put("us", new Unit(1_000, Dim.DURATION))
      .put("ms", new Unit(1_000_000, Dim.DURATION)).put("s", new Unit(1_000_000_000, Dim.DURATION))
      .put("m", new Unit(60_000_000_000L, Dim.DURATION))
      .put("min", new Unit(60_000_000_000L, Dim.DURATION))
      .put("h", new Unit(3_600_000_000_000L, Dim.DURATION))
      .buildOrThrow();

  /** Suffixes people write by habit, mapped to the one the language wants. */
  private static final ImmutableMap<String, String> HABITS = ImmutableMap.<String, String>builder()
      .put("K", "KiB").put("k", "KiB").put("KB", "KiB").put("kB", "KiB").put("kb", "KiB")
      .put("Kb", "KiB").put("kiB", "KiB").put("M", "MiB").put("MB", "MiB").put("mb", "MiB")
      .put("G", "GiB").put("GB", "GiB").put("gb", "GiB").put("T", "TiB").put("TB", "TiB")
      .put("b", "B").put("sec", "s").put("secs", "s").put("S", "s").put("msec", "ms")
      .put("MS", "ms").put("usec", "us").put("nsec", "ns").put("NS", "ns").put("mins", "min")
      .put("hr", "h").put("hrs", "h").put("hour", "h").put("hours", "h")
      .buildOrThrow();

  private static final String SUFFIXES =
      "a size suffix (B, KiB, MiB, GiB, TiB) or a duration suffix (ns, us, ms, s, min, h)";
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
  private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);

  /**
   * Parses {@code text} (an optional leading {@code -}, then the literal); {@code negate} negates
   * the result as a separate {@code -} token does. Errors are reported at {@code at}.
   */
  static Num parse(Lexer lx, Token at, String text, boolean negate) {
    String s = text;
    if (s.startsWith("-")) {
      negate = !negate;
      s = s.substring(1);
    }
    String shown = (negate ? "-" : "") + s;
    if (s.isEmpty() || !Lexer.isDigit(s.charAt(0))) {
      throw lx.error(at, "`" + text + "` is not a number; expected an integer such as 42 or 0x1000,"
          + " a size such as 4KiB or a duration such as 3ms");
    }
    BigInteger magnitude;
    Dim dim;
    if (s.startsWith("0x") || s.startsWith("0X")) {
      magnitude = hex(lx, at, s);
      dim = Dim.INTEGER;
    } else if (s.startsWith("0o") || s.startsWith("0O")) {
      magnitude = octal(lx, at, s); // file modes: 0o644 (a bare 0644 is refused below)
      dim = Dim.INTEGER;
    } else {
      int j = 0;
      while (j < s.length() && (Lexer.isDigit(s.charAt(j)) || s.charAt(j) == '_'
          || s.charAt(j) == '.')) {
        j++;
      }
      String mantissa = s.substring(0, j).replace("_", "");
      String suffix = s.substring(j);
      Unit unit = unit(lx, at, shown, mantissa, suffix);
      dim = unit.dim;
      magnitude = scale(lx, at, shown, mantissa, unit);
    }
    return new Num(toLong(lx, at, shown, magnitude, negate), dim);
  }

  private static BigInteger hex(Lexer lx, Token at, String s) {
    String digits = s.substring(2).replace("_", "");
    if (digits.isEmpty() || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw lx.error(at, "`" + s + "` is not a hexadecimal number; expected digits 0-9 and a-f"
          + " after 0x (sizes and durations are written in decimal: 4KiB, 3ms)");
    }
    return new BigInteger(digits, 16);
  }

  private static BigInteger octal(Lexer lx, Token at, String s) {
    String digits = s.substring(2).replace("_", "");
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '7')) {
      throw lx.error(at, "`" + s + "` is not an octal number; expected digits 0-7 after 0o,"
          + " as in 0o644");
    }
    return new BigInteger(digits, 8);
  }

  private static Unit unit(Lexer lx, Token at, String shown, String mantissa, String suffix) {
    if (!mantissa.matches("[0-9]+(\\.[0-9]+)?")) {
      throw lx.error(at, "`" + shown + "` is not a number; expected digits with at most one"
          + " decimal point, as in 42 or 1.5ms");
    }
    if (mantissa.length() > 1 && mantissa.charAt(0) == '0' && mantissa.charAt(1) != '.') {
      throw lx.error(at, "`" + shown + "` has a leading zero, which C reads as octal; expected a"
          + " decimal number without leading zeros, hexadecimal with 0x, or octal with 0o");
    }
    if (suffix.isEmpty()) {
      if (mantissa.contains(".")) {
        throw lx.error(at, "`" + shown + "` is not a whole number; expected an integer, or a"
            + " fraction with a unit such as 1.5ms");
      }
      return new Unit(1, Dim.INTEGER);
    }
    Unit unit = UNITS.get(suffix);
    if (unit == null) {
      String better = HABITS.get(suffix);
      String hint = better != null ? " (did you mean `" + mantissa + better + "`?)"
          : Suggestions.hint(suffix, UNITS.keySet());
      throw lx.error(at, "unknown suffix `" + suffix + "` in `" + shown + "`; expected "
          + SUFFIXES + hint);
    }
    return unit;
  }

  private static BigInteger scale(Lexer lx, Token at, String shown, String mantissa, Unit unit) {
    BigDecimal v = new BigDecimal(mantissa).multiply(BigDecimal.valueOf(unit.factor));
    try {
      return v.toBigIntegerExact();
    } catch (ArithmeticException fraction) {
      String what = unit.dim == Dim.SIZE ? "bytes" : "nanoseconds";
      throw lx.error(at, "`" + shown + "` is not a whole number of " + what + "; expected a value"
          + " that is a whole number of " + what);
    }
  }

  /** Two's complement, as a 64-bit machine would hold it: up to 2^64-1, down to -2^63. */
  private static long toLong(Lexer lx, Token at, String shown, BigInteger v, boolean negate) {
    if (negate ? v.compareTo(TWO_63) > 0 : v.compareTo(TWO_64) >= 0) {
      throw lx.error(at, "`" + shown + "` does not fit in 64 bits; expected a value between"
          + " -2^63 and 2^64-1");
    }
    return negate ? v.negate().longValue() : v.longValue();
  }
}
