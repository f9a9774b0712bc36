package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * execve's errors through the file system, posix-semantics EX-9 ("the old image keeps running"),
 * with execve(2)'s ERRORS and fs/exec.c's order: the path (ENAMETOOLONG, ENOENT, ENOTDIR, EACCES
 * for a directory on the way without search permission), then the file (EACCES for a directory
 * or a file without execute permission, for root too when no x bit is set), then argv (E2BIG),
 * then the binary handlers (ENOEXEC).
 */
class ExecErrorsTest {
  private static final String FILES = """
      file /data/notes.txt "plain text" mode=0o644
      file /bin/script "not an image" mode=0o755
      program /secret/tool
      text
      main:
        exit 0
      end
      dir /secret mode=0o700
      program /opt/noexec
      text
      main:
        exit 0
      end
      """;

  private static String tryExec(String path, String setup) {
    return FILES + """
        program /bin/t
        data
          x: word 7
        text
        main:
        """ + setup + """
          mov r9, 99
          execve "PATH"
          print "%e r9=%d ", r0, r9
          load r1, [x]
          print "x=%d\\n", r1
          exit 3
        end
        run /bin/t
        """.replace("PATH", path);
  }

  private static String errorOf(String path, String setup) {
    Sim.Run r = completed(tryExec(path, setup));
    assertEquals(3, r.exitStatus(), "EX-9: the old image kept running to its own exit");
    String out = r.stdout();
    assertEquals(" r9=99 x=7\n", out.substring(out.indexOf(' ')),
        "EX-9: registers and memory of the old image are intact");
    return out.substring(0, out.indexOf(' '));
  }

  @Test
  void missingFile_ENOENT_EX9() {
    assertEquals("-ENOENT", errorOf("/bin/nope", ""));
    assertEquals("-ENOENT", errorOf("/nodir/nope", ""));
    assertEquals("-ENOENT", errorOf("./does-not-exist", ""));
  }

  @Test
  void fileWithoutExecutePermission_EACCES_EX9() {
    assertEquals("-EACCES", errorOf("/data/notes.txt", ""), "root too: no x bit at all");
    assertEquals("-EACCES", errorOf("/data/notes.txt", "  setuid 1000\n"));
  }

  @Test
  void aDirectory_EACCES_EX9() {
    assertEquals("-EACCES", errorOf("/data", ""));
    assertEquals("-EACCES", errorOf("/", ""));
  }

  @Test
  void aDirectoryOnTheWayThatMayNotBeSearched_EACCES_EX9() {
    assertEquals("-EACCES", errorOf("/secret/tool", "  setuid 1000\n"));
  }

  @Test
  void rootSearchesAnyDirectory_EX9() {
    Sim.Run r = completed(tryExec("/secret/tool", ""));
    assertEquals(0, r.exitStatus(), "root passes the 0700 directory and runs the tool");
  }

  @Test
  void aComponentThatIsNotADirectory_ENOTDIR_EX9() {
    assertEquals("-ENOTDIR", errorOf("/data/notes.txt/x", ""));
    assertEquals("-ENOTDIR", errorOf("/bin/script/", ""));
  }

  @Test
  void anExecutableFileThatIsNoImage_ENOEXEC_EX9() {
    assertEquals("-ENOEXEC", errorOf("/bin/script", ""));
  }

  @Test
  void aFileOpenForWriting_ETXTBSY_EX9() {
    assertEquals("-ETXTBSY", errorOf("/opt/noexec", "  open \"/opt/noexec\", O_WRONLY\n"));
    assertEquals("-ETXTBSY", errorOf("/bin/script", "  open \"/bin/script\", O_RDWR\n"),
        "before ENOEXEC: the file is opened first");
    Sim.Run r = completed(tryExec("/opt/noexec", """
          open "/opt/noexec", O_WRONLY
          close r0
          open "/opt/noexec", O_RDONLY
        """));
    assertEquals(0, r.exitStatus(), "closed, or only read: the exec goes ahead");
  }

  @Test
  void tooLongPathOrComponent_ENAMETOOLONG_EX9() {
    assertEquals("-ENAMETOOLONG", errorOf("/" + "a".repeat(256), ""));
    assertEquals("-ENAMETOOLONG", errorOf("/a".repeat(2048), ""));
  }

  @Test
  void argvLargerThanArgMax_E2BIG_comesAfterThePathButBeforeENOEXEC_EX9() {
    String big = "y".repeat(70_000);
    String ok = FILES + """
        program /bin/t
        text
        main:
          execve "/opt/noexec", "BIG", "BIG"
          print "image=%e ", r0
          execve "/bin/script", "BIG", "BIG"
          print "script=%e ", r0
          execve "/data/notes.txt", "BIG", "BIG"
          print "noperm=%e ", r0
          execve "/nope", "BIG", "BIG"
          print "missing=%e\\n", r0
          exit 0
        end
        run /bin/t
        """.replace("BIG", big);
    Sim.Run r = completed(ok);
    assertEquals("image=-E2BIG script=-E2BIG noperm=-EACCES missing=-ENOENT\n", r.stdout());
  }

  @Test
  void relativePathsResolveFromTheRoot_EX1() {
    Sim.Run r = completed(FILES + """
        program /bin/t
        text
        main:
          execve "opt/../opt/./noexec"
          exit 9
        end
        run /bin/t
        """);
    assertEquals(0, r.exitStatus(), "the new image ran and exited 0");
  }

  @Test
  void anImageUnlinkedFromItsPathIsGoneForExecButKeepsRunning_unlink2_EX9() {
    Sim.Run r = completed("""
        program /bin/t
        text
        main:
          unlink "/bin/t"
          print "unlink=%d ", r0
          execve "/bin/t"
          print "exec=%e\\n", r0
          exit 0
        end
        run /bin/t
        """);
    assertEquals("unlink=0 exec=-ENOENT\n", r.stdout());
  }

  /**
   * examples/exec-errors.sks against the real capture shared/traces/exec-errors: bash's output
   * (stdout and stderr were one file there) is the simulator's, line for line (EX-9, EX-1).
   */
  @Test
  void theExampleMatchesTheRealCapturesOutput_EX9() throws java.io.IOException {
    String real;
    try (java.io.InputStream in = getClass().getResourceAsStream(
        "/ground-truth/exec-errors/stdout.txt")) {
      real = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    Sim.Run r = completed(java.nio.file.Files.readString(
        java.nio.file.Path.of("../examples/exec-errors.sks")));
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    String trailer = "exit status of the traced command: "; // added by the capture tool
    for (String line : real.split("\n")) {
      if (line.startsWith(trailer)) {
        assertEquals(Integer.parseInt(line.substring(trailer.length())), r.exitStatus());
        continue;
      }
      (line.startsWith("run.sh:") ? err : out).append(line).append('\n');
    }
    assertEquals(out.toString(), r.stdout());
    assertEquals(err.toString(), r.stderr());
  }
}
