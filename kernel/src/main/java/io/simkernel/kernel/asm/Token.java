package io.simkernel.kernel.asm;

/**
 * One lexical token with its position. {@code value} is the unescaped text of a string, or the
 * complete message of an {@link Type#ERROR} token; for other types it equals {@code text}.
 * {@code offset} and {@code lineStart} let the lexer rewind to the token (see
 * {@link Lexer#word()}).
 */
record Token(Type type, String text, String value, int line, int column, int offset,
    int lineStart) {

  enum Type {
    /** A name: {@code [A-Za-z_][A-Za-z0-9_.]*} (mnemonics such as {@code mp.start} included). */
    IDENT,
    /** Starts with a digit: {@code 42}, {@code 0x1000}, {@code 4KiB}, {@code 1.5ms}. */
    NUMBER,
    /** A double-quoted string; {@code value} holds it unescaped. */
    STRING,
    /** A bare word up to the next blank (paths, {@code run} arguments, {@code kernel} values). */
    WORD,
    /** One of {@code , : [ ] { } | + - =}. */
    PUNCT,
    NEWLINE,
    EOF,
    /** A character that starts no token. */
    BAD_CHAR,
    /** A malformed string; {@code value} is the whole error message. */
    ERROR
  }

  boolean is(Type t) {
    return type == t;
  }

  /** Whether this is the punctuation character {@code p}. */
  boolean isPunct(String p) {
    return type == Type.PUNCT && text.equals(p);
  }

  boolean isIdent(String word) {
    return type == Type.IDENT && text.equals(word);
  }

  /** The end of a statement: a newline or the end of the file. */
  boolean isEol() {
    return type == Type.NEWLINE || type == Type.EOF;
  }

  /** The token as it reads after "unexpected ", for error messages. */
  String describe() {
    return switch (type) {
      case IDENT, NUMBER, WORD, PUNCT -> "`" + text + "`";
      case STRING -> "string " + text;
      case NEWLINE -> "end of line";
      case EOF -> "end of file";
      case BAD_CHAR -> "character `" + text + "`";
      case ERROR -> value;
    };
  }
}
