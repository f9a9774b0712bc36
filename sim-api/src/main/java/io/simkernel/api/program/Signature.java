package io.simkernel.api.program;

import com.google.common.base.Splitter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;

/** A parsed {@link Op#signature()}: the operand tokens, their optionality and repetition. */
public final class Signature {
  /** One operand position. */
  public record Token(String type, boolean optional, boolean repeated, List<String> words) {
    /** What the position accepts, for error messages. */
    public String describe() {
      return switch (type) {
        case "r" -> "a register (r0..r15)";
        case "v" -> "a value (register, integer, size, duration, name or label)";
        case "m" -> "a memory operand like [label], [label+8], [r3], [r3+16] or [r3+r4]";
        case "L" -> "a code label";
        case "L0" -> "a code label or 0";
        case "s" -> "a string literal in double quotes";
        case "a" -> "a string literal or a value";
        case "x" -> "a memory operand or a string literal";
        case "w" -> "one of " + String.join(", ", words);
        default -> throw new IllegalStateException("unknown signature token " + type);
      };
    }

    /** Whether an operand of this kind fits the position. */
    public boolean accepts(Operand o) {
      Operand.Kind k = o.kind();
      boolean value = k == Operand.Kind.REG || k == Operand.Kind.IMM || k == Operand.Kind.SYMBOL;
      boolean memory = k == Operand.Kind.MEM_SYMBOL || k == Operand.Kind.MEM_REG
          || k == Operand.Kind.MEM_REG_REG;
      return switch (type) {
        case "r" -> k == Operand.Kind.REG;
        case "v" -> value;
        case "m" -> memory;
        case "L" -> k == Operand.Kind.CODE;
        case "L0" -> k == Operand.Kind.CODE || (k == Operand.Kind.IMM && ((Operand.Imm) o).value() == 0);
        case "s" -> k == Operand.Kind.STRING;
        case "a" -> value || k == Operand.Kind.STRING;
        case "x" -> memory || k == Operand.Kind.STRING;
        case "w" -> k == Operand.Kind.IMM && ((Operand.Imm) o).value() >= 0
            && ((Operand.Imm) o).value() < words.size();
        default -> false;
      };
    }
  }

  private static final EnumMap<Op, Signature> CACHE = new EnumMap<>(Op.class);

  static {
    for (Op op : Op.values()) {
      CACHE.put(op, parse(op.signature()));
    }
  }

  private final List<Token> tokens;

  private Signature(List<Token> tokens) {
    this.tokens = List.copyOf(tokens);
  }

  public static Signature of(Op op) {
    return CACHE.get(op);
  }

  public List<Token> tokens() {
    return tokens;
  }

  /** Minimum operand count. */
  public int min() {
    int n = 0;
    for (Token t : tokens) {
      if (t.optional || t.repeated) {
        break;
      }
      n++;
    }
    return n;
  }

  /** Maximum operand count, or Integer.MAX_VALUE for a repeated last token. */
  public int max() {
    if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).repeated) {
      return Integer.MAX_VALUE;
    }
    return tokens.size();
  }

  /** The token for operand {@code i} (the repeated token for the tail), or null past the end. */
  public Token tokenAt(int i) {
    if (i < tokens.size()) {
      return tokens.get(i);
    }
    if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).repeated) {
      return tokens.get(tokens.size() - 1);
    }
    return null;
  }

  /** A usage line such as {@code waitpid v, v}. */
  public String usage(Op op) {
    StringBuilder sb = new StringBuilder(op.mnemonic());
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      sb.append(i == 0 ? " " : ", ");
      String name = t.type.equals("w") ? String.join("|", t.words) : t.type;
      sb.append(t.optional ? "[" + name + "]" : name).append(t.repeated ? "..." : "");
    }
    return sb.toString();
  }

  void check(Op op, List<Operand> operands, int line, int column) {
    int n = operands.size();
    if (n < min() || n > max()) {
      String expected = min() == max() ? Integer.toString(min())
          : max() == Integer.MAX_VALUE ? "at least " + min() : min() + " to " + max();
      throw new ProgramException(line, column, "`" + op.mnemonic() + "` takes " + expected
          + " operand" + (max() == 1 ? "" : "s") + " (" + usage(op) + "), found " + n);
    }
    for (int i = 0; i < n; i++) {
      Token t = tokenAt(i);
      Operand o = operands.get(i);
      if (!t.accepts(o)) {
        int l = o.line() != 0 ? o.line() : line;
        int c = o.line() != 0 ? o.column() : column;
        throw new ProgramException(l, c, "operand " + (i + 1) + " of `" + op.mnemonic()
            + "`: expected " + t.describe());
      }
    }
  }

  static Signature parse(String sig) {
    List<Token> tokens = new ArrayList<>();
    boolean optional = false;
    if (sig.isEmpty()) {
      return new Signature(tokens);
    }
    for (String raw : Splitter.on(',').split(sig)) {
      String s = raw;
      if (s.startsWith("?")) {
        optional = true;
        s = s.substring(1);
      }
      boolean repeated = s.endsWith("*");
      if (repeated) {
        s = s.substring(0, s.length() - 1);
      }
      List<String> words = List.of();
      if (s.startsWith("w:")) {
        words = Splitter.on('|').splitToList(s.substring(2));
        s = "w";
      }
      tokens.add(new Token(s, optional, repeated, words));
    }
    return new Signature(tokens);
  }
}
