package io.simkernel.kernel.asm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario parameters: {@code param name=default} declarations and {@code ${name}} substitution,
 * done as a pre-pass over the text before the lexer sees it.
 *
 * <p>Why a textual pre-pass: a parameter may stand for anything a scenario spells — a kernel
 * option ({@code fork=${fork}}), an operand ({@code mov r2, ${n}}), part of a size
 * ({@code space ${mib}MiB}), a path — and the lexer cuts those differently (bare words versus
 * operand tokens). Substituting the text first lets every existing rule of the language apply
 * to the value unchanged, so a parameter can never mean something the written value would not.
 * The price is positions: a value is rarely as long as {@code ${name}}, so the pre-pass keeps,
 * for each line it changed, the original column of every character of the new line, and the
 * lexer asks it for columns ({@link #column}). Errors therefore point into the file the user
 * wrote, and an error inside a substituted value points at its {@code ${}.
 *
 * <p>Declarations apply to the whole file (a parameter may be used above its {@code param} line,
 * as a program may be run above its definition). Comments are never substituted; string literals
 * are, as a shell substitutes inside double quotes ({@code "$\x7b"} writes a literal
 * {@code ${}). Values are bare words: no blanks, {@code #}, {@code "} or {@code ${}, because a
 * value that could open a comment or a string would change the structure of the line it lands
 * in rather than stand for one value.
 */
final class Parameters {
  /** One {@code name=default} of a {@code param} line, where its name starts. */
  record Declaration(String name, String value, int line, int column) {}

  /** One {@code ${name}} the pre-pass replaced: its place in the file and its value. */
  record Use(String name, String value, int line, int column) {}

  private final String file;
  private final String text;
  private final int bom;
  private final List<Declaration> declarations = new ArrayList<>();
  private final Map<String, Declaration> byName = new LinkedHashMap<>();

  private Parameters(String file, String text) {
    this.file = file;
    this.text = text;
    this.bom = text.startsWith("\uFEFF") ? 1 : 0;
  }

  /** The declarations of a file, in order; malformed {@code param} lines throw. */
  static List<Declaration> declarations(String file, String text) {
    Parameters p = new Parameters(file, text);
    p.scanDeclarations();
    return List.copyOf(p.declarations);
  }

  /**
   * The file with every {@code ${name}} replaced by the parameter's value: {@code overrides}
   * (from {@code -D}) first, else the declared default.
   *
   * @throws ScenarioException for a malformed declaration, an unknown or undefined parameter,
   *     or a value that is not a bare word
   */
  static Expansion expand(String file, String text, Map<String, String> overrides) {
    Parameters p = new Parameters(file, text);
    p.scanDeclarations();
    Map<String, String> values = p.values(overrides);
    return p.substitute(values);
  }

  private Map<String, String> values(Map<String, String> overrides) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Declaration d : declarations) {
      values.put(d.name(), d.value());
    }
    for (Map.Entry<String, String> o : overrides.entrySet()) {
      Declaration d = byName.get(o.getKey());
      if (d == null) {
        throw new ScenarioException(file, 1, 1, "-D " + o.getKey() + "=" + o.getValue()
            + " names no parameter of this file; expected "
            + (byName.isEmpty() ? "a `param " + o.getKey() + "=DEFAULT` line in the file"
            : "one of " + String.join(", ", byName.keySet())
            + Suggestions.hint(o.getKey(), byName.keySet())));
      }
      String problem = badValue(o.getValue());
      if (problem != null) {
        throw new ScenarioException(file, d.line(), d.column(), "-D " + o.getKey() + "="
            + o.getValue() + ": the value " + problem + "; expected a bare word, as in -D "
            + o.getKey() + "=" + d.value());
      }
      values.put(o.getKey(), o.getValue());
    }
    return values;
  }

  /** Why a value cannot be substituted, or null when it can. */
  static String badValue(String v) {
    if (v.isEmpty()) {
      return "is empty";
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Lexer.isBlank(c) || c == '\n') {
        return "contains a blank";
      }
      if (c == '#' || c == '"') {
        return "contains `" + c + "`";
      }
    }
    return v.contains("${") ? "refers to another parameter" : null;
  }

  static boolean isName(String s) {
    if (s.isEmpty() || !Lexer.isIdentStart(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Lexer.isIdentStart(c) && !Lexer.isDigit(c)) {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ declarations

  private void scanDeclarations() {
    int lineNo = 1;
    for (int start = bom; start <= text.length(); lineNo++) {
      int end = lineEnd(start);
      int first = skipBlanks(start, end);
      if (isParamKeyword(first, end)) {
        declarationLine(lineNo, start, first + 5, end);
      }
      start = end + 1;
    }
  }

  private boolean isParamKeyword(int at, int end) {
    return text.startsWith("param", at) && (at + 5 == end || Lexer.isBlank(text.charAt(at + 5))
        || text.charAt(at + 5) == '#');
  }

  /** {@code param NAME=VALUE [NAME=VALUE ...]} from {@code at} (after the keyword). */
  private void declarationLine(int lineNo, int lineStart, int at, int end) {
    int count = 0;
    while (true) {
      int w = skipBlanks(at, end);
      if (w >= end || text.charAt(w) == '#') {
        break;
      }
      int e = w;
      while (e < end && !Lexer.isBlank(text.charAt(e)) && text.charAt(e) != '#') {
        e++;
      }
      declaration(text.substring(w, e), lineNo, w - lineStart + 1);
      count++;
      at = e;
    }
    if (count == 0) {
      throw new ScenarioException(file, lineNo, at - lineStart + 1, "`param` needs a name and a"
          + " default; expected `param NAME=VALUE`, as in param mib=64");
    }
  }

  private void declaration(String word, int lineNo, int col) {
    int eq = word.indexOf('=');
    String name = eq < 0 ? word : word.substring(0, eq);
    if (!isName(name)) {
      throw new ScenarioException(file, lineNo, col, "`" + name + "` is not a parameter name;"
          + " expected letters, digits and _ not starting with a digit, as in param mib=64");
    }
    if (eq < 0 || eq == word.length() - 1) {
      throw new ScenarioException(file, lineNo, col + name.length(), "parameter `" + name
          + "` has no default; expected `param " + name + "=VALUE`, as in param " + name + "=64");
    }
    Declaration previous = byName.get(name);
    if (previous != null) {
      throw new ScenarioException(file, lineNo, col, "parameter `" + name + "` is declared twice"
          + " (first at line " + previous.line() + "); expected each parameter once");
    }
    String value = word.substring(eq + 1);
    String problem = badValue(value);
    if (problem != null) {
      throw new ScenarioException(file, lineNo, col + eq + 1, "the default of parameter `"
          + name + "` " + problem + "; expected a bare word, as in param " + name + "=64");
    }
    Declaration d = new Declaration(name, value, lineNo, col);
    declarations.add(d);
    byName.put(name, d);
  }

  // ------------------------------------------------------------------ substitution

  private Expansion substitute(Map<String, String> values) {
    StringBuilder out = new StringBuilder(text.length() + 64);
    out.append(text, 0, bom);
    List<int[]> columns = new ArrayList<>();
    List<Use> uses = new ArrayList<>();
    columns.add(null); // lines are 1-based
    int lineNo = 1;
    int nextUse = text.indexOf("${");
    for (int start = bom; start <= text.length(); lineNo++) {
      int end = lineEnd(start);
      int first = skipBlanks(start, end);
      if (nextUse >= 0 && nextUse < start) {
        nextUse = text.indexOf("${", start);
      }
      if (isParamKeyword(first, end) || nextUse < 0 || nextUse >= end) {
        out.append(text, start, end); // nothing to substitute: columns stay as they are
        columns.add(null);
      } else {
        columns.add(line(out, values, uses, lineNo, start, end));
      }
      if (end < text.length()) {
        out.append('\n');
      }
      start = end + 1;
    }
    return new Expansion(out.toString(), columns, uses);
  }

  /**
   * Appends one line with its {@code ${name}}s replaced, and returns the original column of each
   * character of the new line, plus one entry for the end of the line.
   */
  private int[] line(StringBuilder out, Map<String, String> values, List<Use> uses, int lineNo,
      int start, int end) {
    IntList map = new IntList();
    boolean inString = false;
    int i = start;
    while (i < end) {
      char c = text.charAt(i);
      int col = i - start + 1;
      if (!inString && c == '#') {
        break; // a comment: copied below as written
      }
      if (c == '$' && i + 1 < end && text.charAt(i + 1) == '{') {
        int close = text.indexOf('}', i + 2);
        String name = close < 0 || close >= end ? null : text.substring(i + 2, close);
        String value = lookup(name, values, lineNo, col);
        uses.add(new Use(name, value, lineNo, col));
        out.append(value);
        for (int k = 0; k < value.length(); k++) {
          map.add(col);
        }
        i = close + 1;
        continue;
      }
      if (c == '"') {
        inString = !inString;
      } else if (c == '\\' && inString && i + 1 < end) {
        out.append(c); // an escape: the next character cannot close the string
        map.add(col);
        i++;
        c = text.charAt(i);
        col++;
      }
      out.append(c);
      map.add(col);
      i++;
    }
    for (; i < end; i++) {
      out.append(text.charAt(i));
      map.add(i - start + 1);
    }
    map.add(end - start + 1);
    return map.toArray();
  }

  private String lookup(String name, Map<String, String> values, int lineNo, int col) {
    if (name == null) {
      throw new ScenarioException(file, lineNo, col, "unterminated `${`; expected `${name}`"
          + " with a `}` on the same line");
    }
    if (!isName(name)) {
      throw new ScenarioException(file, lineNo, col, "`${" + name + "}` does not name a"
          + " parameter; expected `${name}` with letters, digits and _, as in ${mib}");
    }
    String v = values.get(name);
    if (v == null) {
      throw new ScenarioException(file, lineNo, col, "undefined parameter `" + name + "`;"
          + " expected one declared with `param " + name + "=DEFAULT`"
          + (values.isEmpty() ? "" : " or one of " + String.join(", ", values.keySet())
          + Suggestions.hint(name, values.keySet())));
    }
    return v;
  }

  private int lineEnd(int start) {
    int e = text.indexOf('\n', start);
    return e < 0 ? text.length() : e;
  }

  private int skipBlanks(int at, int end) {
    while (at < end && Lexer.isBlank(text.charAt(at))) {
      at++;
    }
    return at;
  }

  /** A growable int array: lines are short, and boxing every column would be wasteful. */
  private static final class IntList {
    private int[] a = new int[64];
    private int n;

    void add(int v) {
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(a, n);
    }
  }

  /**
   * A substituted text and the way back to the file's columns. Lines keep their numbers (values
   * hold no newline); only columns of lines that held a {@code ${name}} move.
   */
  static final class Expansion {
    private final String text;
    private final List<int[]> columns;
    private final List<Use> uses;

    Expansion(String text, List<int[]> columns, List<Use> uses) {
      this.text = text;
      this.columns = columns;
      this.uses = List.copyOf(uses);
    }

    /** The identity: a text without parameters. */
    static Expansion none(String text) {
      return new Expansion(text, List.of(), List.of());
    }

    String text() {
      return text;
    }

    /** The file's column of 1-based column {@code col} of line {@code line} of {@link #text}. */
    int column(int line, int col) {
      int[] map = line < columns.size() ? columns.get(line) : null;
      if (map == null || col < 1) {
        return col;
      }
      if (col <= map.length) {
        return map[col - 1];
      }
      return map[map.length - 1] + (col - map.length); // past the end: beyond the line's end
    }

    /** The substitution that starts at a file position, or null. */
    Use useAt(int line, int col) {
      for (Use u : uses) {
        if (u.line() == line && u.column() == col) {
          return u;
        }
      }
      return null;
    }
  }
}
