package io.simkernel.kernel.vm;

import io.simkernel.api.program.OperandKind;
import io.simkernel.api.program.ProgramImage;
import io.simkernel.kernel.mm.AddressSpace;

/** Operand decoding that the system calls of every personality share. */
public final class Operands {
  private Operands() {}

  /**
   * A string operand of instruction {@code pc}: a literal's text, or the NUL-terminated string at
   * the address the value holds, read through {@code mm} (at most {@code max} bytes; a bad
   * address throws {@link io.simkernel.kernel.mm.MemoryFault}, which the caller turns into its
   * personality's error).
   */
  public static String string(ProgramImage img, int pc, int i, long[] regs, AddressSpace mm,
      int max) {
    long v = Interpreter.value(img, pc, i, regs);
    if (img.operandKind(pc, i) == OperandKind.STR) {
      String lit = img.literalAt(v);
      if (lit != null) {
        return lit;
      }
    }
    return mm.readString(v, max);
  }
}
