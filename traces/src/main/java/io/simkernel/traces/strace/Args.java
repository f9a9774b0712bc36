package io.simkernel.traces.strace;

import io.simkernel.api.Signals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoding of strace's argument text: top-level splitting, signal names and sets, structures
 * ({@code {k=v, ...}}), strings and string arrays, flag sets and wait statuses. strace prints C
 * expressions, so the only safe way to cut them is to track brackets and quotes; nothing here
 * splits on a fixed column or a bare comma (trace-formats.md A.1).
 */
final class Args {
  private Args() {}

  /** Splits at the commas of depth 0, outside strings and comments; parts are trimmed. */
  static List<String> split(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        i = skipString(text, i);
      } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? text.length() - 1 : end + 1;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i).trim());
        start = i + 1;
      }
    }
    String last = text.substring(start).trim();
    if (!last.isEmpty() || !parts.isEmpty()) {
      parts.add(last);
    }
    return parts;
  }

  /** Index of the closing quote of the string that opens at {@code open} (or the last index). */
  static int skipString(String text, int open) {
    for (int i = open + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return text.length() - 1;
  }

  /** The text without {@code /* ... *}{@code /} comments, trimmed. */
  static String stripComments(String text) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int c = text.indexOf("/*", i);
      if (c < 0) {
        sb.append(text, i, text.length());
        break;
      }
      sb.append(text, i, c);
      int end = text.indexOf("*/", c + 2);
      i = end < 0 ? text.length() : end + 2;
    }
    return sb.toString().trim();
  }

  /**
   * A signal as strace names it: {@code SIGTERM}, {@code TERM} (inside sets), {@code SIGRTMIN} and
   * {@code SIGRT_2} (the kernel's numbering from 32, not glibc's), or a number. -1 if unknown.
   */
  static int signal(String name) {
    String n = name.trim();
    if (n.startsWith("SIG")) {
      n = n.substring(3);
    }
    if (n.equals("RTMIN")) {
      return 32;
    }
    if (n.startsWith("RT_")) {
      long k = parseLong(n.substring(3), -1);
      return k >= 0 && k <= 32 ? (int) (32 + k) : -1;
    }
    if (!n.isEmpty() && Character.isDigit(n.charAt(0))) {
      long k = parseLong(n, -1);
      return Signals.isValid(k) ? (int) k : -1;
    }
    int s = Signals.byName("SIG" + n);
    return s >= 1 && s < 32 ? s : -1;
  }

  /**
   * A signal set: {@code []}, {@code [INT TERM CHLD]}, {@code ~[RTMIN RT_1]} (every signal but
   * those). Returns the mask (bit N-1 for signal N), or null for NULL or an undecodable set.
   */
  static Long sigset(String text) {
    String t = text.trim();
    boolean complement = t.startsWith("~");
    if (complement) {
      t = t.substring(1).trim();
    }
    if (!t.startsWith("[") || !t.endsWith("]")) {
      return null;
    }
    long mask = 0;
    for (String name : t.substring(1, t.length() - 1).trim().split("\\s+")) {
      if (name.isEmpty()) {
        continue;
      }
      int s = signal(name);
      if (s < 0) {
        return null;
      }
      mask |= Signals.bit(s);
    }
    return complement ? ~mask : mask;
  }

  /** {@code {k=v, k=v}} as an ordered map (values trimmed, comments removed); empty if none. */
  static Map<String, String> struct(String text) {
    Map<String, String> m = new LinkedHashMap<>();
    String t = text.trim();
    if (!t.startsWith("{") || !t.endsWith("}")) {
      return m;
    }
    for (String part : split(t.substring(1, t.length() - 1))) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        m.put(part.substring(0, eq).trim(), stripComments(part.substring(eq + 1)));
      }
    }
    return m;
  }

  /** The members of a flag set {@code A|B|C} (a lone {@code 0} gives none). */
  static List<String> flags(String text) {
    List<String> out = new ArrayList<>();
    for (String f : stripComments(text).split("\\|")) {
      String s = f.trim();
      if (!s.isEmpty() && !s.equals("0")) {
        out.add(s);
      }
    }
    return out;
  }

  /** A C string literal as strace prints it (escapes decoded, a trailing {@code ...} dropped). */
  static String string(String text) {
    String t = text.trim();
    if (!t.startsWith("\"")) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '"') {
        return sb.toString();
      }
      if (c != '\\' || i + 1 >= t.length()) {
        sb.append(c);
        continue;
      }
      i = unescape(t, i + 1, sb);
    }
    return sb.toString();
  }

  /** Decodes the escape whose letter is at {@code i}; returns the index of its last character. */
  private static int unescape(String t, int i, StringBuilder sb) {
    char e = t.charAt(i);
    switch (e) {
      case 'n' -> sb.append('\n');
      case 't' -> sb.append('\t');
      case 'r' -> sb.append('\r');
      case 'v' -> sb.append('\u000b');
      case 'f' -> sb.append('\f');
      case 'x' -> {
        int end = Math.min(t.length(), i + 3);
        int j = i + 1;
        while (j < end && Character.digit(t.charAt(j), 16) >= 0) {
          j++;
        }
        sb.append((char) parseLong(t.substring(i + 1, j), 16, 0));
        return j - 1;
      }
      default -> {
        if (e >= '0' && e <= '7') {
          int j = i;
          while (j < Math.min(t.length(), i + 3) && t.charAt(j) >= '0' && t.charAt(j) <= '7') {
            j++;
          }
          sb.append((char) parseLong(t.substring(i, j), 8, 0));
          return j - 1;
        }
        sb.append(e);
      }
    }
    return i;
  }

  /** {@code ["sleep", "0.3"]} as a list; null when strace printed an address or abbreviated it. */
  static List<String> stringArray(String text) {
    String t = stripComments(text);
    if (!t.startsWith("[") || !t.endsWith("]")) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String part : split(t.substring(1, t.length() - 1))) {
      String s = string(part);
      if (s == null) {
        return out.isEmpty() ? null : out; // "..." after the shown elements: keep those
      }
      out.add(s);
    }
    return out;
  }

  /** A decimal or {@code 0x} integer, or {@code fallback}. */
  static long parseLong(String text, long fallback) {
    String t = stripComments(text);
    if (t.startsWith("0x") || t.startsWith("0X")) {
      return parseLong(t.substring(2), 16, fallback);
    }
    return parseLong(t, 10, fallback);
  }

  private static long parseLong(String t, int radix, long fallback) {
    try {
      return Long.parseUnsignedLong(t.startsWith("-") ? t.substring(1) : t, radix)
          * (t.startsWith("-") ? -1 : 1);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /**
   * A wait status as strace decodes it: {@code [{WIFEXITED(s) && WEXITSTATUS(s) == 3}]},
   * {@code [{WIFSIGNALED(s) && WTERMSIG(s) == SIGTERM && WCOREDUMP(s)}]}, stops and continues.
   * Returns "exited N", "killed SIG[ core]", "stopped SIG", "continued", or null (an address or
   * NULL: the status is not in the log).
   */
  static String waitStatus(String text) {
    String t = text.trim();
    if (!t.startsWith("[{")) {
      return null;
    }
    if (t.contains("WIFEXITED")) {
      return "exited " + after(t, "WEXITSTATUS(s) == ");
    }
    if (t.contains("WIFSIGNALED")) {
      return "killed " + after(t, "WTERMSIG(s) == ") + (t.contains("WCOREDUMP") ? " core" : "");
    }
    if (t.contains("WIFSTOPPED")) {
      return "stopped " + after(t, "WSTOPSIG(s) == ");
    }
    return t.contains("WIFCONTINUED") ? "continued" : null;
  }

  /** The word after {@code key} (up to a blank, '&', ']' or '}'). */
  private static String after(String t, String key) {
    int i = t.indexOf(key);
    if (i < 0) {
      return "?";
    }
    int j = i + key.length();
    int k = j;
    while (k < t.length() && " &]}".indexOf(t.charAt(k)) < 0) {
      k++;
    }
    return t.substring(j, k);
  }
}
