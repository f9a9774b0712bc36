package io.simkernel.kernel.asm;

import io.simkernel.api.scenario.FileEntry;
import io.simkernel.kernel.asm.Token.Type;

/**
 * The {@code file} and {@code dir} lines: a plain file with its contents, or a directory, placed
 * in the simulated file system before boot.
 *
 * <pre>
 * file /etc/motd "hello\n" mode=0o644 uid=1000
 * dir  /secret mode=0o700 uid=1000
 * </pre>
 *
 * Modes are written in octal with the {@code 0o} prefix (a leading zero alone is refused
 * everywhere in the language) or symbolically as {@code ls -l} shows them ({@code rw-r--r--}).
 * Defaults: a file 0o644, a directory 0o755, owner uid 0.
 */
final class FileLine {
  private FileLine() {}

  /** Parses one line after the keyword token {@code kw}; the lexer is left after its end. */
  static FileEntry parse(Lexer lx, Token kw, String path) {
    boolean dir = kw.text().equals("dir");
    String contents = "";
    if (!dir) {
      Token c = lx.word();
      if (c.is(Type.ERROR)) {
        throw lx.error(c, c.value());
      }
      if (!c.is(Type.STRING)) {
        throw lx.error(c, "`file " + path + "` needs its contents as a string; expected"
            + " `file " + path + " \"text\" [mode=0o644] [uid=N]`");
      }
      contents = c.value();
    }
    int mode = dir ? 0755 : 0644;
    int uid = 0;
    while (true) {
      Token a = lx.word();
      if (a.isEol()) {
        break;
      }
      if (a.is(Type.ERROR)) {
        throw lx.error(a, a.value());
      }
      String w = a.is(Type.STRING) ? a.value() : a.text();
      if (w.startsWith("mode=")) {
        mode = mode(lx, a, w.substring(5));
      } else if (w.startsWith("uid=")) {
        uid = uid(lx, a, w.substring(4));
      } else {
        throw lx.error(a, "unexpected `" + w + "` after `" + kw.text() + " " + path
            + "`; expected `mode=0o644` or `uid=N`");
      }
    }
    lx.next();
    return new FileEntry(path, contents, mode, uid, dir);
  }

  /** {@code 0o755} or {@code rwxr-xr-x}. */
  static int mode(Lexer lx, Token at, String v) {
    if (v.startsWith("0o") && v.length() > 2 && v.length() <= 6) {
      int m = 0;
      for (int i = 2; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c < '0' || c > '7') {
          throw badMode(lx, at, v);
        }
        m = m * 8 + (c - '0');
      }
      return m;
    }
    if (v.length() == 9) {
      int m = 0;
      String letters = "rwxrwxrwx";
      for (int i = 0; i < 9; i++) {
        char c = v.charAt(i);
        if (c == letters.charAt(i)) {
          m |= 1 << (8 - i);
        } else if (c != '-') {
          throw badMode(lx, at, v);
        }
      }
      return m;
    }
    throw badMode(lx, at, v);
  }

  private static ScenarioException badMode(Lexer lx, Token at, String v) {
    return lx.error(at, "bad mode `" + v + "`; expected octal with the 0o prefix, such as"
        + " `mode=0o644`, or the `ls -l` letters, such as `mode=rw-r--r--`");
  }

  private static int uid(Lexer lx, Token at, String v) {
    try {
      long u = Long.parseLong(v);
      if (u >= 0 && u <= 0xFFFFFFFEL && (v.equals("0") || !v.startsWith("0"))) {
        return (int) u;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw lx.error(at, "bad uid `" + v + "`; expected a user id from 0 to 4294967294");
  }
}
