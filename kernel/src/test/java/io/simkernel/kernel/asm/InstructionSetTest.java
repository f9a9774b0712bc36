package io.simkernel.kernel.asm;

import static io.simkernel.kernel.asm.Scenarios.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.simkernel.api.program.Op;
import io.simkernel.api.program.ProgramImage;
import io.simkernel.api.program.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every operation of {@link Op} assembles from a line built from its signature. */
class InstructionSetTest {
  /** A valid operand for a signature token. */
  private static String sample(Signature.Token t) {
    return switch (t.type()) {
      case "r" -> "r1";
      case "v" -> "1";
      case "m", "x" -> "[buf]";
      case "L" -> "main";
      case "L0" -> "0";
      case "s", "a" -> "\"x\"";
      case "w" -> t.words().get(t.words().size() - 1);
      default -> throw new IllegalArgumentException(t.type());
    };
  }

  /** The shortest valid line: required operands only. */
  static String minimal(Op op) {
    Signature sig = Signature.of(op);
    List<String> operands = new ArrayList<>();
    for (int i = 0; i < sig.min(); i++) {
      operands.add(sample(sig.tokenAt(i)));
    }
    return op.mnemonic() + (operands.isEmpty() ? "" : " " + String.join(", ", operands));
  }

  /** The longest line: every optional operand, and one of a repeated tail. */
  static String full(Op op) {
    Signature sig = Signature.of(op);
    List<String> operands = new ArrayList<>();
    for (int i = 0; i < sig.tokens().size(); i++) {
      operands.add(sample(sig.tokenAt(i)));
    }
    if (op == Op.PRINT || op == Op.EPRINT) {
      operands.set(0, "\"%d\"");
    }
    return op.mnemonic() + (operands.isEmpty() ? "" : " " + String.join(", ", operands));
  }

  static Stream<Op> ops() {
    return Stream.of(Op.values());
  }

  @ParameterizedTest
  @EnumSource(Op.class)
  void everyOperationAssemblesWithItsRequiredOperands(Op op) {
    ProgramImage p = text(minimal(op));
    assertEquals(op.ordinal(), p.op(0));
    assertEquals(Signature.of(op).min(), p.operandCount(0));
  }

  @ParameterizedTest
  @MethodSource("ops")
  void everyOperationAssemblesWithAllItsOperands(Op op) {
    ProgramImage p = text(full(op));
    assertEquals(op.ordinal(), p.op(0));
    assertEquals(Signature.of(op).tokens().size(), p.operandCount(0));
  }
}
