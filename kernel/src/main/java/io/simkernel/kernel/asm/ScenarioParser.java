package io.simkernel.kernel.asm;

import com.google.common.collect.ImmutableList;
import io.simkernel.api.program.Op;
import io.simkernel.api.program.ProgramException;
import io.simkernel.api.program.ProgramImage;
import io.simkernel.api.scenario.FileEntry;
import io.simkernel.api.scenario.KernelConfig;
import io.simkernel.api.scenario.RunCommand;
import io.simkernel.api.scenario.Scenario;
import io.simkernel.kernel.asm.Token.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parses and assembles a scenario file ({@code .sks}): the entry point of this package. The top
 * level is a sequence of lines: at most one {@code kernel} line, any number of
 * {@code program PATH ... end} blocks (each assembled by {@link ProgramAssembler}), and one
 * {@code run} line, in any order. Cross-references ({@code run} and {@code init=} naming a program
 * of the file) are checked at the end, since a program may be defined after the line naming it.
 */
public final class ScenarioParser {
  private static final ImmutableList<String> KEYWORDS =
      ImmutableList.of("kernel", "program", "run", "param", "file", "dir");

  private final String fileName;
  private final String text;
  private final Lexer lx;
  private KernelConfig config = KernelConfig.DEFAULTS;
  private Token kernelAt;
  private Token initAt;
  private final Map<String, ProgramImage> programs = new LinkedHashMap<>();
  private final Map<String, Token> programAt = new LinkedHashMap<>();
  private final Map<String, FileEntry> files = new LinkedHashMap<>();
  private RunCommand run;
  private Token runAt;
  private Token runPathAt;

  private ScenarioParser(String fileName, String text, Parameters.Expansion expansion) {
    this.fileName = fileName;
    // the text assembled: the file with its parameters substituted (the file itself when it has
    // none), so that a trace embedding it re-runs as this run did, without the -D values
    this.text = expansion.text();
    this.lx = new Lexer(fileName, expansion);
  }

  /**
   * Parses a whole scenario. {@code fileName} is used only in error messages.
   *
   * @throws ScenarioException for the first error in the file; no other exception escapes
   */
  public static Scenario parse(String fileName, String text) {
    return parse(fileName, text, Map.of());
  }

  /**
   * Parses a scenario with its {@code param}s set: {@code params} (as {@code -D name=value}
   * gives them) override the declared defaults, and every {@code ${name}} of the file is
   * replaced by its value before the file is read (see {@code Parameters}).
   *
   * @throws ScenarioException for the first error in the file, a parameter the file does not
   *     declare, or a value that is not a bare word; no other exception escapes
   */
  public static Scenario parse(String fileName, String text, Map<String, String> params) {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(params, "params");
    Parameters.Expansion expansion;
    try {
      expansion = Parameters.expand(fileName, text, params);
    } catch (ScenarioException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ScenarioException(fileName, 1, 1, "internal error substituting parameters ("
          + e + "); expected this file to assemble: please report it with the file");
    }
    ScenarioParser p = new ScenarioParser(fileName, text, expansion);
    try {
      return p.file();
    } catch (ScenarioException e) {
      throw fromParameter(e, expansion);
    } catch (ProgramException e) {
      throw new ScenarioException(fileName, Math.max(1, e.line()), Math.max(1, e.column()),
          e.getMessage());
    } catch (RuntimeException e) {
      // a bug of the assembler must still reach the user as one positioned error, not a trace
      Token at = p.lx.peek();
      throw new ScenarioException(fileName, at.line(), at.column(), "internal assembler error ("
          + e + "); expected this file to assemble: please report it with the file");
    }
  }

  /**
   * The parameters a file declares, in declaration order, with their defaults: what a sweep
   * can vary.
   *
   * @throws ScenarioException for a malformed {@code param} line
   */
  public static Map<String, String> parameters(String fileName, String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Parameters.Declaration d : Parameters.declarations(fileName, text)) {
      out.put(d.name(), d.value());
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  /** An error inside a substituted value says which parameter gave it, since the file shows
   * only {@code ${name}} there. */
  private static ScenarioException fromParameter(ScenarioException e,
      Parameters.Expansion expansion) {
    Parameters.Use u = expansion.useAt(e.line(), e.column());
    if (u == null) {
      return e;
    }
    return new ScenarioException(e.file(), e.line(), e.column(), e.message() + " (`${"
        + u.name() + "}` is `" + u.value() + "` here)");
  }

  private Scenario file() {
    while (true) {
      Token t = lx.peek();
      if (t.is(Type.EOF)) {
        break;
      }
      if (t.is(Type.NEWLINE)) {
        lx.next();
        continue;
      }
      if (!t.is(Type.IDENT)) {
        throw lx.unexpected(t, "`kernel`, `program` or `run`");
      }
      switch (t.text()) {
        case "kernel" -> kernel(t);
        case "program" -> program();
        case "run" -> run();
        case "file", "dir" -> fileLine();
        case "param" -> skipLine(); // read and substituted before lexing (Parameters)
        default -> throw unknownTopLevel(t);
      }
    }
    return finish();
  }

  private ScenarioException unknownTopLevel(Token t) {
    boolean label = lx.peek(1).isPunct(":");
    if (label || Op.byMnemonic(t.text()) != null || t.text().equals("data")
        || t.text().equals("text")) {
      String what = label ? "label `" + t.text() + ":`" : "`" + t.text() + "`";
      return lx.error(t, what + " outside a program; expected it between `program PATH` and"
          + " `end`");
    }
    if (t.text().equals("end")) {
      return lx.error(t, "`end` without an open `program`; expected `program PATH` before it");
    }
    return lx.error(t, "unexpected `" + t.text() + "`; expected `kernel`, `program` or `run`"
        + Suggestions.hint(t.text(), KEYWORDS));
  }

  private void kernel(Token t) {
    if (kernelAt != null) {
      throw lx.error(t, "a second `kernel` line (the first is at line " + kernelAt.line()
          + "); expected one `kernel` line with every option");
    }
    kernelAt = t;
    KernelLine line = new KernelLine(lx, config);
    line.parse();
    config = line.config();
    initAt = line.initAt();
    lx.next();
  }

  private void program() {
    Token kw = lx.next();
    Token p = lx.word();
    String path = path(p, "`program` needs the path of its image; expected `program /bin/name`");
    Token previous = programAt.get(path);
    if (previous != null) {
      throw lx.error(p, "program " + path + " is already defined at line " + previous.line()
          + "; expected each program path once");
    }
    long base = ProgramAssembler.baseOption(lx, path);
    if (files.containsKey(path)) {
      throw lx.error(p, path + " is already defined as a file; expected each path once");
    }
    programAt.put(path, p);
    programs.put(path, ProgramAssembler.assemble(lx, kw, path, base));
  }

  /** {@code file PATH "CONTENTS" [mode=] [uid=]} or {@code dir PATH [mode=] [uid=]}. */
  private void fileLine() {
    Token kw = lx.next();
    Token p = lx.word();
    String path = path(p, "`" + kw.text() + "` needs an absolute path; expected `" + kw.text()
        + " /dir/name ...`");
    Token previous = programAt.get(path);
    if (previous != null || files.containsKey(path)) {
      throw lx.error(p, path + " is already defined" + (previous != null ? " at line "
          + previous.line() + " as a program" : "") + "; expected each path once");
    }
    files.put(path, FileLine.parse(lx, kw, path));
  }

  private void run() {
    Token kw = lx.next();
    if (runAt != null) {
      throw lx.error(kw, "a second `run` line (the first is at line " + runAt.line()
          + "); expected exactly one `run` line");
    }
    Token p = lx.word();
    String path = path(p, "`run` needs the path of a program; expected `run /bin/name [ARGS...]`");
    List<String> args = new ArrayList<>();
    while (true) {
      Token a = lx.word();
      if (a.isEol()) {
        break;
      }
      if (a.is(Type.ERROR)) {
        throw lx.error(a, a.value());
      }
      args.add(a.is(Type.STRING) ? a.value() : a.text());
    }
    lx.next();
    runAt = kw;
    runPathAt = p;
    run = new RunCommand(path, args, kw.line(), kw.column());
  }

  /** An absolute path, bare or quoted. */
  private String path(Token p, String missing) {
    if (p.isEol()) {
      throw lx.error(p, missing);
    }
    if (p.is(Type.ERROR)) {
      throw lx.error(p, p.value());
    }
    String s = p.is(Type.STRING) ? p.value() : p.text();
    if (!s.startsWith("/")) {
      throw lx.error(p, "`" + s + "` is not an absolute path; expected a path starting with /,"
          + " such as /bin/parent");
    }
    return s;
  }

  private void skipLine() {
    lx.next();
    while (!lx.word().isEol()) {
      // words of the line are skipped; a malformed string among them does not matter yet
    }
    lx.next();
  }

  /** The checks that need the whole file, then the scenario. */
  private Scenario finish() {
    String defined = programs.isEmpty() ? "" : " (" + String.join(", ", programs.keySet()) + ")";
    if (run == null && config.init() == null) {
      Token eof = lx.peek();
      throw lx.error(eof, "no `run` line; expected `run PATH [ARGS...]` naming "
          + (programs.isEmpty() ? "a program defined with `program PATH ... end`"
          : "one of the programs of this file" + defined));
    }
    if (run != null && !programs.containsKey(run.path())) {
      throw lx.error(runPathAt, "`run` names " + run.path() + ", which this file does not define;"
          + " expected " + (programs.isEmpty() ? "a `program " + run.path() + " ... end` block"
          : "one of the programs of this file" + defined));
    }
    if (config.init() != null && !programs.containsKey(config.init())) {
      throw lx.error(initAt, "`init=" + config.init() + "` names a program this file does not"
          + " define; expected " + (programs.isEmpty() ? "a `program " + config.init()
          + " ... end` block" : "one of the programs of this file" + defined));
    }
    return new Scenario(fileName, text, config, ImmutableList.copyOf(programs.values()), run,
        ImmutableList.copyOf(files.values()));
  }
}
