package io.simkernel.kernel.property;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.simkernel.api.run.StopReason;
import io.simkernel.kernel.Sim;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random programs of file calls — open with and without O_APPEND and O_CLOEXEC, write, read,
 * dup2, close, unlink, fork, exec — run in checked mode, so the {@code files} and
 * {@code open-files} invariants hold after every event (reference counts equal descriptors; an
 * unlinked inode lives exactly while open). On top, a model of O_APPEND (open(2)): every
 * process appends its bytes to /log only through O_APPEND descriptions, so the file ends up
 * with exactly the bytes written, whatever the interleaving — nothing lost, nothing torn.
 */
class FileOpsPropertyTest {
  private static final String[] PATHS = {"/f", "/g", "/d/h"};

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
  void randomFileCallsKeepTheInvariantsAndAppendsLoseNothing(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder("kernel cpus=2\ndir /d mode=0o777\n");
    sb.append("program /bin/other\ntext\nmain:\n  write 3, \"E\", 1\n  exit 0\nend\n");
    sb.append("program /bin/t\ndata\n  buf: space 64\n  all: space 2048\ntext\nmain:\n");
    sb.append("  open \"/log\", O_WRONLY|O_CREAT|O_APPEND\n  mov r6, r0\n  dup2 r6, 9\n  close r6\n");
    int children = 1 + rnd.nextInt(3);
    long appended = 0;
    for (int c = 0; c < children; c++) {
      sb.append("  fork\n  jz r0, child").append(c).append('\n');
    }
    appended += body(sb, rnd, "parent", 9);
    sb.append("reap:\n  wait\n  jge r0, 0, reap\n  open \"/log\", O_RDONLY\n")
        .append("  mov r6, r0\n  mov r8, all\nsize:\n  read r6, [r8], 64\n  add r8, r0\n")
        .append("  add r7, r0\n  jgt r0, 0, size\n")
        .append("  print \"log=%d %s\\n\", r7, all\n  exit 0\n");
    for (int c = 0; c < children; c++) {
      sb.append("child").append(c).append(":\n");
      appended += body(sb, rnd, "c" + c, 9);
      sb.append("  exit 0\n");
    }
    sb.append("end\nrun /bin/t\n");
    Sim.Run r = Sim.run(sb.toString());
    assertEquals(StopReason.COMPLETED, r.result().reason(), () -> r.result().detail() + "\n"
        + sb);
    assertEquals("log=" + appended, r.stdout().substring(0, r.stdout().indexOf(' ')), () -> "O_APPEND lost or added bytes: " + r.stdout() + "\n"
        + sb);
    assertEquals(true, r.stdout().matches("log=\\d+ [PC]*\n"), () -> "only the appended"
        + " bytes, each write whole: " + r.stdout());
  }

  /** Random calls; returns the bytes it appends to /log through fd 9. */
  private static long body(StringBuilder sb, SplittableRandom rnd, String who, int logFd) {
    long appended = 0;
    int n = 4 + rnd.nextInt(12);
    for (int i = 0; i < n; i++) {
      String path = PATHS[rnd.nextInt(PATHS.length)];
      switch (rnd.nextInt(9)) {
        case 0 -> sb.append("  open \"").append(path).append("\", O_RDWR|O_CREAT")
            .append(rnd.nextBoolean() ? "|O_APPEND" : "")
            .append(rnd.nextBoolean() ? "|O_CLOEXEC" : "").append('\n');
        case 1 -> sb.append("  write ").append(3 + rnd.nextInt(4)).append(", \"data\", 4\n");
        case 2 -> sb.append("  read ").append(3 + rnd.nextInt(4)).append(", [buf], 8\n");
        case 3 -> sb.append("  dup2 ").append(3 + rnd.nextInt(4)).append(", ")
            .append(3 + rnd.nextInt(4)).append('\n');
        case 4 -> sb.append("  close ").append(3 + rnd.nextInt(4)).append('\n');
        case 5 -> sb.append("  unlink \"").append(path).append("\"\n");
        case 6 -> sb.append("  sleep ").append(1 + rnd.nextInt(3)).append("ms\n");
        case 7 -> {
          int len = 1 + rnd.nextInt(6);
          sb.append("  write ").append(logFd).append(", \"").append(who.charAt(0) == 'p' ? "P"
              .repeat(len) : "C".repeat(len)).append("\", ").append(len).append('\n');
          appended += len;
        }
        default -> sb.append("  fork\n  jnz r0, ").append(who).append("_k").append(i)
            .append("\n  execve \"/bin/other\"\n  exit 1\n").append(who).append("_k")
            .append(i).append(":\n");
      }
    }
    return appended;
  }
}
