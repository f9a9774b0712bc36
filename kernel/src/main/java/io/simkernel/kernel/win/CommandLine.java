package io.simkernel.kernel.win;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The Windows command line: a process gets one string, and its C runtime splits it into
 * {@code argv} (Microsoft's documented "Parsing C command-line arguments" rules, which
 * {@code CommandLineToArgvW} shares for argv[0]); CreateProcess also finds the module to run in
 * it when no application name is given (A3).
 *
 * <p>Rules: arguments are separated by spaces or tabs. argv[0], the program name, ends at the
 * first space or tab unless it is quoted, when it ends at the next double quote; backslashes in
 * it are literal. In later arguments a double quote starts or ends a quoted region (whose blanks
 * do not separate), inside a quoted region {@code ""} is one literal quote, 2n backslashes before
 * a quote give n backslashes and the quote acts as above, 2n+1 backslashes before a quote give n
 * backslashes and a literal quote, and backslashes before anything else are literal.
 */
public final class CommandLine {
  private CommandLine() {}

  /** Splits a command line into argv. */
  public static String[] parse(String line) {
    List<String> args = new ArrayList<>();
    int i = 0;
    int n = line.length();
    StringBuilder a = new StringBuilder();
    // argv[0]: no backslash processing (the program name)
    if (i < n && line.charAt(i) == '"') {
      int end = line.indexOf('"', i + 1);
      end = end < 0 ? n : end;
      a.append(line, i + 1, end);
      i = Math.min(n, end + 1);
    }
    while (i < n && !blank(line.charAt(i))) {
      a.append(line.charAt(i++));
    }
    args.add(a.toString());
    while (true) {
      while (i < n && blank(line.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      a.setLength(0);
      i = argument(line, i, a);
      args.add(a.toString());
    }
    return args.toArray(new String[0]);
  }

  /** Parses one argument from {@code i} into {@code a}; returns the index after it. */
  private static int argument(String line, int i, StringBuilder a) {
    int n = line.length();
    boolean quoted = false;
    while (i < n) {
      char c = line.charAt(i);
      if (c == '\\') {
        int k = i;
        while (k < n && line.charAt(k) == '\\') {
          k++;
        }
        int slashes = k - i;
        if (k < n && line.charAt(k) == '"') {
          a.append("\\".repeat(slashes / 2));
          if (slashes % 2 == 1) {
            a.append('"');
            k++;
          }
        } else {
          a.append("\\".repeat(slashes));
        }
        i = k;
      } else if (c == '"') {
        if (quoted && i + 1 < n && line.charAt(i + 1) == '"') {
          a.append('"'); // "" inside a quoted region
          i += 2;
        } else {
          quoted = !quoted;
          i++;
        }
      } else if (!quoted && blank(c)) {
        break;
      } else {
        a.append(c);
        i++;
      }
    }
    return i;
  }

  private static boolean blank(char c) {
    return c == ' ' || c == '\t';
  }

  /**
   * The module candidates CreateProcess tries when no application name is given (A3), in order:
   * a quoted first token is the one candidate; otherwise the text up to each blank in turn, then
   * the whole line ({@code c:\program files\sub dir\program name} is tried as
   * {@code c:\program}, {@code c:\program files\sub}, ...). Each gets {@code .exe} appended when
   * its last path component has no extension.
   */
  public static List<String> moduleCandidates(String line) {
    List<String> out = new ArrayList<>();
    String s = line.stripLeading();
    if (s.startsWith("\"")) {
      int end = s.indexOf('"', 1);
      out.add(withExe(s.substring(1, end < 0 ? s.length() : end)));
      return out;
    }
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || blank(s.charAt(i))) {
        if (i > 0 && !blank(s.charAt(i - 1))) {
          out.add(withExe(s.substring(0, i)));
        }
      }
    }
    return out;
  }

  /** Appends {@code .exe} when the last component has no extension (A3). */
  public static String withExe(String name) {
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    return name.indexOf('.', slash + 1) >= 0 ? name : name + ".exe";
  }

  /**
   * CreateProcess's module (A3): a non-empty application name is used as given (never
   * searched); otherwise each {@link #moduleCandidates} in turn, a bare name looked for in the
   * caller's image directory, then in {@code /} (the current directory: the simulator has no
   * other). {@code check} is the loader's (0 or a negated errno). Returns the path, or null with
   * the last errno in {@code errno[0]}.
   */
  public static String resolve(String app, String cmd, String callerImage,
      ToLongFunction<String> check, long[] errno) {
    if (!app.isEmpty()) {
      errno[0] = check.applyAsLong(app);
      return errno[0] == 0 ? app : null;
    }
    errno[0] = -2; // ENOENT when there is no candidate at all
    String dir = callerImage.substring(0, callerImage.lastIndexOf('/') + 1);
    for (String cand : moduleCandidates(cmd)) {
      boolean bare = cand.indexOf('/') < 0 && cand.indexOf('\\') < 0;
      String[] paths = !bare ? new String[] {cand}
          : dir.equals("/") ? new String[] {"/" + cand} : new String[] {dir + cand, "/" + cand};
      for (String path : paths) {
        errno[0] = check.applyAsLong(path);
        if (errno[0] == 0) {
          return path;
        }
      }
    }
    return null;
  }
}
