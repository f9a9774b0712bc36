package io.simkernel.traces.strace;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tokenises one physical line of {@code strace -f -tt [-T]} output (trace-formats.md A.1):
 * {@code TID<pad> HH:MM:SS.uuuuuu BODY}, the TID also accepted as {@code [pid NNNN]} and the time
 * as {@code -ttt} epoch seconds. The body is classified here; joining the halves of a call split
 * by {@code <unfinished ...>} is {@link StraceReader}'s job, and decoding arguments {@link Args}'.
 */
final class LineParser {
  private LineParser() {}

  /** What a body is. */
  enum Kind { CALL, UNFINISHED, RESUMED, SIGNAL, STOPPED, EXITED, KILLED, SUPERSEDED }

  /**
   * One tokenised line. {@code name}: the call or signal name; {@code text}: for CALL the whole
   * call, for UNFINISHED the call up to {@code <unfinished ...>}, for RESUMED what follows
   * {@code resumed>}, for SIGNAL the siginfo, for EXITED/SUPERSEDED the number, for KILLED
   * "core" or "".
   */
  record Raw(int number, int tid, long timeUs, Kind kind, String name, String text) {}

  static final String UNFINISHED = " <unfinished ...>";
  private static final String EXPECTED_LINE =
      "`PID HH:MM:SS.uuuuuu BODY` as `strace -f -tt` writes it";
  private static final Pattern TT = Pattern.compile("(\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{6})");
  private static final Pattern TTT = Pattern.compile("(\\d{1,12})\\.(\\d{6})");
  private static final Pattern RESUMED = Pattern.compile("<\\.\\.\\. ([A-Za-z0-9_]+) resumed>(.*)");
  private static final Pattern NAME = Pattern.compile("([a-z_][a-z0-9_]*)\\(");
  private static final Pattern SIGNAL = Pattern.compile("--- (SIG[A-Z0-9_+]+) (.*) ---");
  private static final Pattern STOPPED = Pattern.compile("--- stopped by (SIG[A-Z0-9_+]+) ---");
  private static final Pattern EXITED = Pattern.compile("\\+\\+\\+ exited with (\\d+) \\+\\+\\+");
  private static final Pattern KILLED =
      Pattern.compile("\\+\\+\\+ killed by (SIG[A-Z0-9_+]+)( \\(core dumped\\))? \\+\\+\\+");
  private static final Pattern SUPERSEDED =
      Pattern.compile("\\+\\+\\+ superseded by execve in pid (\\d+) \\+\\+\\+");

  /** Tokenises line {@code number}; throws a {@link StraceException} naming what was expected. */
  static Raw parse(String file, int number, String line) {
    int i = 0;
    int tid;
    if (line.startsWith("[pid")) {
      int close = line.indexOf(']');
      tid = close < 0 ? -1 : (int) Args.parseLong(line.substring(4, close).trim(), -1);
      i = close + 1;
    } else {
      while (i < line.length() && Character.isDigit(line.charAt(i))) {
        i++;
      }
      tid = i == 0 || i > 9 ? -1 : Integer.parseInt(line.substring(0, i));
    }
    if (tid <= 0 || i >= line.length() || line.charAt(i) != ' ') {
      throw new StraceException(file, number, "no PID at the start of the line", EXPECTED_LINE
          + " (the PID column appears with -f)");
    }
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    int sp = line.indexOf(' ', i);
    if (sp < 0) {
      throw new StraceException(file, number, "nothing after the PID and the time",
          EXPECTED_LINE);
    }
    long time = time(file, number, line.substring(i, sp));
    String body = line.substring(sp + 1);
    return body(file, number, tid, time, body);
  }

  private static long time(String file, int number, String t) {
    Matcher m = TT.matcher(t);
    if (m.matches()) {
      int h = Integer.parseInt(m.group(1));
      int min = Integer.parseInt(m.group(2));
      int s = Integer.parseInt(m.group(3));
      if (h < 24 && min < 60 && s < 61) {
        return ((h * 60L + min) * 60 + s) * 1_000_000L + Long.parseLong(m.group(4));
      }
    }
    m = TTT.matcher(t);
    if (m.matches()) {
      return Long.parseLong(m.group(1)) * 1_000_000L + Long.parseLong(m.group(2));
    }
    throw new StraceException(file, number, "`" + t + "` is not a timestamp",
        "HH:MM:SS.uuuuuu after the PID (strace -tt)");
  }

  private static Raw body(String file, int number, int tid, long time, String body) {
    Matcher m;
    if (body.startsWith("+++")) {
      if ((m = EXITED.matcher(body)).matches()) {
        return new Raw(number, tid, time, Kind.EXITED, "", m.group(1));
      }
      if ((m = KILLED.matcher(body)).matches()) {
        String core = m.group(2) == null ? "" : "core";
        return new Raw(number, tid, time, Kind.KILLED, m.group(1), core);
      }
      if ((m = SUPERSEDED.matcher(body)).matches()) {
        return new Raw(number, tid, time, Kind.SUPERSEDED, "", m.group(1));
      }
      throw new StraceException(file, number, "unknown `+++` line `" + body + "`",
          "`+++ exited with N +++`, `+++ killed by SIGX [(core dumped)] +++` or "
              + "`+++ superseded by execve in pid N +++`");
    }
    if (body.startsWith("---")) {
      if ((m = STOPPED.matcher(body)).matches()) {
        return new Raw(number, tid, time, Kind.STOPPED, m.group(1), "");
      }
      if ((m = SIGNAL.matcher(body)).matches()) {
        return new Raw(number, tid, time, Kind.SIGNAL, m.group(1), m.group(2));
      }
      throw new StraceException(file, number, "unknown `---` line `" + body + "`",
          "`--- SIGX {si_signo=...} ---` or `--- stopped by SIGX ---`");
    }
    if ((m = RESUMED.matcher(body)).matches()) {
      return new Raw(number, tid, time, Kind.RESUMED, m.group(1), m.group(2));
    }
    m = NAME.matcher(body);
    if (!m.lookingAt()) {
      throw new StraceException(file, number, "unrecognised line body `" + shorten(body) + "`",
          "a system call `name(args) = result`, `<... name resumed>`, `--- SIGX {...} ---` "
              + "or `+++ exited/killed +++`");
    }
    if (body.endsWith(UNFINISHED)) {
      return new Raw(number, tid, time, Kind.UNFINISHED, m.group(1),
          body.substring(0, body.length() - UNFINISHED.length()));
    }
    return new Raw(number, tid, time, Kind.CALL, m.group(1), body);
  }

  /** A call's text cut into its parts, or an error message. */
  record CallText(String name, String args, StraceEvent.Result result, String error) {}

  /**
   * Cuts {@code name(args) = value [ERRNO (text)] [(extra)] [<secs>]}. The arguments end at the
   * parenthesis that closes the first one at depth 0 outside strings and comments (strings may
   * hold parentheses; structures hold {@code ==} and {@code =}).
   */
  static CallText call(String text) {
    int open = text.indexOf('(');
    int close = closing(text, open);
    if (close < 0) {
      return new CallText(null, null, null, "the arguments of `" + text.substring(0, open)
          + "` are not closed");
    }
    String rest = text.substring(close + 1).trim();
    if (!rest.startsWith("=")) {
      return new CallText(null, null, null, "no ` = result` after the arguments");
    }
    String res = rest.substring(1).trim();
    long duration = -1;
    if (res.endsWith(">")) {
      int lt = res.lastIndexOf('<');
      duration = duration(res.substring(lt + 1, res.length() - 1));
      if (lt < 0 || duration < 0) {
        return new CallText(null, null, null, "a malformed -T duration in `" + res + "`");
      }
      res = res.substring(0, lt).trim();
    }
    int sp = res.indexOf(' ');
    String value = sp < 0 ? res : res.substring(0, sp);
    String after = sp < 0 ? "" : res.substring(sp + 1).trim();
    if (value.isEmpty() || !(value.equals("?") || Args.parseLong(value, Long.MIN_VALUE)
        != Long.MIN_VALUE)) {
      return new CallText(null, null, null, "`" + value + "` is not a return value");
    }
    String errno = null;
    String errnoText = null;
    String extra = null;
    if (after.matches("E[A-Z0-9_]+( \\(.*\\))?")) {
      int p = after.indexOf(' ');
      errno = p < 0 ? after : after.substring(0, p);
      errnoText = p < 0 ? "" : after.substring(p + 2, after.length() - 1);
    } else if (after.startsWith("(") && after.endsWith(")")) {
      extra = after;
    } else if (!after.isEmpty()) {
      return new CallText(null, null, null, "unexpected `" + shorten(after)
          + "` after the return value");
    }
    return new CallText(text.substring(0, open), text.substring(open + 1, close),
        new StraceEvent.Result(value, errno, errnoText, extra, duration), null);
  }

  /** Index of the ')' closing the '(' at {@code open}, or -1. */
  private static int closing(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        i = Args.skipString(text, i);
        if (i == text.length() - 1 && text.charAt(i) != '"') {
          return -1;
        }
      } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        if (end < 0) {
          return -1;
        }
        i = end + 1;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
        if (depth == 0) {
          return c == ')' ? i : -1;
        }
      }
    }
    return -1;
  }

  /** {@code 0.000123} seconds as microseconds (rounded), or -1. */
  private static long duration(String secs) {
    if (!secs.matches("\\d+\\.\\d+")) {
      return -1;
    }
    int dot = secs.indexOf('.');
    String frac = (secs.substring(dot + 1) + "000000").substring(0, 6);
    long rounding = secs.length() - dot - 1 > 6 && secs.charAt(dot + 7) >= '5' ? 1 : 0;
    return Long.parseLong(secs.substring(0, dot)) * 1_000_000L + Long.parseLong(frac) + rounding;
  }

  static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
