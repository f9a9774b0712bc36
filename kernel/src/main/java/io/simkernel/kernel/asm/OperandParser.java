package io.simkernel.kernel.asm;

import com.google.common.collect.ImmutableList;
import io.simkernel.api.Constants;
import io.simkernel.api.Errno;
import io.simkernel.api.Signals;
import io.simkernel.api.program.Op;
import io.simkernel.api.program.Operand;
import io.simkernel.api.program.Signature;
import io.simkernel.kernel.asm.Token.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one operand at a time, guided by the signature token of its position: the same bare
 * identifier is a jump target under {@code L}, a word's index under {@code w:}, and a named
 * constant or a label's address under {@code v}. Knowing the position also lets every message say
 * what the position expected. Label references are only recorded here; the program assembler
 * checks them once the whole program is read, because a label may be used before it is defined.
 */
final class OperandParser {
  /** How a label is used: as a value (its address), inside {@code [ ]}, or as a jump target. */
  enum RefKind { VALUE, MEMORY, CODE }

  /** A use of a label, to check once every label of the program is known. */
  record Ref(String name, RefKind kind, Token at) {}

  /** Every name a value may be, for "did you mean" hints. */
  static final ImmutableList<String> CONSTANT_NAMES = constantNames();

  /** Offsets of {@code [r3+N]} are packed above the register byte, so they have 56 bits. */
  private static final long MAX_OFFSET = (1L << 55) - 1;

  private final Lexer lx;
  private final List<Ref> refs = new ArrayList<>();

  OperandParser(Lexer lx) {
    this.lx = lx;
  }

  /** The label uses seen so far, in source order. */
  List<Ref> refs() {
    return refs;
  }

  /** Operand {@code index} of {@code op}, of the kind {@code st} asks for. */
  Operand operand(Op op, int index, Signature.Token st) {
    Token t = lx.peek();
    String where = "operand " + (index + 1) + " of `" + op.mnemonic() + "`";
    if (t.isEol()) {
      throw lx.error(t, "missing " + where + "; expected " + st.describe());
    }
    boolean bare = t.is(Type.IDENT) && !isRegisterName(t.text())
        && (lx.peek(1).isPunct(",") || lx.peek(1).isEol());
    if (bare && (st.type().equals("L") || st.type().equals("L0"))) {
      lx.next();
      refs.add(new Ref(t.text(), RefKind.CODE, t));
      return new Operand.Code(t.text(), t.line(), t.column());
    }
    if (st.type().equals("w")) {
      return word(where, st);
    }
    if (bare && op == Op.METRIC && index == 0) { // `metric fork_ns, r5`: the name as written
      lx.next();
      return new Operand.Str(t.text(), t.line(), t.column());
    }
    Operand o = any(st.describe());
    if (!st.accepts(o)) {
      throw lx.error(t, where + " is " + found(o, t) + "; expected " + st.describe()
          + mismatchHint(op, st, o));
    }
    return millisecondsOperand(op, index) ? milliseconds(t, o) : o;
  }

  /** The Win32 timeouts, in milliseconds: WaitForSingleObject's second operand, Sleep's. */
  private static boolean millisecondsOperand(Op op, int index) {
    return (op == Op.WAIT_FOR_SINGLE_OBJECT && index == 1) || (op == Op.WIN_SLEEP && index == 0);
  }

  /**
   * A duration literal where Win32 takes milliseconds ({@code WaitForSingleObject h, 1.5s}) is
   * converted to whole milliseconds, rounded up so the wait is never shorter than written; a
   * plain number already is milliseconds.
   */
  private Operand milliseconds(Token t, Operand o) {
    if (!(o instanceof Operand.Imm imm) || !t.is(Type.NUMBER)
        || Literals.parse(lx, t, t.text(), false).dim() != Literals.Dim.DURATION) {
      return o;
    }
    long ns = imm.value();
    return new Operand.Imm(ns <= 0 ? ns : (ns + 999_999) / 1_000_000, o.line(), o.column());
  }

  /** A value that must be a constant (data declarations): integer, size, duration, name, set. */
  long constant(String expected) {
    Token t = lx.peek();
    if (t.isEol()) {
      throw lx.error(t, "missing value; expected " + expected);
    }
    Operand o = any(expected);
    if (o instanceof Operand.Imm imm) {
      return imm.value();
    }
    throw lx.error(t, found(o, t) + " is not a constant; expected " + expected);
  }

  /** Any operand: a string, a memory operand, a signal set, or a value (maybe a flag set). */
  private Operand any(String expected) {
    Token t = lx.peek();
    if (t.is(Type.STRING)) {
      lx.next();
      return new Operand.Str(t.value(), t.line(), t.column());
    }
    if (t.isPunct("[")) {
      return memory();
    }
    if (t.isPunct("{")) {
      return signalSet();
    }
    Operand o = term(expected);
    if (lx.peek().isPunct("|")) {
      long v = flag(o, t);
      while (lx.peek().isPunct("|")) {
        lx.next();
        Token u = lx.peek();
        v |= flag(term("a named constant or an integer after `|`"), u);
      }
      return new Operand.Imm(v, t.line(), t.column());
    }
    if (o instanceof Operand.Symbol s) {
      refs.add(new Ref(s.name(), RefKind.VALUE, t));
    }
    return o;
  }

  private long flag(Operand o, Token at) {
    if (o instanceof Operand.Imm imm) {
      return imm.value();
    }
    throw lx.error(at, "`" + at.text() + "` in a flag set is " + found(o, at)
        + "; expected a named constant or an integer, as in WNOHANG|WUNTRACED");
  }

  /** A register, a number or a name, with an optional sign and {@code +N}/{@code -N} addend. */
  private Operand term(String expected) {
    Token first = lx.peek();
    boolean negative = first.isPunct("-");
    if (negative) {
      lx.next();
    }
    Token t = lx.next();
    Operand o;
    if (t.is(Type.NUMBER)) {
      o = new Operand.Imm(Literals.parse(lx, t, t.text(), negative).value(), first.line(),
          first.column());
    } else if (t.is(Type.IDENT) && isRegisterName(t.text())) {
      if (negative) {
        throw lx.error(first, "a register cannot be negated; expected a value such as -1 or"
            + " -ECHILD (use `sub` or `mul` to negate a register)");
      }
      o = new Operand.Reg(register(t), t.line(), t.column());
    } else if (t.is(Type.IDENT)) {
      Long c = Constants.lookup(t.text());
      if (c != null) {
        o = new Operand.Imm(negative ? -c : c, first.line(), first.column());
      } else if (negative) {
        throw lx.error(t, "`" + t.text() + "` is not a named constant, so it cannot be negated;"
            + " expected a constant such as ECHILD after `-`"
            + Suggestions.hint(t.text(), CONSTANT_NAMES));
      } else {
        o = new Operand.Symbol(t.text(), 0, first.line(), first.column());
      }
    } else {
      throw lx.unexpected(t, expected);
    }
    Token sign = lx.peek();
    if (!sign.isPunct("+") && !sign.isPunct("-")) {
      return o;
    }
    if (o instanceof Operand.Reg) {
      throw lx.error(sign, "a register takes no offset outside brackets; expected a memory"
          + " operand such as [" + t.text() + sign.text() + "8], or `add` to compute an address");
    }
    lx.next();
    long k = offset(sign);
    if (o instanceof Operand.Symbol s) {
      return new Operand.Symbol(s.name(), k, s.line(), s.column());
    }
    return new Operand.Imm(((Operand.Imm) o).value() + k, o.line(), o.column());
  }

  /** The constant after a {@code +} or {@code -} sign, signed. */
  private long offset(Token sign) {
    Token t = lx.next();
    boolean negative = sign.isPunct("-");
    if (t.is(Type.NUMBER)) {
      return Literals.parse(lx, t, t.text(), negative).value();
    }
    if (t.is(Type.IDENT) && !isRegisterName(t.text())) {
      Long c = Constants.lookup(t.text());
      if (c != null) {
        return negative ? -c : c;
      }
    }
    throw lx.unexpected(t, "a number after `" + sign.text() + "`, as in buf+8");
  }

  /**
   * {@code [label]}, {@code [label+8]}, {@code [r3]}, {@code [r3+16]}, {@code [r3-8]},
   * {@code [r3+r4]}.
   */
  private Operand memory() {
    Token open = lx.next();
    Token t = lx.next();
    if (t.is(Type.IDENT) && isRegisterName(t.text())) {
      int reg = register(t);
      long off = 0;
      Token sign = lx.peek();
      if (sign.isPunct("+") || sign.isPunct("-")) {
        lx.next();
        Token u = lx.peek();
        if (u.is(Type.IDENT) && isRegisterName(u.text())) {
          if (sign.isPunct("-")) {
            throw lx.error(sign, "an index register can only be added; expected [" + t.text()
                + "+" + u.text() + "]");
          }
          lx.next();
          int index = register(u);
          close();
          return new Operand.MemRegReg(reg, index, open.line(), open.column());
        }
        off = offset(sign);
        if (off > MAX_OFFSET || off < -MAX_OFFSET - 1) {
          throw lx.error(u, "offset " + off + " is too large; expected an offset within"
              + " -2^55..2^55-1");
        }
      }
      close();
      return new Operand.MemReg(reg, off, open.line(), open.column());
    }
    if (t.is(Type.IDENT)) {
      if (Constants.lookup(t.text()) != null) {
        throw lx.error(t, "`" + t.text() + "` is a named constant; expected a label or a register"
            + " inside [ ] (absolute addresses are not supported: put the address in a register)");
      }
      long add = 0;
      Token sign = lx.peek();
      if (sign.isPunct("+") || sign.isPunct("-")) {
        lx.next();
        add = offset(sign);
      }
      close();
      refs.add(new Ref(t.text(), RefKind.MEMORY, t));
      return new Operand.MemSymbol(t.text(), add, open.line(), open.column());
    }
    throw lx.unexpected(t, "a label or a register inside [ ], as in [buf] or [r3+8]");
  }

  private void close() {
    Token c = lx.next();
    if (!c.isPunct("]")) {
      throw lx.unexpected(c, "`]` to close the memory operand");
    }
  }

  /** {@code {SIGINT,SIGTERM}}: a mask with bit N-1 for signal N; {@code {}} is 0. */
  private Operand signalSet() {
    Token open = lx.next();
    long mask = 0;
    if (lx.peek().isPunct("}")) {
      lx.next();
      return new Operand.Imm(0, open.line(), open.column());
    }
    while (true) {
      Token t = lx.next();
      mask |= Signals.bit(signal(t));
      Token s = lx.next();
      if (s.isPunct("}")) {
        return new Operand.Imm(mask, open.line(), open.column());
      }
      if (!s.isPunct(",")) {
        throw lx.unexpected(s, "`,` or `}` in the signal set opened at column " + open.column());
      }
    }
  }

  private int signal(Token t) {
    if (t.is(Type.IDENT)) {
      int sig = Signals.byName(t.text());
      if (sig < 0) {
        throw lx.error(t, "unknown signal `" + t.text() + "`; expected a signal name such as"
            + " SIGINT or a number 1..64" + Suggestions.hint(t.text(), Signals.names().keySet()));
      }
      return sig;
    }
    if (t.is(Type.NUMBER)) {
      long v = Literals.parse(lx, t, t.text(), false).value();
      if (!Signals.isValid(v)) {
        throw lx.error(t, "signal " + t.text() + " is out of range; expected 1..64");
      }
      return (int) v;
    }
    throw lx.unexpected(t, "a signal name such as SIGINT, or a number 1..64");
  }

  /** A {@code w:a|b|c} position: a bare word (or the same word quoted, as Python writes it). */
  private Operand word(String where, Signature.Token st) {
    Token t = lx.next();
    String w = t.is(Type.IDENT) ? t.text() : t.is(Type.STRING) ? t.value() : null;
    if (w == null) {
      throw lx.unexpected(t, st.describe());
    }
    int i = st.words().indexOf(w);
    if (i < 0) {
      throw lx.error(t, "unknown `" + w + "` for " + where + "; expected " + st.describe()
          + Suggestions.hint(w, st.words()));
    }
    return new Operand.Imm(i, t.line(), t.column());
  }

  /** What an operand turned out to be, for "operand 2 of `jz` is X; expected Y". */
  private String found(Operand o, Token first) {
    String src = "`" + lx.slice(first) + "`";
    return switch (o.kind()) {
      case REG -> "the register " + src;
      case IMM -> "the value " + src;
      case SYMBOL -> "the label " + src;
      case MEM_SYMBOL, MEM_REG, MEM_REG_REG -> "the memory operand " + src;
      case STRING -> "a string literal";
      case CODE -> "the code label " + src;
    };
  }

  private static String mismatchHint(Op op, Signature.Token st, Operand o) {
    boolean memoryWanted = st.type().equals("m") || st.type().equals("x");
    if (memoryWanted && o instanceof Operand.Symbol s) {
      return " (did you mean `[" + s.name() + (s.addend() == 0 ? "" : s.addend() > 0 ? "+"
          + s.addend() : Long.toString(s.addend())) + "]`?)";
    }
    boolean print = op == Op.PRINT || op == Op.EPRINT;
    if (st.type().equals("s") && o instanceof Operand.Symbol && print) {
      return " (to print a string declared in data, write `" + op.mnemonic() + " \"%s\", name`)";
    }
    return "";
  }

  /** {@code r} followed by digits: a register name, valid or not, never a label. */
  static boolean isRegisterName(String s) {
    if (s.length() < 2 || s.charAt(0) != 'r') {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      if (!Lexer.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private int register(Token t) {
    String digits = t.text().substring(1);
    boolean ok = digits.length() <= 2 && !(digits.length() == 2 && digits.charAt(0) == '0')
        && Integer.parseInt(digits) <= 15;
    if (!ok) {
      throw lx.error(t, "`" + t.text() + "` is not a register; expected a register r0..r15");
    }
    return Integer.parseInt(digits);
  }

  private static ImmutableList<String> constantNames() {
    ImmutableList.Builder<String> b = ImmutableList.builder();
    b.addAll(Constants.names().keySet()).addAll(Signals.names().keySet());
    for (Errno e : Errno.values()) {
      b.add(e.name());
    }
    return b.build();
  }
}
