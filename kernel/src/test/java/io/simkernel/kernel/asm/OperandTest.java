package io.simkernel.kernel.asm;

import static io.simkernel.kernel.asm.Scenarios.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.simkernel.api.Errno;
import io.simkernel.api.Signals;
import io.simkernel.api.program.Layout;
import io.simkernel.api.program.OperandKind;
import io.simkernel.api.program.ProgramImage;
import org.junit.jupiter.api.Test;

/** One test per operand form of DESIGN.md's "Operands". Line 1 after main: is pc 0. */
class OperandTest {
  /** The value of operand {@code i} of the first instruction. */
  private static long value(String line, int i) {
    return text(line + "\n  exit 0").operandValue(0, i);
  }

  private static byte kind(String line, int i) {
    return text(line + "\n  exit 0").operandKind(0, i);
  }

  @Test
  void registers() {
    assertEquals(OperandKind.REG, kind("mov r15, r0", 0));
    assertEquals(15, value("mov r15, r0", 0));
    assertEquals(0, value("mov r15, r0", 1));
  }

  @Test
  void decimalInteger() {
    assertEquals(OperandKind.IMM, kind("mov r1, 42", 1));
    assertEquals(42, value("mov r1, 42", 1));
  }

  @Test
  void negativeInteger() {
    assertEquals(-1, value("mov r1, -1", 1));
  }

  @Test
  void hexInteger() {
    assertEquals(0x1000, value("mov r1, 0x1000", 1));
  }

  @Test
  void hexUpTo64BitsWrapsToTwosComplement() {
    assertEquals(-1, value("mov r1, 0xFFFFFFFFFFFFFFFF", 1));
  }

  @Test
  void mostNegativeValueFits() {
    assertEquals(Long.MIN_VALUE, value("mov r1, -9223372036854775808", 1));
  }

  @Test
  void underscoresSeparateDigits() {
    assertEquals(1_000_000, value("mov r1, 1_000_000", 1));
  }

  @Test
  void sizesAreBytes() {
    assertEquals(4096, value("mov r1, 4KiB", 1));
    assertEquals(64L << 20, value("mov r1, 64MiB", 1));
    assertEquals(1L << 30, value("mov r1, 1GiB", 1));
    assertEquals(2L << 40, value("mov r1, 2TiB", 1));
    assertEquals(100, value("mov r1, 100B", 1));
  }

  @Test
  void durationsAreNanoseconds() {
    assertEquals(250, value("compute 250ns", 0));
    assertEquals(5_000, value("compute 5us", 0));
    assertEquals(3_000_000, value("compute 3ms", 0));
    assertEquals(2_000_000_000L, value("compute 2s", 0));
    assertEquals(120_000_000_000L, value("compute 2m", 0));
    assertEquals(120_000_000_000L, value("compute 2min", 0));
    assertEquals(3_600_000_000_000L, value("compute 1h", 0));
  }

  @Test
  void fractionalDurationThatIsWholeNanoseconds() {
    assertEquals(1_500_000, value("compute 1.5ms", 0));
  }

  @Test
  void signalName() {
    assertEquals(Signals.SIGTERM, value("kill r6, SIGTERM", 1));
  }

  @Test
  void errnoNameAndNegatedErrnoName() {
    assertEquals(Errno.ECHILD.number(), value("mov r1, ECHILD", 1));
    assertEquals(-Errno.ECHILD.number(), value("jeq r0, -ECHILD, main", 1));
  }

  @Test
  void namedConstant() {
    assertEquals(0x10000000L, value("sigaction SIGINT, SIG_IGN, SA_RESTART", 2));
  }

  @Test
  void constantPlusNumber() {
    assertEquals(Signals.SIGRTMIN + 2, value("raise SIGRTMIN+2", 0));
  }

  @Test
  void flagSetIsTheOrOfItsMembers() {
    assertEquals(1 | 2, value("waitpid -1, WNOHANG|WUNTRACED", 1));
    assertEquals(1 | 8 | 0x10, value("mov r1, WNOHANG|8|0x10", 1));
  }

  @Test
  void signalSetHasBitNMinusOneForSignalN() {
    long expected = (1L << (Signals.SIGINT - 1)) | (1L << (Signals.SIGTERM - 1));
    assertEquals(expected, value("sigprocmask SIG_BLOCK, {SIGINT,SIGTERM}", 1));
    assertEquals(expected, value("sigprocmask SIG_BLOCK, { SIGINT , 15 }", 1));
  }

  @Test
  void emptySignalSetIsZero() {
    assertEquals(0, value("sigprocmask SIG_SETMASK, {}", 1));
  }

  @Test
  void stringLiteralIsItsAddressInRodata() {
    ProgramImage p = text("print \"a\\tb\\\\c\\\"d\\0e\\r\\x41\\n\"\n  exit 0");
    assertEquals(OperandKind.STR, p.operandKind(0, 0));
    long addr = p.operandValue(0, 0);
    assertEquals(p.rodataBase(), addr);
    assertEquals("a\tb\\c\"d\0e\rA\n", p.literalAt(addr));
  }

  @Test
  void identicalStringLiteralsShareOneAddress() {
    ProgramImage p = text("print \"x\"\n  eprint \"x\"\n  exit 0");
    assertEquals(p.operandValue(0, 0), p.operandValue(1, 0));
  }

  @Test
  void hashInsideAStringIsNotAComment() {
    ProgramImage p = text("print \"#1 # two\"  # a comment\n  exit 0");
    assertEquals("#1 # two", p.literalAt(p.operandValue(0, 0)));
  }

  @Test
  void labelAsValueIsItsAddress() {
    ProgramImage p = text("mov r2, buf\n  mov r3, main");
    assertEquals(OperandKind.IMM, p.operandKind(0, 1));
    assertEquals(p.symbols().get("buf"), p.operandValue(0, 1));
    assertEquals(Layout.codeAddress(0), p.operandValue(1, 1));
  }

  @Test
  void labelPlusAndMinusOffset() {
    ProgramImage p = text("mov r2, buf+8\n  mov r3, buf-8");
    assertEquals(p.symbols().get("buf") + 8, p.operandValue(0, 1));
    assertEquals(p.symbols().get("buf") - 8, p.operandValue(1, 1));
  }

  @Test
  void memoryLabel() {
    ProgramImage p = text("load r1, [buf]\n  store [buf+8], 5");
    assertEquals(OperandKind.MEM_ABS, p.operandKind(0, 1));
    assertEquals(p.symbols().get("buf"), p.operandValue(0, 1));
    assertEquals(p.symbols().get("buf") + 8, p.operandValue(1, 0));
  }

  @Test
  void memoryRegister() {
    assertEquals(OperandKind.MEM_REG, kind("load r1, [r3]", 1));
    assertEquals(3, value("load r1, [r3]", 1));
  }

  @Test
  void memoryRegisterWithOffset() {
    assertEquals(3 | (16L << 8), value("load r1, [r3+16]", 1));
    assertEquals(3 | (-8L << 8), value("loadb r1, [r3-8]", 1));
  }

  @Test
  void memoryRegisterPlusRegister() {
    assertEquals(OperandKind.MEM_REG_REG, kind("storeb [r3+r4], 1", 0));
    assertEquals(3 | (4L << 8), value("storeb [r3+r4], 1", 0));
  }

  @Test
  void codeLabelInJumpPosition() {
    ProgramImage p = text("jmp done\n  exit 1\ndone:\n  exit 0");
    assertEquals(OperandKind.LABEL, p.operandKind(0, 0));
    assertEquals(2, p.operandValue(0, 0));
  }

  @Test
  void codeLabelMayShadowNothingButIsReadAsTarget() {
    ProgramImage p = text("mp.process r7, worker, 5\n  exit 0\nworker:\n  ret");
    assertEquals(OperandKind.LABEL, p.operandKind(0, 1));
    assertEquals(2, p.operandValue(0, 1));
  }

  @Test
  void labelOrZeroAcceptsZero() {
    assertEquals(OperandKind.IMM, kind("mp.except 0", 0));
    assertEquals(0, value("mp.except 0", 0));
    assertEquals(OperandKind.LABEL, kind("mp.except main", 0));
  }

  @Test
  void wordPositionGivesTheWordsIndex() {
    assertEquals(1, value("mp.set_start_method spawn", 0));
    assertEquals(2, value("mp.set_start_method \"forkserver\"", 0));
  }

  @Test
  void readAndWriteAreAccessKindsForTouch() {
    assertEquals(3, value("touch buf, 64, read|write", 2));
  }

  @Test
  void writeTakesMemoryOrString() {
    assertEquals(OperandKind.STR, kind("write 1, \"hi\", 2", 1));
    assertEquals(OperandKind.MEM_ABS, kind("write 1, [buf], 2", 1));
  }

  @Test
  void execveTakesStringsAndValues() {
    ProgramImage p = text("execve \"/bin/t\", \"a\", r1, buf");
    assertEquals(4, p.operandCount(0));
    assertEquals(OperandKind.STR, p.operandKind(0, 1));
    assertEquals(OperandKind.REG, p.operandKind(0, 2));
  }

  @Test
  void labelOnTheSameLineAsItsInstruction() {
    ProgramImage p = text("jmp there\nthere: exit 4");
    assertEquals(Layout.codeAddress(1), p.symbols().get("there"));
    assertEquals(4, p.operandValue(1, 0));
  }
}
