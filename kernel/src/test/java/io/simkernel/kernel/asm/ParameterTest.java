package io.simkernel.kernel.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.program.ProgramImage;
import io.simkernel.api.scenario.Scenario;
import io.simkernel.kernel.Sim;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code param name=default} and {@code ${name}}: substitution in kernel options, operands,
 * sizes, strings and paths; {@code -D}-style overrides; and errors at the file's own positions.
 */
class ParameterTest {
  private static final String FILE = "p.sks";

  private static final String SCENARIO = """
      param mib=2 fork=classic
      param code=7   # a comment: ${not_substituted}
      kernel fork=${fork} seed=${code}
      program /bin/p
      data
        buf: space ${mib}MiB
      text
      main:
        mov r1, ${code}
        metric code, r1
        metric "twice", ${mib}
        print "mib=${mib} code=%d\\n", r1
        exit ${code}
      end
      run /bin/p
      """;

  private static Scenario parse(String text, Map<String, String> params) {
    return ScenarioParser.parse(FILE, text, params);
  }

  private static ScenarioException error(String text, Map<String, String> params) {
    return assertThrows(ScenarioException.class, () -> parse(text, params));
  }

  @Test
  void defaultsAreSubstitutedEverywhere() {
    Scenario s = parse(SCENARIO, Map.of());
    assertEquals(7, s.config().seed());
    assertEquals("classic", s.config().option("fork", "?"));
    Sim.Run r = Sim.run(s);
    assertEquals(7, r.exitStatus());
    assertEquals("mib=2 code=7\n", r.stdout());
    assertEquals(Map.of("code", List.of(7L), "twice", List.of(2L)), r.result().metrics());
  }

  @Test
  void overridesReplaceDefaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("mib", "3");
    d.put("fork", "ondemand");
    d.put("code", "0x2a");
    Scenario s = parse(SCENARIO, d);
    assertEquals(42, s.config().seed());
    assertEquals("ondemand", s.config().option("fork", "?"));
    ProgramImage p = s.program("/bin/p");
    assertTrue(p.bssSize() >= 3L << 20, "space ${mib}MiB is 3 MiB");
    Sim.Run r = Sim.run(s);
    assertEquals(42, r.exitStatus());
    assertEquals("mib=3 code=42\n", r.stdout());
  }

  @Test
  void theSourceTextIsSelfContained() {
    // what a trace embeds: the substituted text, which re-assembles to the same run alone
    Scenario s = parse(SCENARIO, Map.of("mib", "5", "code", "9"));
    assertTrue(s.sourceText().contains("space 5MiB"), s.sourceText());
    assertTrue(s.sourceText().contains("# a comment: ${not_substituted}"), "comments as written");
    Scenario again = ScenarioParser.parse(FILE, s.sourceText());
    assertEquals(s.config(), again.config());
    assertEquals(s.toString(), again.toString());
    assertEquals(Sim.run(s).result().eventHash(), Sim.run(again).result().eventHash());
    String plain = Scenarios.DESIGN_EXAMPLE;
    assertEquals(plain, parse(plain, Map.of()).sourceText(), "no parameters: the file itself");
  }

  @Test
  void declaredParametersInOrder() {
    Map<String, String> p = ScenarioParser.parameters(FILE, SCENARIO);
    assertEquals(List.of("mib", "fork", "code"), List.copyOf(p.keySet()));
    assertEquals("2", p.get("mib"));
  }

  @Test
  void aParameterMayBeUsedAboveItsDeclaration() {
    Sim.Run r = Sim.run(parse("program /bin/p\nmain:\n  exit ${n}\nend\nrun /bin/p\nparam n=5\n",
        Map.of()));
    assertEquals(5, r.exitStatus());
  }

  @Test
  void undefinedParameterPointsAtTheDollar() {
    ScenarioException e = error("param mib=1\nprogram /bin/p\nmain:\n  exit ${mbi}\nend\n"
        + "run /bin/p\n", Map.of());
    assertEquals("p.sks:4:8: error: undefined parameter `mbi`; expected one declared with"
        + " `param mbi=DEFAULT` or one of mib (did you mean `mib`?)", e.format());
  }

  @Test
  void unterminatedAndEmptySubstitutions() {
    assertEquals("p.sks:1:17: error: unterminated `${`; expected `${name}` with a `}` on the same"
        + " line", error("kernel seed=1 x=${a\n", Map.of()).format());
    assertTrue(error("param a=1\nkernel seed=${}\n", Map.of()).format()
        .startsWith("p.sks:2:13: error: `${}` does not name a parameter"));
  }

  @Test
  void errorsAfterASubstitutionKeepTheFileColumns() {
    // `${n}` (4 columns) becomes `100000` (6): the extra operand must still be at column 17
    ScenarioException e = error("param n=100000\nprogram /bin/p\nmain:\n  mov r1, ${n}, rr\n"
        + "end\nrun /bin/p\n", Map.of());
    assertEquals(4, e.line());
    assertEquals(17, e.column(), e.format());
  }

  @Test
  void anErrorInsideAValueNamesTheParameter() {
    ScenarioException e = error(SCENARIO, Map.of("fork", "clasic"));
    assertEquals(3, e.line());
    assertEquals(13, e.column());
    assertTrue(e.message().contains("`fork=clasic` is not a valid choice"), e.format());
    assertTrue(e.message().endsWith("(`${fork}` is `clasic` here)"), e.format());
  }

  @Test
  void overrideOfAnUndeclaredParameter() {
    ScenarioException e = error(SCENARIO, Map.of("mb", "1"));
    assertEquals("p.sks:1:1: error: -D mb=1 names no parameter of this file; expected one of"
        + " mib, fork, code (did you mean `mib`?)", e.format());
  }

  @Test
  void overrideValuesMustBeBareWords() {
    ScenarioException e = error(SCENARIO, Map.of("mib", "1 # x"));
    assertEquals(1, e.line());
    assertEquals(7, e.column()); // at the declaration of mib
    assertTrue(e.message().contains("contains a blank"), e.format());
  }

  @Test
  void malformedDeclarations() {
    assertEquals("p.sks:1:7: error: `1x` is not a parameter name; expected letters, digits and _"
        + " not starting with a digit, as in param mib=64", error("param 1x=2\n", Map.of())
        .format());
    assertTrue(error("param mib\n", Map.of()).format().startsWith("p.sks:1:10: error: parameter"
        + " `mib` has no default"));
    assertTrue(error("param a=1\nparam a=2\n", Map.of()).format().startsWith("p.sks:2:7: error:"
        + " parameter `a` is declared twice (first at line 1)"));
    assertTrue(error("param\n", Map.of()).format().startsWith("p.sks:1:6: error: `param` needs"));
    assertTrue(error("param a=${b}\n", Map.of()).format().contains("refers to another"));
  }

  @Test
  void commentsAreNotSubstitutedAndLiteralDollarBraceCanBeWritten() {
    Sim.Run r = Sim.run(parse("program /bin/p\nmain:\n  print \"$\\x7bx}\\n\"  # ${x}\n"
        + "  exit 0\nend\nrun /bin/p\n", Map.of()));
    assertEquals("${x}\n", r.stdout());
  }

  @Test
  void aFileWithoutParametersParsesAsBefore() {
    Scenario a = ScenarioParser.parse(FILE, Scenarios.DESIGN_EXAMPLE);
    Scenario b = parse(Scenarios.DESIGN_EXAMPLE, Map.of());
    assertEquals(a.config(), b.config());
    assertEquals(a.run(), b.run());
    assertEquals(a.toString(), b.toString());
  }

  @Test
  void metricNamesAreChecked() {
    ScenarioException e = error("program /bin/p\nmain:\n  metric \"a b\", 1\nend\nrun /bin/p\n",
        Map.of());
    assertEquals(3, e.line());
    assertEquals(10, e.column());
    assertTrue(e.message().startsWith("`a b` is not a metric name"), e.format());
  }
}
