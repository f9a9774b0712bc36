package io.simkernel.kernel.asm;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.simkernel.api.program.ProgramImage;
import io.simkernel.api.scenario.Scenario;

/** Helpers shared by the assembler's tests. */
final class Scenarios {
  private Scenarios() {}

  static final String FILE = "t.sks";

  /** DESIGN.md's example scenario, verbatim. */
  static final String DESIGN_EXAMPLE = """
      # comment to end of line
      kernel cpus=2 timeslice=4ms seed=42 memory=1GiB pid_max=32768 nproc=4096   # all optional
      # (also: init=/bin/x to give pid 1 a program of its own instead of the built-in reaper)

      program /bin/parent            # an image at that path; `end` closes it
      data                           # optional data section
        counter: word 0
        buf:     space 64KiB
        hello:   string "hello\\n"
      text
      main:                          # entry point
        fork                         # r0 = child pid in the parent, 0 in the child
        jz    r0, child
        mov   r6, r0
        waitpid r6, 0                # r0 = pid or -errno, r1 = status
        wexitstatus r2, r1
        print "child exited with %d\\n", r2
        exit  0
      child:
        store [counter], 5
        compute 3ms
        exit  3
      end

      run /bin/parent arg1 arg2      # started by init (pid 1) as pid 2
      """;

  static Scenario parse(String text) {
    return ScenarioParser.parse(FILE, text);
  }

  /** A scenario of one program /bin/t whose body (data and text) is given. */
  static ProgramImage program(String body) {
    return parse("program /bin/t\n" + body + "\nend\nrun /bin/t\n").program("/bin/t");
  }

  /** A program whose text is {@code main:} followed by the given lines. */
  static ProgramImage text(String lines) {
    return program("data\n  buf: space 64\n  w: word 0\ntext\nmain:\n" + lines);
  }

  static ScenarioException error(String text) {
    return assertThrows(ScenarioException.class, () -> parse(text));
  }
}
