package io.simkernel.kernel.asm;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import io.simkernel.api.Constants;
import io.simkernel.api.program.Layout;
import io.simkernel.api.program.Op;
import io.simkernel.api.program.Operand;
import io.simkernel.api.program.ProgramBuilder;
import io.simkernel.api.program.ProgramException;
import io.simkernel.api.program.ProgramImage;
import io.simkernel.api.program.Signature;
import io.simkernel.kernel.asm.Token.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles one {@code program PATH ... end} block into a {@link ProgramImage} through
 * {@link ProgramBuilder}. It reads line by line: section markers, labels, data declarations and
 * instructions. It checks what it can state better than the builder (operand counts, label names,
 * undefined labels with a "did you mean", print formats) and leaves layout and resolution to the
 * builder, whose {@link ProgramException}s become {@link ScenarioException}s at the same position.
 */
final class ProgramAssembler {
  static final ImmutableList<String> MNEMONICS = mnemonics();
  private static final ImmutableSet<String> DATA_KINDS = ImmutableSet.of("word", "space", "string");
  private static final ImmutableSet<String> TOP_LEVEL =
      ImmutableSet.of("kernel", "program", "run", "param");
  private static final long MAX_SPACE = Layout.STACK_TOP - Layout.TEXT_BASE;
  private static final String INSTRUCTION_EXAMPLES = "an instruction such as fork, waitpid";

  private final Lexer lx;
  private final Token programAt;
  private final String path;
  private final ProgramBuilder builder;
  private final OperandParser operands;
  /** Every label of the program: true for code labels, false for data. */
  private final Map<String, Boolean> isCode = new LinkedHashMap<>();
  private final Map<String, Token> definedAt = new LinkedHashMap<>();
  private boolean dataSection;

  private ProgramAssembler(Lexer lx, Token programAt, String path, long base) {
    this.lx = lx;
    this.programAt = programAt;
    this.path = path;
    this.builder = new ProgramBuilder(path).base(base);
    this.operands = new OperandParser(lx);
  }

  /**
   * Reads the body of a program, the lexer standing at the line after {@code program PATH}, up to
   * and including its {@code end} line.
   */
  static ProgramImage assemble(Lexer lx, Token programAt, String path, long base) {
    return new ProgramAssembler(lx, programAt, path, base).body();
  }

  /**
   * The rest of a {@code program PATH} line, up to and including its end: nothing, or {@code
   * base=ADDRESS}, the image's preferred base (createprocess-and-multiprocessing A30), which must
   * be a multiple of the page size (4096) in user space. Returns {@link Layout#TEXT_BASE} when
   * absent.
   */
  static long baseOption(Lexer lx, String path) {
    Token t = lx.word();
    if (t.isEol()) {
      lx.next();
      return Layout.TEXT_BASE;
    }
    String w = t.is(Type.STRING) ? t.value() : t.text();
    if (!w.startsWith("base=")) {
      throw lx.error(t, "unexpected `" + w + "` after `program " + path
          + "`; expected the end of the line or `base=0x400000`");
    }
    long base = Literals.parse(lx, t, w.substring(5), false).value();
    if (base <= 0 || base % Layout.PAGE_SIZE != 0 || base >= Layout.STACK_TOP) {
      throw lx.error(t, "bad image base `" + w.substring(5) + "`; expected a multiple of the page"
          + " size 0x1000 below 0x" + Long.toHexString(Layout.STACK_TOP) + ", such as 0x400000");
    }
    Token end = lx.word();
    if (!end.isEol()) {
      throw lx.error(end, "unexpected `" + end.text() + "` after `base=" + w.substring(5)
          + "`; expected the end of the line");
    }
    lx.next();
    return base;
  }

  private ProgramImage body() {
    while (true) {
      Token t = lx.peek();
      if (t.is(Type.NEWLINE)) {
        lx.next();
      } else if (t.is(Type.EOF)) {
        throw lx.error(programAt, "`program " + path + "` is not closed; expected `end` before"
            + " the end of the file");
      } else if (t.is(Type.IDENT) && lx.peek(1).isPunct(":")) {
        labelLine();
      } else if (t.isIdent("end")) {
        lx.next();
        endOfLine("`end`");
        break;
      } else if (t.isIdent("data") || t.isIdent("text")) {
        lx.next();
        endOfLine("`" + t.text() + "`");
        dataSection = t.text().equals("data");
      } else if (t.is(Type.IDENT) && TOP_LEVEL.contains(t.text())) {
        throw lx.error(t, "`" + t.text() + "` inside `program " + path + "` (opened at line "
            + programAt.line() + "); expected `end` to close the program first");
      } else if (dataSection) {
        throw notData(t);
      } else {
        instruction();
      }
    }
    checkReferences();
    builder.at(programAt.line(), programAt.column());
    try {
      return builder.build();
    } catch (ProgramException e) {
      throw convert(e);
    }
  }

  private ScenarioException notData(Token t) {
    if (t.is(Type.IDENT) && Op.byMnemonic(t.text()) != null) {
      return lx.error(t, "instruction `" + t.text() + "` in the data section; expected `text`"
          + " before instructions");
    }
    return lx.unexpected(t, "a data declaration `name: word|space|string ...`, `text` or `end`");
  }

  /** {@code name:} then a data declaration (data section) or an optional instruction (text). */
  private void labelLine() {
    Token name = lx.next();
    lx.next(); // the colon
    checkNewLabel(name);
    if (dataSection) {
      dataDeclaration(name);
      return;
    }
    isCode.put(name.text(), true);
    definedAt.put(name.text(), name);
    guard(() -> builder.at(name.line(), name.column()).label(name.text()));
    Token t = lx.peek();
    if (t.isEol()) {
      lx.next();
    } else if (t.is(Type.IDENT) && DATA_KINDS.contains(t.text())) {
      throw lx.error(t, "`" + t.text() + "` declares data, but this is the text section;"
          + " expected `data` before data declarations");
    } else {
      instruction();
    }
  }

  private void checkNewLabel(Token name) {
    String n = name.text();
    if (OperandParser.isRegisterName(n)) {
      throw lx.error(name, "`" + n + "` is a register name; expected a label name other than"
          + " r0..r15");
    }
    if (Constants.lookup(n) != null) {
      // it would be read as the constant wherever a value is expected, silently
      throw lx.error(name, "`" + n + "` is the name of a constant; expected a label name that"
          + " is not a named constant");
    }
    Token previous = definedAt.get(n);
    if (previous != null) {
      throw lx.error(name, "label `" + n + "` is already defined at line " + previous.line()
          + "; expected a new name");
    }
  }

  /** {@code name: word N}, {@code name: space SIZE}, {@code name: string "..."}. */
  private void dataDeclaration(Token name) {
    Token kind = lx.next();
    if (!kind.is(Type.IDENT)) {
      throw lx.unexpected(kind, "word, space or string after `" + name.text() + ":`");
    }
    builder.at(name.line(), name.column());
    switch (kind.text()) {
      case "word" -> {
        long v = operands.constant("an integer, size, duration or named constant");
        guard(() -> builder.word(name.text(), v));
      }
      case "space" -> {
        Token at = lx.peek();
        long n = operands.constant("a size in bytes, such as 64KiB");
        if (n < 0) {
          throw lx.error(at, "`space` of " + n + " bytes; expected a size of 0 or more bytes");
        }
        if (n > MAX_SPACE) { // it could not be laid out, and the layout sums would overflow
          throw lx.error(at, "`space` of " + n + " bytes is larger than the user address space;"
              + " expected at most " + MAX_SPACE + " bytes");
        }
        guard(() -> builder.space(name.text(), n));
      }
      case "string" -> {
        Token s = lx.next();
        if (!s.is(Type.STRING)) {
          throw lx.unexpected(s, "a string in double quotes");
        }
        guard(() -> builder.string(name.text(), s.value()));
      }
      default -> throw lx.error(kind, "unknown data declaration `" + kind.text()
          + "`; expected word, space or string"
          + (Op.byMnemonic(kind.text()) != null ? " (instructions go after `text`)"
          : Suggestions.hint(kind.text(), DATA_KINDS)));
    }
    isCode.put(name.text(), false);
    definedAt.put(name.text(), name);
    endOfLine("the declaration of `" + name.text() + "`");
  }

  /** {@code mnemonic operand, operand, ...} to the end of the line. */
  private void instruction() {
    Token m = lx.next();
    if (!m.is(Type.IDENT)) {
      throw lx.unexpected(m, "an instruction, a label, `data`, `text` or `end`");
    }
    Op op = Op.byMnemonic(m.text());
    if (op == null) {
      throw unknownInstruction(m);
    }
    Signature sig = Signature.of(op);
    List<Operand> list = new ArrayList<>();
    if (!lx.peek().isEol()) {
      while (true) {
        Token at = lx.peek();
        Signature.Token st = sig.tokenAt(list.size());
        if (st == null) {
          throw lx.error(at, "too many operands for `" + op.mnemonic() + "`; expected "
              + count(sig) + " (" + sig.usage(op) + ")");
        }
        list.add(operands.operand(op, list.size(), st));
        if (!lx.peek().isPunct(",")) {
          break;
        }
        lx.next();
      }
    }
    Token end = lx.peek();
    if (!end.isEol()) {
      throw lx.unexpected(end, "`,` between operands or the end of the line");
    }
    if (list.size() < sig.min()) {
      throw lx.error(m, "missing operands for `" + op.mnemonic() + "`: found " + list.size()
          + "; expected " + count(sig) + " (" + sig.usage(op) + ")");
    }
    if (op == Op.PRINT || op == Op.EPRINT) {
      checkFormat(op, list);
    }
    if (op == Op.METRIC) {
      checkMetricName(list.get(0));
    }
    guard(() -> builder.at(m.line(), m.column()).emit(op, list.toArray(new Operand[0])));
    lx.next();
  }

  private ScenarioException unknownInstruction(Token m) {
    if (DATA_KINDS.contains(m.text())) {
      return lx.error(m, "unknown instruction `" + m.text() + "`; expected "
          + INSTRUCTION_EXAMPLES + " (data is declared as `name: " + m.text()
          + " ...` in a `data` section)");
    }
    return lx.error(m, "unknown instruction `" + m.text() + "`; expected " + INSTRUCTION_EXAMPLES
        + Suggestions.hint(m.text(), MNEMONICS));
  }

  private static String count(Signature sig) {
    int min = sig.min();
    int max = sig.max();
    if (max == 0) {
      return "no operands";
    }
    String n = min == max ? Integer.toString(min)
        : max == Integer.MAX_VALUE ? "at least " + min : min + " to " + max;
    return n + (max == 1 ? " operand" : " operands");
  }

  /** {@code %d %x %s %r %e %%} only, one argument per conversion, as DESIGN.md defines print. */
  private void checkFormat(Op op, List<Operand> list) {
    Operand f = list.get(0);
    String s = ((Operand.Str) f).text();
    int conversions = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) != '%') {
        continue;
      }
      if (i + 1 == s.length()) {
        throw lx.error(f.line(), f.column(), "the format of `" + op.mnemonic() + "` ends with a"
            + " lone `%`; expected a conversion (%d %x %s %r %e) or %% for a percent sign");
      }
      char c = s.charAt(++i);
      if (c == '%') {
        continue;
      }
      if ("dxsre".indexOf(c) < 0) {
        throw lx.error(f.line(), f.column(), "unknown conversion `%" + c
            + "` in the format of `" + op.mnemonic() + "`; expected one of %d %x %s %r %e %%");
      }
      conversions++;
    }
    int args = list.size() - 1;
    if (args != conversions) {
      throw lx.error(f.line(), f.column(), "the format of `" + op.mnemonic() + "` has "
          + conversions + " conversion" + (conversions == 1 ? "" : "s") + " but " + args
          + " argument" + (args == 1 ? "" : "s") + " follow" + (args == 1 ? "s" : "")
          + "; expected one argument per conversion");
    }
  }

  /** A metric becomes a CSV column and a JSON key: a name, not free text. */
  private void checkMetricName(Operand o) {
    String n = ((Operand.Str) o).text();
    boolean ok = !n.isEmpty() && n.length() <= 64 && Lexer.isIdentStart(n.charAt(0));
    for (int i = 1; ok && i < n.length(); i++) {
      ok = Lexer.isIdentPart(n.charAt(i));
    }
    if (!ok) {
      throw lx.error(o.line(), o.column(), "`" + n + "` is not a metric name; expected up to 64"
          + " letters, digits, _ and . not starting with a digit, as in metric fork_ns, r5");
    }
  }

  /** Every label use names a label of this program, and every jump target is a code label. */
  private void checkReferences() {
    for (OperandParser.Ref r : operands.refs()) {
      Boolean code = isCode.get(r.name());
      String of = "program " + path;
      if (code == null) {
        throw switch (r.kind()) {
          case CODE -> lx.error(r.at(), "undefined label `" + r.name() + "`; expected a code label"
              + " of " + of + Suggestions.hint(r.name(), codeLabels()));
          case MEMORY -> lx.error(r.at(), "undefined label `" + r.name() + "`; expected a label of "
              + of + Suggestions.hint(r.name(), isCode.keySet()));
          case VALUE -> lx.error(r.at(), "unknown name `" + r.name() + "`; expected a label of "
              + of + " or a named constant" + Suggestions.hint(r.name(),
              ImmutableList.<String>builder().addAll(isCode.keySet())
                  .addAll(OperandParser.CONSTANT_NAMES).build()));
        };
      }
      if (r.kind() == OperandParser.RefKind.CODE && !code) {
        throw lx.error(r.at(), "`" + r.name() + "` is a data label; expected a code label (a"
            + " label in the text section)");
      }
    }
  }

  private List<String> codeLabels() {
    List<String> names = new ArrayList<>();
    isCode.forEach((name, code) -> {
      if (code) {
        names.add(name);
      }
    });
    return names;
  }

  private void endOfLine(String after) {
    Token t = lx.peek();
    if (!t.isEol()) {
      throw lx.unexpected(t, "the end of the line after " + after);
    }
    lx.next();
  }

  /** Runs a builder call, turning its errors into this file's errors. */
  private void guard(Runnable call) {
    try {
      call.run();
    } catch (ProgramException e) {
      throw convert(e);
    }
  }

  private ScenarioException convert(ProgramException e) {
    if (e.line() <= 0) {
      return lx.error(programAt, e.getMessage());
    }
    return lx.error(e.line(), Math.max(1, e.column()), e.getMessage());
  }

  private static ImmutableList<String> mnemonics() {
    ImmutableList.Builder<String> b = ImmutableList.builder();
    for (Op op : Op.values()) {
      b.add(op.mnemonic());
    }
    return b.build();
  }
}
