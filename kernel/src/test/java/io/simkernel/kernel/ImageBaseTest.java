package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.run.RunResult;
import io.simkernel.api.run.StopReason;
import io.simkernel.api.trace.EventKind;
import io.simkernel.api.trace.TraceEvent;
import io.simkernel.kernel.asm.ScenarioException;
import io.simkernel.kernel.asm.ScenarioParser;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The image's preferred base and the loader's base relocation (createprocess-and-multiprocessing
 * A30, A34, A36, A37), and the {@code image_load} event execve emits.
 */
class ImageBaseTest {
  /** Prints its labels' addresses relative to main, and uses every kind of relocated operand. */
  private static String program(String header) {
    return header + """

        data
          x: word 5
          y: word 0
        text
        main:
          mov r2, main
          mov r3, x
          sub r3, r2
          print "main=%x x-main=%d ", r2, r3
          load r4, [x]
          store [x], 7
          mov r3, x
          load r5, [r3]
          call f
          sigaction SIGUSR1, h
          getpid
          kill r0, SIGUSR1
          sleep 1ms
          load r7, [y]
          print "lit r4=%d r5=%d r6=%d r7=%d\\n", r4, r5, r6, r7
          exit 0
        f:
          mov r6, 9
          ret
        h:
          store [y], 11
          ret
        end
        """;
  }

  private static String run(String header) {
    return program(header) + "run /bin/r\n";
  }

  @Test
  void aProgramAtItsPreferredBaseIsNotRelocated() { // A36: no fixups when the base is free
    Sim.Run r = completed(run("program /bin/r base=0x10000000"));
    assertEquals("main=10000000 x-main=", r.stdout().substring(0, 21));
    assertTrue(r.stdout().endsWith("lit r4=5 r5=7 r6=9 r7=11\n"), r.stdout());
  }

  @Test
  void theDefaultBaseIsTodaysLayout() {
    Sim.Run r = completed(run("program /bin/r"));
    assertTrue(r.stdout().startsWith("main=400000 "), r.stdout());
  }

  @Test
  void aProgramWhoseBaseIsTakenRunsIdenticallyAtTheNewBase() {
    // A36: below vm.mmap_min_addr (the null guard) or over the stack the preferred base cannot
    // be used; the image goes to ELF_ET_DYN_BASE and every address in it moves by the delta.
    Sim.Run at = completed(run("program /bin/r base=0x10000000"));
    for (String base : new String[] {"0x1000", "0x7fffff7fe000"}) {
      Sim.Run moved = completed(run("program /bin/r base=" + base));
      assertTrue(moved.stdout().startsWith("main=555555554000 "), moved.stdout());
      assertEquals(at.stdout().substring(at.stdout().indexOf(' ')),
          moved.stdout().substring(moved.stdout().indexOf(' ')),
          "same label distances, same data, same calls, same handler, same literal");
    }
  }

  @Test
  void execveEmitsImageLoadWithTheRelocatedBase() {
    String text = program("program /bin/r base=0x1000") + """
        program /bin/p
        text
        main:
          execve "/bin/r"
          exit 127
        end
        run /bin/p
        """;
    Sim.Run r = completed(text);
    List<TraceEvent> loads = Behaviour.events(r, EventKind.IMAGE_LOAD);
    assertEquals(1, loads.size(), "execve loads an image; the first program is started by boot");
    TraceEvent e = loads.get(0);
    assertEquals("/bin/r", e.text());
    assertEquals(0x555555554000L, e.c(), "relocated: c is the base used");
    assertEquals(3, e.a(), "a text, a read-only data and a data page mapped");
    int load = r.events().indexOf(e);
    assertEquals(EventKind.SCHED_PROCESS_EXEC, r.events().get(load + 1).kind());
    Sim.Run plain = completed(text.replace("base=0x1000", ""));
    assertEquals(0, Behaviour.events(plain, EventKind.IMAGE_LOAD).get(0).c(), "not relocated");
    assertTrue(r.result().memory().cowCopies() > plain.result().memory().cowCopies(),
        "the fixed-up text page is a private copy (A35, A36)");
  }

  @Test
  void aBaseThatIsNotPageAlignedIsASyntaxError() {
    ScenarioException e = assertThrows(ScenarioException.class,
        () -> ScenarioParser.parse("x.sks", run("program /bin/r base=0x1234")));
    assertTrue(e.format().startsWith("x.sks:1:16: error: bad image base `0x1234`"),
        e.format());
  }

  private static final String SHARED = program("program /bin/r") + """
      program /bin/p
      text
      main:
        fork
        jz r0, child
        fork
        jz r0, child
        execve "/bin/r"
      child:
        execve "/bin/r"
        exit 127
      end
      run /bin/p
      """;

  @Test
  void imageTextIsSharedByEveryProcessOfTheImage() { // issue 5 invariant, A34
    Sim.Run r = completed(SHARED);
    assertEquals(3, Behaviour.events(r, EventKind.IMAGE_LOAD).size());
  }

  @Test
  void theCheckerCatchesPrivateImageText() { // planted bug: each exec maps its own text frames
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<TraceEvent> events = new ArrayList<>();
    RunResult r = Kernel.boot(ScenarioParser.parse("t.sks", SHARED),
        KernelOptions.of(out, out).withChecked(true).withSink(events::add)
            .withPlantedBug(KernelOptions.BUG_PRIVATE_IMAGE_TEXT)).run();
    assertEquals(StopReason.INVARIANT_VIOLATION, r.reason());
    assertTrue(r.detail().contains("image-text-shared")
        || r.detail().contains("from other frames"), r.detail());
  }

  @Test
  void relocationIsDeterministic() {
    String text = run("program /bin/r base=0x1000");
    assertEquals(Sim.run(text).result().eventHash(), Sim.run(text).result().eventHash());
    assertNotEquals(0, Sim.run(text).events().size());
  }

  /** A parent that times one call starting /bin/r and prints the virtual nanoseconds it took. */
  private static String timed(String call, String base) {
    return program("program /bin/r " + base) + """
        program /bin/p
        text
        main:
          clock
          mov r6, r0
          fork
          jz r0, child
          wait
          clock
          sub r0, r6
          print "%d", r0
          exit 0
        child:
          CALL
          exit 127
        end
        run /bin/p
        """.replace("CALL", call);
  }

  @Test
  void createProcessRelocatesToo() { // A36, A37: CreateProcess maps the image like exec
    Sim.Run r = completed("""
        program /bin/parent
        text
        main:
          CreateProcess "/bin/r", "r", 0, FALSE
          mov r6, r0
          WaitForSingleObject r6, INFINITE
          exit 0
        end
        """ + run("program /bin/r base=0x1000").replace("run /bin/r", "run /bin/parent"));
    assertTrue(r.stdout().startsWith("main=555555554000 "), r.stdout());
    assertTrue(r.stdout().endsWith("lit r4=5 r5=7 r6=9 r7=11\n"), r.stdout());
    assertEquals(0x555555554000L, Behaviour.events(r, EventKind.IMAGE_LOAD).get(0).c());
  }

  @Test
  void aRelocatedExecIsChargedForItsFixedUpPage() { // cost-model.md: relocated images
    long at = Long.parseLong(completed(timed("execve \"/bin/r\"", "")).stdout()
        .replaceAll(".*\n", ""));
    long moved = Long.parseLong(completed(timed("execve \"/bin/r\"", "base=0x1000")).stdout()
        .replaceAll(".*\n", ""));
    assertTrue(moved > at, "relocation costs: " + moved + " vs " + at);
  }
}
