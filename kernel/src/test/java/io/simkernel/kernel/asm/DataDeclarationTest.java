package io.simkernel.kernel.asm;

import static io.simkernel.kernel.asm.Scenarios.program;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.simkernel.api.program.Layout;
import io.simkernel.api.program.ProgramImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DataDeclarationTest {
  private static long word(ProgramImage p, String label) {
    int off = (int) (p.symbols().get(label) - p.dataBase());
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (p.dataByte(off + i) & 0xff);
    }
    return v;
  }

  @Test
  void wordIsAnInitialisedLittleEndianWordInData() {
    ProgramImage p = program("data\n  n: word 0x0102030405060708\ntext\nmain:\n  exit 0");
    assertEquals(p.dataBase(), p.symbols().get("n"));
    assertEquals(0x08, p.dataByte(0));
    assertEquals(0x0102030405060708L, word(p, "n"));
  }

  @Test
  void wordTakesAnyConstant() {
    ProgramImage p = program("data\n a: word -ECHILD\n b: word 4KiB\n c: word 3ms\n"
        + " d: word SIGTERM\n e: word WNOHANG|WUNTRACED\n f: word {SIGINT}\ntext\nmain:\n exit 0");
    assertEquals(-10, word(p, "a"));
    assertEquals(4096, word(p, "b"));
    assertEquals(3_000_000, word(p, "c"));
    assertEquals(15, word(p, "d"));
    assertEquals(3, word(p, "e"));
    assertEquals(2, word(p, "f"));
  }

  @Test
  void spaceGoesToBssRoundedToWords() {
    ProgramImage p = program("data\n  a: space 64KiB\n  b: space 3\n  c: space 0\ntext\nmain:\n"
        + "  exit 0");
    assertEquals(p.bssBase(), p.symbols().get("a"));
    assertEquals(p.bssBase() + 65536, p.symbols().get("b"));
    assertEquals(p.bssBase() + 65536 + 8, p.symbols().get("c"));
    assertEquals(65536 + 8, p.bssSize());
  }

  @Test
  void stringIsNulTerminatedInData() {
    ProgramImage p = program("data\n  hello: string \"hello\\n\"\ntext\nmain:\n  exit 0");
    int off = (int) (p.symbols().get("hello") - p.dataBase());
    byte[] d = Arrays.copyOfRange(p.data(), off, off + 7);
    assertEquals("hello\n\0", new String(d, StandardCharsets.UTF_8));
  }

  @Test
  void dataItemsAreLaidOutInOrderAndWordAligned() {
    ProgramImage p = program("data\n  s: string \"ab\"\n  n: word 1\ntext\nmain:\n  exit 0");
    assertEquals(p.dataBase(), p.symbols().get("s"));
    assertEquals(p.dataBase() + 8, p.symbols().get("n"));
  }

  @Test
  void codeLabelsAreTextAddresses() {
    ProgramImage p = program("main:\n  mov r1, 1\nloop:\n  jmp loop");
    assertEquals(Layout.TEXT_BASE, p.symbols().get("main"));
    assertEquals(Layout.codeAddress(1), p.symbols().get("loop"));
  }

  @Test
  void entryPointIsMainWhereverItIs() {
    ProgramImage p = program("helper:\n  ret\nmain:\n  call helper\n  exit 0");
    assertEquals(1, p.entry());
  }

  @Test
  void dataLabelsMayBeUsedBeforeTheDataSection() {
    ProgramImage p = program("main:\n  store [late], 1\n  exit 0\ndata\n  late: word 0");
    assertEquals(p.symbols().get("late"), p.operandValue(0, 0));
  }
}
