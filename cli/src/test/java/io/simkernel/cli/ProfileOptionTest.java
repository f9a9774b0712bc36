package io.simkernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simkernel run --profile} (issue 9, docs/cli.md): the report says where the wall time
 * went, and the run is the same run — the trace file is byte for byte the one written without it.
 */
class ProfileOptionTest {
  @TempDir
  Path dir;

  private static final String FORKS = """
      program /bin/forks
      text
      main:
        mov r8, 50
      loop:
        fork
        jz r0, child
        waitpid r0, 0
        sub r8, 1
        jnz r8, loop
        print "done\\n"
        exit 0
      child:
        exit 0
      end
      run /bin/forks
      """;

  private Path scenario() throws IOException {
    Path p = dir.resolve("forks.sks");
    Files.writeString(p, FORKS, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void theReportSaysWhereTheWallTimeWent() throws IOException {
    CliHarness.Outcome o = CliHarness.run("run", "--profile", scenario().toString());
    assertEquals(0, o.status());
    assertEquals("done\n", o.stdout(), "the profile goes with the report, not on stdout");
    String err = o.stderr();
    assertTrue(err.contains("simkernel report"), err);
    for (String s : new String[] {"profile:", "interpreter (user code)", "event loop and scheduler",
        "system calls", "memory faults", "fork: address-space copy", "signals",
        "tracing (hash and sink)", "system calls by self time", "50 calls"}) {
      assertTrue(err.contains(s), s + " missing from:\n" + err);
    }
  }

  @Test
  void quietWithProfilePrintsTheProfileAlone() throws IOException {
    CliHarness.Outcome o = CliHarness.run("run", "--quiet", "--profile", scenario().toString());
    assertTrue(o.stderr().startsWith("profile:"), o.stderr());
    assertFalse(o.stderr().contains("simkernel report"), o.stderr());
  }

  @Test
  void profilingChangesNoByteOfTheTrace() throws IOException {
    Path s = scenario();
    Path plain = dir.resolve("plain.jsonl");
    Path profiled = dir.resolve("profiled.jsonl");
    CliHarness.run("run", "--quiet", "--trace", plain.toString(), s.toString());
    CliHarness.run("run", "--quiet", "--profile", "--trace", profiled.toString(), s.toString());
    assertEquals(Files.readString(plain), Files.readString(profiled));
  }
}
