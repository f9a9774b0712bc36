package io.simkernel.kernel.asm;

import static io.simkernel.kernel.asm.Scenarios.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.scenario.FileEntry;
import io.simkernel.api.scenario.Scenario;
import org.junit.jupiter.api.Test;

/** The {@code file} and {@code dir} lines and the {@code 0o} octal literal. */
class FileLineTest {
  private static final String RUN = "program /bin/t\nmain: exit 0\nend\nrun /bin/t\n";

  private static void assertError(String text, String prefix, String gist) {
    String f = error(text).format();
    assertTrue(f.startsWith(prefix), () -> "expected prefix " + prefix + " in: " + f);
    assertTrue(f.contains(gist), () -> "expected `" + gist + "` in: " + f);
  }

  @Test
  void filesAndDirectoriesWithModesAndOwners() {
    Scenario s = ScenarioParser.parse("t.sks", "file /etc/motd \"hi\\n\"\n"
        + "file /home/a/n \"x\" mode=0o600 uid=1000\ndir /home/a mode=rwx------ uid=1000\n"
        + RUN);
    assertEquals(3, s.files().size());
    assertEquals(new FileEntry("/etc/motd", "hi\n", 0644, 0, false), s.files().get(0));
    assertEquals(new FileEntry("/home/a/n", "x", 0600, 1000, false), s.files().get(1));
    assertEquals(new FileEntry("/home/a", "", 0700, 1000, true), s.files().get(2));
  }

  @Test
  void octalOperands() {
    Scenario s = ScenarioParser.parse("t.sks",
        "program /bin/t\nmain: open \"/f\", O_CREAT, 0o640\nexit 0\nend\nrun /bin/t\n");
    assertEquals(0640, s.program("/bin/t").operandValue(0, 2));
    assertError("program /bin/t\nmain: open \"/f\", O_CREAT, 0o8\nexit 0\nend\nrun /bin/t\n",
        "t.sks:2:27: error: `0o8` is not an octal number", "0o644");
  }

  @Test
  void errorsPointAtTheWord() {
    assertError("file /f \"x\" mode=0644\n" + RUN, "t.sks:1:13: error: bad mode `0644`",
        "0o644");
    assertError("file /f \"x\" mode=rwxrwxrwz\n" + RUN, "t.sks:1:13: error: bad mode",
        "rw-r--r--");
    assertError("file /f \"x\" uid=-1\n" + RUN, "t.sks:1:13: error: bad uid `-1`", "4294967294");
    assertError("file /f \"x\" owner=1\n" + RUN, "t.sks:1:13: error: unexpected `owner=1`",
        "mode=0o644");
    assertError("file /f\n" + RUN, "t.sks:1:8: error: `file /f` needs its contents",
        "\"text\"");
    assertError("file f \"x\"\n" + RUN, "t.sks:1:6: error: `f` is not an absolute path", "/");
    assertError("file /bin/t \"x\"\n" + RUN, "t.sks:2:9: error: /bin/t is already defined",
        "each path once");
    assertError("file /f \"x\"\ndir /f\n" + RUN, "t.sks:2:5: error: /f is already defined",
        "each path once");
  }
}
