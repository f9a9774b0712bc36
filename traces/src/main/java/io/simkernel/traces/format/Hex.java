package io.simkernel.traces.format;

/** 64-bit values as exactly 16 lower-case hex digits, both ways, without String.format. */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  public static String of(long v) {
    char[] c = new char[16];
    for (int i = 15; i >= 0; i--) {
      c[i] = DIGITS[(int) (v & 0xF)];
      v >>>= 4;
    }
    return new String(c);
  }

  /** The value of 16 hex digits; throws NumberFormatException for anything else. */
  public static long parse(String s) {
    if (s.length() != 16) {
      throw new NumberFormatException("expected 16 hex digits, got \"" + s + "\"");
    }
    long v = 0;
    for (int i = 0; i < 16; i++) {
      int d = Character.digit(s.charAt(i), 16);
      if (d < 0) {
        throw new NumberFormatException("expected 16 hex digits, got \"" + s + "\"");
      }
      v = (v << 4) | d;
    }
    return v;
  }
}
