package io.simkernel.api.program;

/**
 * How an assembled operand's 64-bit value is read (see {@link ProgramImage#operandKind}). Kept as
 * byte constants, not an enum, because the VM reads them in its hot loop.
 */
public final class OperandKind {
  private OperandKind() {}

  /** A register; value = its number 0..15. */
  public static final byte REG = 0;
  /** An immediate; value = the integer (a resolved label address, name, size or duration too). */
  public static final byte IMM = 1;
  /** {@code [label]}, {@code [label+8]}: value = the absolute address. */
  public static final byte MEM_ABS = 2;
  /** {@code [r3]}, {@code [r3+16]}: value = {@code reg | offset << 8} (offset signed). */
  public static final byte MEM_REG = 3;
  /** {@code [r3+r4]}: value = {@code reg | reg2 << 8}. */
  public static final byte MEM_REG_REG = 4;
  /** A string literal; value = its address in the image's read-only data. */
  public static final byte STR = 5;
  /** A code label used as a jump target; value = the instruction index. */
  public static final byte LABEL = 6;

  public static boolean isMemory(byte kind) {
    return kind == MEM_ABS || kind == MEM_REG || kind == MEM_REG_REG;
  }
}
