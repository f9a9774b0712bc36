package io.simkernel.traces.strace;

import io.simkernel.api.Signals;
import io.simkernel.traces.strace.StraceEvent.Call;
import java.util.List;

/** Formatting of scenario text: instructions with aligned comments, durations, literals. */
final class Code {
  private Code() {}

  private static final int COMMENT_COLUMN = 40;

  /** {@code "  INSTR   # COMMENT"}, the comment aligned when the instruction is short. */
  static String line(String instruction, String comment) {
    StringBuilder sb = new StringBuilder("  ").append(instruction);
    if (comment != null && !comment.isEmpty()) {
      sb.append(" ".repeat(Math.max(1, COMMENT_COLUMN - sb.length()))).append("# ")
          .append(comment);
    }
    return sb.toString();
  }

  /** A top-level statement with an aligned comment. */
  static String top(String statement, String comment) {
    return statement + " ".repeat(Math.max(1, COMMENT_COLUMN - statement.length())) + "# "
        + comment;
  }

  /** A comment line at instruction indentation. */
  static String comment(String text) {
    return "  # " + text;
  }

  /** A label line with an aligned comment. */
  static String label(String name, String comment) {
    String head = name + ":";
    return comment == null ? head : head + " ".repeat(Math.max(1, COMMENT_COLUMN - head.length()))
        + "# " + comment;
  }

  /** Microseconds as a duration literal: {@code 45us}, {@code 302.447ms}, {@code 1.250001s}. */
  static String duration(long us) {
    if (us < 1000) {
      return us + "us";
    }
    if (us < 1_000_000) {
      return us % 1000 == 0 ? us / 1000 + "ms" : trim(String.format("%d.%03d", us / 1000,
          us % 1000)) + "ms";
    }
    return us % 1_000_000 == 0 ? us / 1_000_000 + "s" : trim(String.format("%d.%06d",
        us / 1_000_000, us % 1_000_000)) + "s";
  }

  private static String trim(String decimal) {
    String s = decimal;
    while (s.endsWith("0")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /** A string literal of the scenario language (escapes {@code \\ \" \n \t \r}, \xHH). */
  static String string(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** A bare word when it is one, else a quoted string (run arguments, program paths). */
  static String word(String s) {
    return s.matches("[A-Za-z0-9_./=,:+@%-]+") ? s : string(s);
  }

  /** A signal set operand: {@code {SIGINT,SIGTERM}}, or a hex mask when it is long. */
  static String sigset(long mask) {
    List<String> names = SignalTracker.names(mask);
    if (names.size() > 6) {
      return "0x" + Long.toHexString(mask);
    }
    return "{" + String.join(",", names) + "}";
  }

  /** A signal operand. */
  static String signal(int sig) {
    return Signals.name(sig);
  }

  /** {@code line 12: wait4(-1, [...], 0, NULL) = 9692} for comments, arguments shortened. */
  static String cite(Call c) {
    String where = c.joined() ? "lines " + c.line() + "-" + c.endLine() : "line " + c.line();
    return where + ": " + brief(c);
  }

  /** {@code wait4(-1, [...], 0, NULL) = 9692}, arguments shortened. */
  static String brief(Call c) {
    StringBuilder sb = new StringBuilder(c.name()).append('(');
    List<String> args = c.argList();
    for (int i = 0; i < args.size(); i++) {
      String a = shorten(args.get(i));
      if (sb.length() + a.length() > 84 && i > 0) {
        sb.append(", ...");
        break;
      }
      sb.append(i == 0 ? "" : ", ").append(a);
    }
    return sb.append(") = ").append(c.result().brief()).toString();
  }

  /** An argument of at most 56 characters: structures and arrays elided, strings cut. */
  private static String shorten(String a) {
    if (a.length() <= 56) {
      return a;
    }
    if (a.startsWith("{")) {
      return "{...}";
    }
    if (a.startsWith("[")) {
      return "[...]";
    }
    String head = a.substring(0, 24);
    int slashes = 0;
    while (slashes < head.length() && head.charAt(head.length() - 1 - slashes) == '\\') {
      slashes++;
    }
    head = head.substring(0, head.length() - slashes % 2); // never end inside an escape
    return a.startsWith("\"") ? head + "\"..." : head + "...";
  }
}
