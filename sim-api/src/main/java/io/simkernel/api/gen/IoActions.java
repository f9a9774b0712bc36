package io.simkernel.api.gen;

import io.simkernel.api.gen.ScenarioGenerator.Config;
import java.util.SplittableRandom;

/**
 * The generated actions beyond the process tree: exec, pipes and memory. Each is a
 * self-contained block — what it forks it also reaps, what it opens or maps it also closes or
 * unmaps — so that it composes with any body around it and the run still ends on its own.
 *
 * <p>Registers: {@code r3}, {@code r4}, {@code r5} and {@code r13} are this class's scratch
 * ({@link BodyWriter} uses r0..r2, r6..r12). Every result is printed in the generator's shape,
 * {@code n<id> <verb> [<args>] -> <result>}; the memory block prints {@code -> A expect B}, and
 * {@link SelfChecks} holds A against B.
 */
final class IoActions {
  private static final int EXEC_TARGETS = 3;
  private static final long[] CHUNKS = {1, 100, 4096, 5000, 65536};

  private final BodyWriter w;
  private final SplittableRandom rnd;

  IoActions(BodyWriter w, SplittableRandom rnd) {
    this.w = w;
    this.rnd = rnd;
  }

  /** {@code /bin/gx0..2}: print their ids, sometimes sleep, and exit with a code of their own. */
  static void execTargets(StringBuilder out, SplittableRandom rnd, Config config) {
    for (int k = 0; k < EXEC_TARGETS; k++) {
      int code = rnd.nextInt(256);
      out.append("\nprogram /bin/gx").append(k).append("\ntext\nmain:\n")
          .append("  getpid\n  mov   r2, r0\n  getppid\n")
          .append("  print \"x").append(k).append(" ids -> pid %d ppid %d\\n\", r2, r0\n");
      if (rnd.nextBoolean()) {
        out.append("  sleep ").append(1 + rnd.nextLong(Math.max(1, config.maxSleepNs() / 1000)))
            .append("us\n");
      }
      out.append("  print \"x").append(k).append(" exit ").append(code)
          .append(" -> begin\\n\"\n  exit  ").append(code).append("\nend\n");
    }
  }

  /** An exec of another program, or (one time in three) of a path that does not exist. */
  void exec() {
    String path = rnd.nextInt(3) == 0 ? "/bin/missing" : "/bin/gx" + rnd.nextInt(EXEC_TARGETS);
    int id = w.id();
    w.insn("print \"n" + id + " exec " + path.length() + " -> begin\\n\"");
    w.insn("execve \"" + path + "\", \"arg\"");
    // reached only when the exec failed; Linux: -ENOENT for a missing file (execve(2))
    w.insn("print \"n" + id + " exec " + path.length() + " -> %d\\n\", r0");
  }

  /** A pipe to a writer child, in one of four variants (see ScenarioGenerator.Action#PIPE). */
  void pipe() {
    int id = w.id();
    if (!w.reserveExtraProcess()) {
      w.insn("sleep " + w.duration(w.config().maxSleepNs()));
      return;
    }
    int variant = rnd.nextInt(4); // 0 transfer, 1 SIGPIPE, 2 EPIPE, 3 dup2 to stdout
    long chunk = CHUNKS[rnd.nextInt(CHUNKS.length)];
    long total = 1 + rnd.nextLong(Math.min(200_000L, chunk * 40));
    String writer = w.label();
    String loop = w.label();
    String done = w.label();
    w.insn("pipe");
    w.insn("mov   r3, r1");
    w.insn("mov   r4, r2");
    w.insn("fork");
    w.insn("jz    r0, " + writer);
    w.insn("mov   r13, r0");
    w.insn("close r4");
    w.insn("mov   r5, 0");
    if (variant == 1 || variant == 2) {
      w.insn("jmp   " + done); // the reader goes away before reading anything
    }
    w.labelHere(loop);
    w.insn("read  r3, [gbuf], " + chunk);
    w.insn("jle   r0, 0, " + done);
    w.insn("add   r5, r0");
    w.insn("jmp   " + loop);
    w.labelHere(done);
    w.insn("close r3");
    // everything written arrives, in order, before end-of-file (pipe(7)); nothing when the
    // reader left first
    long expect = variant == 0 ? total : variant == 3 ? piped(id, total).length() : 0;
    w.insn("print \"n" + id + " pipe-read " + variant + " -> %d expect " + expect
        + "\\n\", r5");
    w.insn("waitpid r13, 0");
    w.insn("print \"n" + id + " pipe-writer " + variant + " -> %d status 0x%x\\n\", r0, r1");
    writer(writer, variant, chunk, total);
  }

  private void writer(String label, int variant, long chunk, long total) {
    int id = w.id();
    String loop = w.label();
    String end = w.label();
    w.tail(label + ":");
    w.tail("close r3");
    if (variant == 2) {
      w.tail("signal SIGPIPE, SIG_IGN");
    }
    if (variant == 3) {
      w.tail("dup2  r4, 1");
      w.tail("close r4");
      w.tail("print \"" + piped(id, total).replace("\n", "\\n") + "\""); // into the pipe
      w.tail("exit  0");
      return;
    }
    w.tail("mov   r5, " + total);
    String sized = w.label();
    w.tail(loop + ":");
    w.tail("mov   r2, r5"); // this write: what is left, at most one chunk
    w.tail("jle   r2, " + chunk + ", " + sized);
    w.tail("mov   r2, " + chunk);
    w.tail(sized + ":");
    w.tail("write r4, [gbuf], r2");
    w.tail("jle   r0, 0, " + end);
    w.tail("sub   r5, r0");
    w.tail("jgt   r5, 0, " + loop);
    w.tail(end + ":");
    w.tail("print \"n" + id + " pipe-write " + variant + " -> %d\\n\", r0");
    w.tail("exit  0");
  }

  private static String piped(int id, long total) {
    return "n" + id + " piped " + total + "\n";
  }

  /** Anonymous memory written before and after a fork; the parent checks what it sees. */
  void mmap() {
    int id = w.id();
    boolean shared = rnd.nextBoolean();
    long pages = 1 + rnd.nextInt(16);
    long len = pages * 4096;
    long off = 8 * rnd.nextLong(len / 8);
    long mine = 1 + rnd.nextInt(1_000_000);
    long theirs = mine + 1 + rnd.nextInt(1000);
    w.insn("mmap  " + len + ", PROT_READ|PROT_WRITE, "
        + (shared ? "MAP_SHARED" : "MAP_PRIVATE") + "|MAP_ANONYMOUS");
    w.insn("mov   r3, r0");
    w.insn("store [r3+" + off + "], " + mine);
    String kind = shared ? "shared" : "private";
    if (!w.reserveExtraProcess()) {
      w.insn("load  r5, [r3+" + off + "]");
      w.insn("print \"n" + id + " mmap-" + kind + " -> %d expect " + mine + "\\n\", r5");
    } else {
      String child = w.label();
      w.insn("fork");
      w.insn("jz    r0, " + child);
      w.insn("mov   r13, r0");
      w.insn("waitpid r13, 0");
      w.insn("load  r5, [r3+" + off + "]");
      // MAP_PRIVATE: the child's store went to its own copy (copy-on-write, posix-semantics
      // section 18); MAP_SHARED: both map the same pages
      w.insn("print \"n" + id + " mmap-" + kind + " -> %d expect " + (shared ? theirs : mine)
          + "\\n\", r5");
      w.tail(child + ":");
      w.tail("touch r3, " + len + ", write");
      w.tail("store [r3+" + off + "], " + theirs);
      w.tail("load  r5, [r3+" + off + "]");
      w.tail("print \"n" + id + " mmap-child -> %d expect " + theirs + "\\n\", r5");
      w.tail("exit  0");
    }
    w.insn("munmap r3, " + len);
  }
}
