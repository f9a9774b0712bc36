package io.simkernel.kernel.asm;

import io.simkernel.kernel.asm.Token.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The hand-written lexer of the scenario language. The language is line-oriented, so newlines are
 * tokens. It has two modes because bare words ({@code run /bin/x --flag a,b}, {@code init=/bin/x})
 * cannot be cut into the tokens that operands need ({@code label-8}, {@code [r3+r4]}): the parser
 * asks for {@link #next()} in operand context and for {@link #word()} where a bare word belongs.
 *
 * <p>Lexical errors do not throw here: a malformed string becomes an {@link Type#ERROR} token and a
 * stray character a {@link Type#BAD_CHAR} token, and the parser reports them only when it reaches
 * them. Lookahead can therefore run past the end of a statement without reporting an error that
 * belongs to a part the parser will re-read in word mode.
 */
final class Lexer {
  private static final String PUNCT = ",:[]{}|+-=";

  private final String file;
  private final String text;
  /** Maps columns of the parameter-substituted text back to the file's (see Parameters). */
  private final Parameters.Expansion columns;
  private int pos;
  private int line = 1;
  private int lineStart;
  private final List<Token> ahead = new ArrayList<>();
  /** End offset of the last token consumed, for {@link #slice}. */
  private int lastEnd;

  Lexer(String file, String text) {
    this(file, Parameters.Expansion.none(text));
  }

  /** A lexer over a parameter-substituted text; positions are those of the original file. */
  Lexer(String file, Parameters.Expansion expansion) {
    this.file = file;
    this.text = expansion.text();
    this.columns = expansion;
    if (text.startsWith("\uFEFF")) { // a byte-order mark is not part of the first line
      pos = 1;
      lineStart = 1;
    }
  }

  String file() {
    return file;
  }

  Token peek() {
    return peek(0);
  }

  /** The token {@code k} places ahead, lexed in operand mode. */
  Token peek(int k) {
    while (ahead.size() <= k) {
      ahead.add(lex(false));
    }
    return ahead.get(k);
  }

  Token next() {
    Token t = peek(0);
    ahead.remove(0);
    lastEnd = t.offset() + t.text().length();
    return t;
  }

  /** The source text from a token to the end of the last token consumed, to quote in messages. */
  String slice(Token from) {
    return lastEnd > from.offset() ? text.substring(from.offset(), lastEnd).strip() : from.text();
  }

  /**
   * The next bare word (or string), lexed in word mode after rewinding over any lookahead. At the
   * end of a statement it returns the NEWLINE or EOF token without consuming it.
   */
  Token word() {
    if (!ahead.isEmpty()) {
      Token t = ahead.get(0);
      pos = t.offset();
      line = t.line();
      lineStart = t.lineStart();
      ahead.clear();
    }
    Token t = lex(true);
    if (t.isEol()) {
      ahead.add(t);
    }
    return t;
  }

  /** An error at a token's position. */
  ScenarioException error(Token at, String message) {
    return error(at.line(), at.column(), message);
  }

  /** An error at a source position. */
  ScenarioException error(int atLine, int atColumn, String message) {
    return new ScenarioException(file, atLine, atColumn, visible(message));
  }

  /** The message on one line: quoted user text may hold control characters (a string's \n). */
  private static String visible(String message) {
    StringBuilder sb = new StringBuilder(message.length());
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> sb.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c)
            : String.valueOf(c));
      }
    }
    return sb.toString();
  }

  /** {@code unexpected X; expected Y}, or the token's own message when it is a lexical error. */
  ScenarioException unexpected(Token at, String expected) {
    if (at.is(Type.ERROR)) {
      return error(at, at.value());
    }
    return error(at, "unexpected " + at.describe() + "; expected " + expected);
  }

  private Token lex(boolean wordMode) {
    skipBlanks();
    int start = pos;
    int col = columns.column(line, pos - lineStart + 1);
    if (pos >= text.length()) {
      return token(Type.EOF, "", start, col);
    }
    char c = text.charAt(pos);
    if (c == '\n') {
      Token t = token(Type.NEWLINE, "\n", start, col);
      pos++;
      line++;
      lineStart = pos;
      return t;
    }
    if (c == '"') {
      return string(start, col);
    }
    if (wordMode) {
      while (pos < text.length() && !isBlank(text.charAt(pos)) && text.charAt(pos) != '\n'
          && text.charAt(pos) != '#') {
        pos++;
      }
      return token(Type.WORD, text.substring(start, pos), start, col);
    }
    if (isIdentStart(c) || isDigit(c)) {
      pos++;
      while (pos < text.length() && isIdentPart(text.charAt(pos))) {
        pos++;
      }
      return token(isDigit(c) ? Type.NUMBER : Type.IDENT, text.substring(start, pos), start, col);
    }
    if (PUNCT.indexOf(c) >= 0) {
      pos++;
      return token(Type.PUNCT, String.valueOf(c), start, col);
    }
    int cp = text.codePointAt(pos);
    pos += Character.charCount(cp);
    return token(Type.BAD_CHAR, showChar(cp), start, col);
  }

  private void skipBlanks() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '#') { // a comment runs to the end of the line; the newline stays a token
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else if (isBlank(c)) {
        pos++;
      } else {
        return;
      }
    }
  }

  /** A string literal; a bad escape is reported at the backslash, after scanning to the end. */
  private Token string(int start, int col) {
    pos++;
    StringBuilder sb = new StringBuilder();
    String error = null;
    int errorCol = 0;
    while (true) {
      if (pos >= text.length() || text.charAt(pos) == '\n') {
        return new Token(Type.ERROR, text.substring(start, pos), error != null ? error
            : "unterminated string; expected a closing `\"` before the end of the line",
            line, error != null ? errorCol : col, start, lineStart);
      }
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        if (error != null) {
          return new Token(Type.ERROR, text.substring(start, pos), error, line, errorCol, start,
              lineStart);
        }
        return new Token(Type.STRING, text.substring(start, pos), sb.toString(), line, col, start,
            lineStart);
      }
      if (c != '\\') {
        sb.append(c);
        pos++;
        continue;
      }
      String problem = escape(sb);
      if (problem != null) {
        if (error == null) {
          error = problem;
          errorCol = columns.column(line, pos - lineStart + 1);
        }
        // skip the backslash and the escaped character, but never the end of the line
        pos += pos + 1 < text.length() && text.charAt(pos + 1) != '\n' ? 2 : 1;
      }
    }
  }

  /**
   * Appends the escape at {@code pos} (a backslash) and moves past it; returns an error message
   * instead, leaving {@code pos} at the backslash, when it is not a valid escape.
   */
  private String escape(StringBuilder sb) {
    char e = pos + 1 < text.length() ? text.charAt(pos + 1) : '\n';
    String simple = switch (e) {
      case 'n' -> "\n";
      case 't' -> "\t";
      case 'r' -> "\r";
      case '0' -> "\0";
      case '\\' -> "\\";
      case '"' -> "\"";
      default -> null;
    };
    if (simple != null) {
      sb.append(simple);
      pos += 2;
      return null;
    }
    if (e == 'x') {
      int end = pos + 2; // at most two characters, never past the line or the string
      while (end < pos + 4 && end < text.length() && text.charAt(end) != '\n'
          && text.charAt(end) != '"') {
        end++;
      }
      String hex = text.substring(pos + 2, end);
      if (hex.length() == 2 && isHex(hex.charAt(0)) && isHex(hex.charAt(1))) {
        int v = Integer.parseInt(hex, 16);
        if (v > 0x7f) {
          // literals are stored as UTF-8: \xff would silently become two bytes
          return "escape `\\x" + hex + "` is outside ASCII; expected \\x00..\\x7f"
              + " (write the character itself: strings are UTF-8)";
        }
        sb.append((char) v);
        pos += 4;
        return null;
      }
      return "bad escape `\\x" + hex + "`; expected two hexadecimal digits, as in \\x1b";
    }
    String shown = e == '\n' ? "\\" : "\\" + showChar(e);
    return "unknown escape `" + shown + "` in a string; expected one of"
        + " \\n \\t \\r \\0 \\\\ \\\" \\xHH";
  }

  private Token token(Type type, String s, int start, int col) {
    return new Token(type, s, s, line, col, start, lineStart);
  }

  private static String showChar(int cp) {
    return cp >= 0x21 && cp < 0x7f || Character.isLetterOrDigit(cp)
        ? new String(Character.toChars(cp)) : String.format("U+%04X", cp);
  }

  static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f';
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  static boolean isIdentPart(char c) {
    return isIdentStart(c) || isDigit(c) || c == '.';
  }
}
