package io.simkernel.api.gen;

import java.util.SplittableRandom;

/**
 * The FILES family: open, read, write, close, dup2 and unlink on regular files of the in-memory
 * file system (docs/scenario-language.md, "Files"). Every block makes a file of its own under
 * {@code /tmp} (named after a label, so unique in the scenario), reads back what it wrote and
 * prints {@code -> A expect B} where the text fixes the answer: the byte counts and bytes of
 * writes the program serialises, one open file description shared across fork (posix-semantics
 * FK-3: the offset moves for both), {@code O_APPEND} writers that lose nothing, {@code dup2} of a
 * file onto fd 1, end-of-file, and {@code -ENOENT} after {@code unlink}.
 *
 * <p>Between blocks a body has only descriptors 0..2 open (every block closes what it opens and
 * forks no generated body while it holds one), so a block's first {@code open} returns 3 (open(2):
 * the lowest free descriptor). Registers: r3, r4, r5, r13, r14.
 */
final class FileActions {
  private static final int LOW_FD = 3;
  /** A descriptor number no block opens, for dup2. */
  private static final int HIGH_FD = 40;

  private final BodyWriter w;
  private final SplittableRandom rnd;
  private final Extras extras;

  FileActions(BodyWriter w, SplittableRandom rnd, Extras extras) {
    this.w = w;
    this.rnd = rnd;
    this.extras = extras;
  }

  /** The top-level lines the blocks need: a world-writable /tmp and the data file. */
  static void declarations(StringBuilder out, Extras x) {
    out.append("dir  /tmp mode=0o1777\nfile /gdata \"").append(x.dataFile).append("\"\n\n");
  }

  /** One file block, in one of five variants. */
  void file() {
    int variant = rnd.nextInt(5);
    if (variant >= 1 && variant <= 3 && !w.reserveExtraProcess()) {
      variant = rnd.nextBoolean() ? 0 : 4; // no process left for a second writer
    }
    switch (variant) {
      case 0 -> writeReadUnlink();
      case 1 -> sharedOffset();
      case 2 -> append();
      case 3 -> dupToStdout();
      default -> readDeclared();
    }
  }

  /** Write, read back through a new open, end-of-file, unlink, and the name is gone. */
  private void writeReadUnlink() {
    String path = path();
    int len = 1 + rnd.nextInt(60);
    char c = letter();
    openNew(path, "O_RDWR|O_CREAT|O_TRUNC");
    w.insn("write r3, \"" + Extras.run(c, len) + "\", " + len);
    check("file-write", "r0", len);
    w.insn("close r3");
    w.insn("open  \"" + path + "\", O_RDONLY");
    w.insn("mov   r4, r0");
    readBack(len, 0, c);
    w.insn("read  r4, [fbuf], 16");
    check("file-eof", "r0", 0);
    w.insn("close r4");
    w.insn("unlink \"" + path + "\"");
    check("file-unlink", "r0", 0);
    w.insn("open  \"" + path + "\", O_RDONLY");
    check("file-gone", "r0", -2); // ENOENT
  }

  /**
   * A child writes through the descriptor it inherited, then the parent: one open file
   * description, one offset (FK-3), so the parent's bytes follow the child's.
   */
  private void sharedOffset() {
    String path = path();
    int childLen = 1 + rnd.nextInt(40);
    int parentLen = 1 + rnd.nextInt(40);
    String child = w.label();
    openNew(path, "O_RDWR|O_CREAT|O_TRUNC");
    forkTo(child);
    w.insn("write r3, \"" + Extras.run('B', parentLen) + "\", " + parentLen);
    check("file-shared-write", "r0", parentLen);
    w.insn("read  r3, [fbuf], 16");
    check("file-shared-eof", "r0", 0); // the shared offset is at the end
    w.insn("close r3");
    w.insn("open  \"" + path + "\", O_RDONLY");
    w.insn("mov   r4, r0");
    readBack(childLen + parentLen, 0, 'A');
    loadCheck(childLen, 'B');
    closeAndUnlink(path);
    w.tail(child + ":");
    w.tail("write r3, \"" + Extras.run('A', childLen) + "\", " + childLen);
    w.tail("exit  0");
  }

  /** Parent and child append concurrently: every write lands whole, nothing is overwritten. */
  private void append() {
    String path = path();
    int childLen = 1 + rnd.nextInt(30);
    int childTimes = 1 + rnd.nextInt(4);
    int parentLen = 1 + rnd.nextInt(30);
    int parentTimes = 1 + rnd.nextInt(4);
    String child = w.label();
    openNew(path, "O_WRONLY|O_CREAT|O_TRUNC|O_APPEND");
    forkTo(child);
    appendLoop(false, 'P', parentLen, parentTimes);
    w.insn("close r3");
    w.insn("open  \"" + path + "\", O_RDONLY");
    w.insn("mov   r4, r0");
    w.insn("read  r4, [fbuf], 4096");
    check("file-append", "r0", (long) childLen * childTimes + (long) parentLen * parentTimes);
    closeAndUnlink(path);
    w.tail(child + ":");
    appendLoop(true, 'C', childLen, childTimes);
    w.tail("exit  0");
  }

  private void appendLoop(boolean inTail, char c, int len, int times) {
    String loop = w.label();
    line(inTail, "mov   r14, " + times);
    line(inTail, loop + ":");
    line(inTail, "write r3, \"" + Extras.run(c, len) + "\", " + len);
    if (rnd.nextBoolean()) {
      line(inTail, (rnd.nextBoolean() ? "compute " : "sleep ") + (1 + rnd.nextInt(300)) + "us");
    }
    line(inTail, "sub   r14, 1");
    line(inTail, "jgt   r14, 0, " + loop);
  }

  /** A child points its fd 1 at the file (dup2), so its print lands there, not on the console. */
  private void dupToStdout() {
    String path = path();
    int len = 1 + rnd.nextInt(50);
    char c = letter();
    String child = w.label();
    openNew(path, "O_WRONLY|O_CREAT|O_TRUNC");
    forkTo(child);
    w.insn("close r3");
    w.insn("open  \"" + path + "\", O_RDONLY");
    w.insn("mov   r4, r0");
    readBack(len, len - 1, c);
    closeAndUnlink(path);
    w.tail(child + ":");
    w.tail("dup2  r3, 1");
    w.tail("close r3");
    w.tail("print \"" + Extras.run(c, len) + "\"");
    w.tail("exit  0");
  }

  /** The declared file's bytes; a dup2'd descriptor shares the offset, so it reads end-of-file. */
  private void readDeclared() {
    String data = extras.dataFile;
    int at = rnd.nextInt(data.length());
    w.insn("open  \"/gdata\", O_RDONLY");
    check("file-open", "r0", LOW_FD);
    w.insn("mov   r4, r0");
    readBack(data.length(), at, data.charAt(at));
    w.insn("dup2  r4, " + HIGH_FD);
    check("file-dup2", "r0", HIGH_FD);
    w.insn("read  " + HIGH_FD + ", [fbuf], 16");
    check("file-dup-eof", "r0", 0);
    w.insn("close " + HIGH_FD);
    w.insn("close r4");
  }

  private void openNew(String path, String flags) {
    w.insn("open  \"" + path + "\", " + flags + ", 0o600");
    check("file-open", "r0", LOW_FD);
    w.insn("mov   r3, r0");
  }

  /** Forks the second writer and waits for it; its code goes to the tail at {@code child}. */
  private void forkTo(String child) {
    w.insn("fork");
    w.insn("jz    r0, " + child);
    w.insn("mov   r13, r0");
    w.insn("waitpid r13, 0"); // the writes are serialised by the wait, whatever else happens
    w.insn("print \"n" + w.id() + " file-writer -> %d status 0x%x\\n\", r0, r1");
  }

  /** Reads the whole file through r4 and checks its size and the byte at {@code at}. */
  private void readBack(int len, int at, char c) {
    w.insn("read  r4, [fbuf], 4096");
    check("file-read", "r0", len);
    loadCheck(at, c);
  }

  private void loadCheck(int at, char c) {
    w.insn("loadb r5, [fbuf+" + at + "]");
    check("file-byte", "r5", c);
  }

  private void closeAndUnlink(String path) {
    w.insn("close r4");
    w.insn("unlink \"" + path + "\"");
    check("file-unlink", "r0", 0);
  }

  private String path() {
    return "/tmp/" + w.label();
  }

  private char letter() {
    return (char) ('a' + rnd.nextInt(26));
  }

  private void line(boolean inTail, String s) {
    if (inTail) {
      w.tail(s);
    } else if (s.endsWith(":")) {
      w.labelHere(s.substring(0, s.length() - 1));
    } else {
      w.insn(s);
    }
  }

  private void check(String verb, String reg, long expect) {
    w.insn("print \"n" + w.id() + " " + verb + " -> %d expect " + expect + "\\n\", " + reg);
  }
}
