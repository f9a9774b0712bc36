package io.simkernel.api.program;

/**
 * An operand as written, before labels are resolved: what the assembler (or a Java user of
 * {@link ProgramBuilder}) hands to the builder. Each carries its source position for errors.
 */
public sealed interface Operand {
  /** The kind of operand, for exhaustive switches. */
  enum Kind { REG, IMM, SYMBOL, MEM_SYMBOL, MEM_REG, MEM_REG_REG, STRING, CODE }

  Kind kind();

  int line();

  int column();

  /** {@code r0}..{@code r15}. */
  record Reg(int reg, int line, int column) implements Operand {
    public Kind kind() {
      return Kind.REG;
    }
  }

  /** An integer (names, sizes and durations are integers by the time they get here). */
  record Imm(long value, int line, int column) implements Operand {
    public Kind kind() {
      return Kind.IMM;
    }
  }

  /** A label used as a value: its address plus an addend. */
  record Symbol(String name, long addend, int line, int column) implements Operand {
    public Kind kind() {
      return Kind.SYMBOL;
    }
  }

  /** {@code [label]} or {@code [label+8]}. */
  record MemSymbol(String name, long addend, int line, int column) implements Operand {
    public Kind kind() {
      return Kind.MEM_SYMBOL;
    }
  }

  /** {@code [r3]} or {@code [r3+16]}. */
  record MemReg(int reg, long offset, int line, int column) implements Operand {
    public Kind kind() {
      return Kind.MEM_REG;
    }
  }

  /** {@code [r3+r4]}. */
  record MemRegReg(int reg, int index, int line, int column) implements Operand {
    public Kind kind() {
      return Kind.MEM_REG_REG;
    }
  }

  /** A string literal, already unescaped; it lives in read-only data. */
  record Str(String text, int line, int column) implements Operand {
    public Kind kind() {
      return Kind.STRING;
    }
  }

  /** A code label as a jump target. */
  record Code(String label, int line, int column) implements Operand {
    public Kind kind() {
      return Kind.CODE;
    }
  }

  static Reg reg(int r) {
    return new Reg(r, 0, 0);
  }

  static Imm imm(long v) {
    return new Imm(v, 0, 0);
  }

  static Symbol symbol(String name) {
    return new Symbol(name, 0, 0, 0);
  }

  static MemSymbol mem(String name) {
    return new MemSymbol(name, 0, 0, 0);
  }

  static MemSymbol mem(String name, long addend) {
    return new MemSymbol(name, addend, 0, 0);
  }

  static MemReg mem(int reg, long offset) {
    return new MemReg(reg, offset, 0, 0);
  }

  static Str str(String text) {
    return new Str(text, 0, 0);
  }

  static Code code(String label) {
    return new Code(label, 0, 0);
  }
}
