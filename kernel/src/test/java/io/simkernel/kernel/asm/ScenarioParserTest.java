package io.simkernel.kernel.asm;

import static io.simkernel.kernel.asm.Scenarios.DESIGN_EXAMPLE;
import static io.simkernel.kernel.asm.Scenarios.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.simkernel.api.program.Op;
import io.simkernel.api.program.ProgramImage;
import io.simkernel.api.scenario.KernelConfig;
import io.simkernel.api.scenario.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioParserTest {
  private static final String TINY = "program /bin/t\nmain:\n  exit 0\nend\n";

  @Test
  void designExampleParsesVerbatim() {
    Scenario s = parse(DESIGN_EXAMPLE);
    assertEquals("t.sks", s.sourceName());
    assertEquals(DESIGN_EXAMPLE, s.sourceText());
    ProgramImage p = s.program("/bin/parent");
    assertNotNull(p);
    assertEquals(1, s.programs().size());
    assertEquals(10, p.length());
    assertEquals(0, p.entry());
    assertEquals(Op.FORK.ordinal(), p.op(0));
    assertEquals(Op.EXIT.ordinal(), p.op(p.length() - 1));
    assertEquals("/bin/parent", s.run().path());
    assertEquals(List.of("arg1", "arg2"), s.run().args());
    assertEquals(25, s.run().line());
  }

  @Test
  void designExampleKernelLineSetsEveryOption() {
    KernelConfig c = parse(DESIGN_EXAMPLE).config();
    assertEquals(2, c.cpus());
    assertEquals(4_000_000L, c.timesliceNs());
    assertEquals(42, c.seed());
    assertEquals(1L << 30, c.memoryBytes());
    assertEquals(32768, c.pidMax());
    assertEquals(4096, c.nproc());
  }

  @Test
  void designExampleRecordsSourceLinesOfInstructions() {
    ProgramImage p = parse(DESIGN_EXAMPLE).program("/bin/parent");
    assertEquals(12, p.line(0)); // fork
    assertEquals(20, p.line(7)); // store [counter], 5
  }

  @Test
  void noKernelLineGivesDefaults() {
    assertEquals(KernelConfig.DEFAULTS, parse(TINY + "run /bin/t\n").config());
  }

  @Test
  void kernelLineMayComeAfterPrograms() {
    assertEquals(3, parse(TINY + "run /bin/t\nkernel cpus=3\n").config().cpus());
  }

  @Test
  void kernelDurationsAndLimits() {
    KernelConfig c = parse(TINY + "run /bin/t\nkernel time_limit=10s events_max=1000"
        + " insns_max=unlimited nproc=unlimited timeslice=500us\n").config();
    assertEquals(10_000_000_000L, c.timeLimitNs());
    assertEquals(1000, c.eventsMax());
    assertEquals(KernelConfig.UNLIMITED, c.insnsMax());
    assertEquals(KernelConfig.UNLIMITED, c.nproc());
    assertEquals(500_000L, c.timesliceNs());
  }

  @Test
  void kernelSeedMayBeNegativeOrHex() {
    assertEquals(-7, parse(TINY + "run /bin/t\nkernel seed=-7\n").config().seed());
    assertEquals(0x2a, parse(TINY + "run /bin/t\nkernel seed=0x2a\n").config().seed());
  }

  @Test
  void kernelTiebreakIsTheEnumOrdinal() {
    assertEquals(KernelConfig.TieBreak.RANDOM,
        parse(TINY + "run /bin/t\nkernel tiebreak=random\n").config().tieBreak());
  }

  @Test
  void kernelExtrasAreKeptAsText() {
    KernelConfig c = parse(TINY + "run /bin/t\nkernel fork=ondemand mp_bootstrap_check=off"
        + " core=1MiB\n").config();
    assertEquals("ondemand", c.option("fork", null));
    assertEquals("off", c.option("mp_bootstrap_check", null));
    assertEquals("1048576", c.option("core", null));
  }

  @Test
  void kernelCoreUnlimited() {
    assertEquals("unlimited",
        parse(TINY + "run /bin/t\nkernel core=unlimited\n").config().option("core", null));
  }

  @Test
  void kernelOptionsMayHaveSpacesAroundEquals() {
    assertEquals(4, parse(TINY + "run /bin/t\nkernel cpus = 4\n").config().cpus());
  }

  @Test
  void initMakesRunOptional() {
    Scenario s = parse("kernel init=/bin/t\n" + TINY);
    assertEquals("/bin/t", s.config().init());
    assertNull(s.run());
  }

  @Test
  void runArgumentsMayBeQuotedOrOddWords() {
    Scenario s = parse(TINY + "run /bin/t --flag \"two words\" a,b x=1 \"\"   # comment\n");
    assertEquals(List.of("--flag", "two words", "a,b", "x=1", ""), s.run().args());
  }

  @Test
  void runMayComeBeforeTheProgramItNames() {
    assertEquals("/bin/t", parse("run /bin/t\n" + TINY).run().path());
  }

  @Test
  void severalProgramsKeepSourceOrder() {
    Scenario s = parse("program /bin/b\nmain:\n exit 1\nend\nprogram /bin/a\nmain:\n exit 2\nend\n"
        + "run /bin/a\n");
    assertEquals("/bin/b", s.programs().get(0).path());
    assertEquals("/bin/a", s.programs().get(1).path());
  }

  @Test
  void paramLinesAreSkippedForNow() {
    assertEquals(1, parse("param n=5\n" + TINY + "run /bin/t\n").programs().size());
  }

  @Test
  void windowsLineEndingsAndByteOrderMarkAreAccepted() {
    Scenario s = parse("\uFEFF" + (TINY + "run /bin/t x\n").replace("\n", "\r\n"));
    assertEquals(List.of("x"), s.run().args());
  }

  @Test
  void fileWithoutFinalNewlineParses() {
    assertEquals("/bin/t", parse(TINY + "run /bin/t").run().path());
  }

  @Test
  void programMayStartDirectlyWithText() {
    assertEquals(1, parse(TINY + "run /bin/t\n").program("/bin/t").length());
  }

  @Test
  void sectionsMayAlternate() {
    ProgramImage p = parse("program /bin/t\ndata\na: word 1\ntext\nmain:\n exit 0\ndata\n"
        + "b: word 2\nend\nrun /bin/t\n").program("/bin/t");
    assertEquals(16, p.dataSize());
  }
}
