package io.simkernel.kernel.asm;

import static io.simkernel.kernel.asm.Scenarios.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Each malformed scenario gets one error: the exact {@code FILE:LINE:COL: error:} prefix (the
 * column of the offending token) and the gist of the message.
 */
class ErrorMessageTest {
  /** A program /bin/t whose text lines follow {@code main:} on line 3. */
  private static String prog(String lines) {
    return "program /bin/t\ndata\n  buf: space 64\ntext\nmain:\n" + lines + "\nend\nrun /bin/t\n";
  }

  private static void assertError(String text, String prefix, String... gist) {
    ScenarioException e = error(text);
    String f = e.format();
    assertTrue(f.startsWith(prefix), () -> "expected prefix " + prefix + " in: " + f);
    for (String g : gist) {
      assertTrue(f.contains(g), () -> "expected `" + g + "` in: " + f);
    }
  }

  @Test
  void formatIsFileLineColumnErrorMessage() {
    ScenarioException e = error(prog("  forkk"));
    assertEquals("t.sks", e.file());
    assertEquals(6, e.line());
    assertEquals(3, e.column());
    assertEquals("t.sks:6:3: error: unknown instruction `forkk`; expected an instruction such as"
        + " fork, waitpid (did you mean `fork`?)", e.format());
  }

  @Test
  void unknownInstructionIgnoringCaseSuggestsTheRightCase() {
    assertError(prog("  createprocess \"a\", \"b\", 0, 0"), "t.sks:6:3: error: ",
        "did you mean `CreateProcess`?");
  }

  @Test
  void unknownDottedInstruction() {
    assertError(prog("  mp.strat r1"), "t.sks:6:3: error: unknown instruction `mp.strat`",
        "did you mean `mp.start`?");
  }

  @Test
  void unterminatedString() {
    assertError(prog("  print \"abc"), "t.sks:6:9: error: unterminated string",
        "expected a closing `\"`");
  }

  @Test
  void unknownEscape() {
    assertError(prog("  print \"a\\qb\""), "t.sks:6:11: error: unknown escape `\\q`",
        "expected one of");
  }

  @Test
  void nonAsciiHexEscape() {
    assertError(prog("  print \"\\xff\""), "t.sks:6:10: error: escape `\\xff` is outside ASCII",
        "expected \\x00..\\x7f");
  }

  @Test
  void unknownKernelOptionListsTheValidNames() {
    assertError("kernel cpu=2\n", "t.sks:1:8: error: unknown kernel option `cpu`",
        "expected one of cpus, timeslice, seed", "(did you mean `cpus`?)");
  }

  @Test
  void kernelValueOutOfRange() {
    assertError("kernel seed=1 cpus=0\n", "t.sks:1:20: error: `cpus=0` is out of range",
        "expected cpus=N with N from 1 to 256");
    assertError("kernel pid_max=300\n", "t.sks:1:16: error: `pid_max=300` is out of range",
        "301 to 4194304");
  }

  @Test
  void kernelDurationNeedsAUnit() {
    assertError("kernel timeslice=4\n", "t.sks:1:18: error: `timeslice=4` is not a positive"
        + " duration", "expected a duration greater than 0");
  }

  @Test
  void kernelBadChoiceSuggests() {
    assertError("kernel tiebreak=randon\n", "t.sks:1:17: error: `tiebreak=randon`",
        "expected tiebreak=insertion or tiebreak=random", "did you mean `random`?");
  }

  @Test
  void kernelOptionWithoutEquals() {
    assertError("kernel cpus 2\n", "t.sks:1:13: error: unexpected `2`; expected `=`");
  }

  @Test
  void kernelOptionGivenTwice() {
    assertError("kernel cpus=1 cpus=2\n", "t.sks:1:15: error: kernel option `cpus` is given"
        + " twice");
  }

  @Test
  void secondKernelLine() {
    assertError("kernel cpus=1\nkernel seed=2\n", "t.sks:2:1: error: a second `kernel` line",
        "line 1");
  }

  @Test
  void badSizeSuffixSuggestsTheIecOne() {
    assertError("program /bin/t\ndata\n  b: space 4KB\n", "t.sks:3:12: error: unknown suffix `KB`",
        "expected a size suffix (B, KiB, MiB, GiB, TiB)", "(did you mean `4KiB`?)");
  }

  @Test
  void badDurationSuffix() {
    assertError(prog("  compute 3sec"), "t.sks:6:11: error: unknown suffix `sec` in `3sec`",
        "did you mean `3s`?");
  }

  @Test
  void fractionOfANanosecond() {
    assertError(prog("  compute 1.5ns"), "t.sks:6:11: error: `1.5ns` is not a whole number of"
        + " nanoseconds");
  }

  @Test
  void numberTooLarge() {
    assertError(prog("  mov r1, 99999999999999999999"), "t.sks:6:11: error: ",
        "does not fit in 64 bits");
  }

  @Test
  void leadingZeroIsRefused() {
    assertError(prog("  mov r1, 0755"), "t.sks:6:11: error: `0755` has a leading zero",
        "hexadecimal with 0x");
  }

  @Test
  void tooManyOperandsUsesTheUsageLine() {
    assertError(prog("  waitpid r6, 0, 1"), "t.sks:6:18: error: too many operands for `waitpid`",
        "expected 2 operands (waitpid v, v)");
  }

  @Test
  void missingOperandsPointAtTheInstruction() {
    assertError(prog("  waitpid r6"), "t.sks:6:3: error: missing operands for `waitpid`: found 1",
        "expected 2 operands (waitpid v, v)");
  }

  @Test
  void operandMissingAfterComma() {
    assertError(prog("  mov r1,"), "t.sks:6:10: error: missing operand 2 of `mov`",
        "expected a value");
  }

  @Test
  void missingCommaBetweenOperands() {
    assertError(prog("  mov r1 r2"), "t.sks:6:10: error: unexpected `r2`",
        "expected `,` between operands or the end of the line");
  }

  @Test
  void registerOutOfRange() {
    assertError(prog("  mov r16, 1"), "t.sks:6:7: error: `r16` is not a register",
        "expected a register r0..r15");
  }

  @Test
  void wrongOperandKindSaysWhatWasFound() {
    assertError(prog("  mov 5, r1"), "t.sks:6:7: error: operand 1 of `mov` is the value `5`",
        "expected a register (r0..r15)");
  }

  @Test
  void labelWhereMemoryIsExpectedSuggestsBrackets() {
    assertError(prog("  load r1, buf"), "t.sks:6:12: error: operand 2 of `load` is the label `buf`",
        "expected a memory operand", "(did you mean `[buf]`?)");
  }

  @Test
  void unknownWordInAWordPosition() {
    assertError(prog("  mp.set_start_method spwan"), "t.sks:6:23: error: unknown `spwan`",
        "expected one of fork, spawn, forkserver", "did you mean `spawn`?");
  }

  @Test
  void undefinedCodeLabelSuggestsADefinedOne() {
    assertError(prog("  jmp chld\nchild:\n  exit 0"), "t.sks:6:7: error: undefined label `chld`",
        "expected a code label of program /bin/t", "(did you mean `child`?)");
  }

  @Test
  void unknownNameSuggestsAConstant() {
    assertError(prog("  waitpid -1, WNOHAN"), "t.sks:6:15: error: unknown name `WNOHAN`",
        "expected a label of program /bin/t or a named constant", "did you mean `WNOHANG`?");
  }

  @Test
  void undefinedLabelInBrackets() {
    assertError(prog("  load r1, [bfu]"), "t.sks:6:13: error: undefined label `bfu`",
        "did you mean `buf`?");
  }

  @Test
  void dataLabelAsJumpTarget() {
    assertError(prog("  jmp buf"), "t.sks:6:7: error: `buf` is a data label",
        "expected a code label");
  }

  @Test
  void negatingANameThatIsNotAConstant() {
    assertError(prog("  mov r1, -ECHLD"), "t.sks:6:12: error: `ECHLD` is not a named constant",
        "did you mean `ECHILD`?");
  }

  @Test
  void labelInAFlagSet() {
    assertError(prog("  mov r1, WNOHANG|buf"), "t.sks:6:19: error: `buf` in a flag set is the"
        + " label", "expected a named constant or an integer");
  }

  @Test
  void unknownSignalInASet() {
    assertError(prog("  sigprocmask SIG_BLOCK, {SIGINT,SIGTREM}"),
        "t.sks:6:34: error: unknown signal `SIGTREM`", "did you mean `SIGTERM`?");
  }

  @Test
  void unclosedSignalSet() {
    assertError(prog("  sigprocmask SIG_BLOCK, {SIGINT"), "t.sks:6:33: error: unexpected end of"
        + " line; expected `,` or `}`");
  }

  @Test
  void unclosedMemoryOperand() {
    assertError(prog("  load r1, [r3+8"), "t.sks:6:17: error: unexpected end of line;"
        + " expected `]`");
  }

  @Test
  void indexRegisterCanOnlyBeAdded() {
    assertError(prog("  load r1, [r3-r4]"), "t.sks:6:15: error: an index register can only be"
        + " added", "expected [r3+r4]");
  }

  @Test
  void printFormatArgumentCountMismatch() {
    assertError(prog("  print \"%d and %d\\n\", r1"), "t.sks:6:9: error: the format of `print`"
        + " has 2 conversions but 1 argument follows", "expected one argument per conversion");
  }

  @Test
  void printUnknownConversion() {
    assertError(prog("  eprint \"%q\""), "t.sks:6:10: error: unknown conversion `%q`",
        "expected one of %d %x %s %r %e %%");
  }

  @Test
  void missingEndPointsAtTheProgramLine() {
    assertError("run /bin/t\n\nprogram /bin/t\nmain:\n  exit 0\n", "t.sks:3:1: error: `program"
        + " /bin/t` is not closed", "expected `end` before the end of the file");
  }

  @Test
  void runInsideAnUnclosedProgram() {
    assertError("program /bin/t\nmain:\n  exit 0\nrun /bin/t\n", "t.sks:4:1: error: `run` inside"
        + " `program /bin/t`", "expected `end`");
  }

  @Test
  void instructionOutsideAProgram() {
    assertError("fork\n", "t.sks:1:1: error: `fork` outside a program",
        "expected it between `program PATH` and `end`");
  }

  @Test
  void labelOutsideAProgram() {
    assertError("\nmain:\n", "t.sks:2:1: error: label `main:` outside a program");
  }

  @Test
  void endWithoutProgram() {
    assertError("end\n", "t.sks:1:1: error: `end` without an open `program`");
  }

  @Test
  void misspelledKeywordSuggests() {
    assertError("programm /bin/t\n", "t.sks:1:1: error: unexpected `programm`",
        "did you mean `program`?");
  }

  @Test
  void unexpectedCharacter() {
    assertError(prog("  mov r1, @x"), "t.sks:6:11: error: unexpected character `@`",
        "expected a value");
  }

  @Test
  void missingRunLine() {
    assertError("program /bin/t\nmain:\n  exit 0\nend\n", "t.sks:5:1: error: no `run` line",
        "expected `run PATH [ARGS...]`", "(/bin/t)");
  }

  @Test
  void runNamesAnUndefinedProgram() {
    assertError("program /bin/t\nmain:\n  exit 0\nend\nrun /bin/x\n", "t.sks:5:5: error: `run`"
        + " names /bin/x, which this file does not define", "expected one of the programs of"
        + " this file (/bin/t)");
  }

  @Test
  void initNamesAnUndefinedProgram() {
    assertError("kernel init=/bin/i\nprogram /bin/t\nmain:\n  exit 0\nend\n",
        "t.sks:1:13: error: `init=/bin/i` names a program this file does not define");
  }

  @Test
  void secondRunLine() {
    assertError("run /bin/t\nrun /bin/t\n", "t.sks:2:1: error: a second `run` line",
        "expected exactly one `run` line");
  }

  @Test
  void relativeRunPath() {
    assertError("run bin/t\n", "t.sks:1:5: error: `bin/t` is not an absolute path");
  }

  @Test
  void duplicateProgramPath() {
    assertError("program /bin/t\nmain:\n exit 0\nend\nprogram /bin/t\n",
        "t.sks:5:9: error: program /bin/t is already defined at line 1",
        "expected each program path once");
  }

  @Test
  void programWithoutMain() {
    assertError("program /bin/t\nstart:\n  exit 0\nend\nrun /bin/t\n",
        "t.sks:1:1: error: program /bin/t has no entry point", "expected a `main:` label");
  }

  @Test
  void duplicateLabel() {
    assertError(prog("main:\n  exit 0"), "t.sks:6:1: error: label `main` is already defined at"
        + " line 5");
  }

  @Test
  void labelNamedLikeAConstant() {
    assertError(prog("SIGINT:\n  exit 0"), "t.sks:6:1: error: `SIGINT` is the name of a"
        + " constant", "expected a label name that is not a named constant");
  }

  @Test
  void labelNamedLikeARegister() {
    assertError(prog("r2:\n  exit 0"), "t.sks:6:1: error: `r2` is a register name");
  }

  @Test
  void wordInitialisedWithALabel() {
    assertError("program /bin/t\ndata\n  a: word b\n", "t.sks:3:11: error: the label `b` is not"
        + " a constant", "expected an integer, size, duration or named constant");
  }

  @Test
  void misspelledDataDeclaration() {
    assertError("program /bin/t\ndata\n  a: wrod 1\n", "t.sks:3:6: error: unknown data"
        + " declaration `wrod`", "expected word, space or string", "did you mean `word`?");
  }

  @Test
  void dataDeclarationInTheTextSection() {
    assertError(prog("x: word 1"), "t.sks:6:4: error: `word` declares data, but this is the"
        + " text section", "expected `data`");
  }

  @Test
  void instructionInTheDataSection() {
    assertError("program /bin/t\ndata\n  fork\n", "t.sks:3:3: error: instruction `fork` in the"
        + " data section", "expected `text`");
  }

  @Test
  void negativeSpace() {
    assertError("program /bin/t\ndata\n  a: space -8\n", "t.sks:3:12: error: `space` of -8"
        + " bytes", "expected a size of 0 or more bytes");
  }

  @Test
  void spaceLargerThanTheAddressSpace() {
    assertError("program /bin/t\ndata\n  a: space 200TiB\n", "t.sks:3:12: error: `space` of",
        "larger than the user address space");
  }

  @Test
  void quotedTextInMessagesStaysOnOneLine() {
    assertError(prog("  mp.set_start_method \"a\\nb\""), "t.sks:6:23: error: unknown `a\\nb`");
  }

  @Test
  void errorsInsideLaterLinesAreReportedOnlyOnce() {
    ScenarioException e = error(prog("  forkk\n  mov r99, 1"));
    assertEquals(6, e.line());
  }
}
