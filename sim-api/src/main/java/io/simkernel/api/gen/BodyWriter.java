package io.simkernel.api.gen;

import io.simkernel.api.gen.ScenarioGenerator.Action;
import io.simkernel.api.gen.ScenarioGenerator.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * Writes the straight-line body of one generated process: weighted actions until the body's
 * instruction budget runs out, then its one {@code exit}.
 *
 * <p>Every line a body prints has one shape, {@code n<id> <verb> [<args>] -> <result> [status
 * 0x<hex>]}, so that a checker can read the console back and hold each result against the trace
 * (ScenarioGenerator's documentation lists the verbs).
 *
 * <p>Registers, by convention, so that no action clobbers another's state: {@code r6..r11} hold
 * the PIDs of this body's children (slots, reused round-robin past six); {@code r2} is
 * scratch; {@code r12} counts loop iterations; the kernel's results land in {@code r0},
 * {@code r1}. A forked child inherits its parent's registers, so a body only ever reads the slots
 * it assigned itself — never a sibling's PID left behind by the copy.
 */
final class BodyWriter {
  private static final int SLOTS = 6;
  private static final int FIRST_SLOT = 6;
  private static final Action[] ACTIONS = Action.values();

  private final Config config;
  private final SplittableRandom rnd;
  private final int id;
  private final int depth;
  private final IntSupplier forkChild;
  private final BooleanSupplier extraProcess;
  private final StringBuilder text = new StringBuilder();
  /** Out-of-line code (the pipe writers and memory children), placed after the body's exit. */
  private final StringBuilder tail = new StringBuilder();
  private final IoActions io;
  private final WinActions win;
  private final FileActions files;
  private final LockActions locks;
  /** Slots assigned so far, in assignment order: a body waits for and kills only these. */
  private final List<Integer> assigned = new ArrayList<>();
  private int instructions;
  private int labels;
  private int forks;
  private int exitCode;
  private int kills;
  private int waits;
  private boolean subreaper;
  private boolean ignoresSigchld;

  /**
   * @param forkChild reserves a child node and returns its id, or -1 when the scenario's
   *     process budget is spent
   * @param extraProcess reserves a process that runs no generated body (a pipe writer, a
   *     memory child), or answers false when the budget is spent
   */
  BodyWriter(Config config, SplittableRandom rnd, Extras extras, int id, int depth,
      IntSupplier forkChild, BooleanSupplier extraProcess) {
    this.config = config;
    this.rnd = rnd;
    this.id = id;
    this.depth = depth;
    this.forkChild = forkChild;
    this.extraProcess = extraProcess;
    this.io = new IoActions(this, rnd);
    this.win = new WinActions(this, rnd, extras);
    this.files = new FileActions(this, rnd, extras);
    this.locks = new LockActions(this, rnd);
  }

  /** Generates the body and appends it to {@code out}. */
  void write(StringBuilder out) {
    // the main program gets the whole budget and starts with a fork, since the process tree
    // is what is under test; other bodies draw a budget, for one-liners and long bodies alike
    int budget = id == 0 ? config.maxInstructions()
        : 2 + rnd.nextInt(config.maxInstructions() - 1);
    if (id == 0 && config.weight(Action.FORK) > 0
        && budget >= Action.FORK.instructions() + 2 && allowed(Action.FORK)) {
      fork();
    }
    while (true) {
      Action a = pick(budget - instructions - 2); // two instructions are kept for the exit
      if (a == null || a == Action.EXIT) {
        break; // EXIT: an early exit, leaving whatever children are still running
      }
      emit(a);
    }
    exitCode = rnd.nextBoolean() ? 0 : 1 + rnd.nextInt(255);
    // announced, because the trace shows when an exit ends but not when it begins, and from
    // its beginning the process no longer adopts orphans (PF_EXITING in find_new_reaper)
    insn("print \"n" + id + " exit " + exitCode + " -> begin\\n\"");
    insn("exit  " + exitCode);
    out.append(text).append(tail);
  }

  int instructions() {
    return instructions;
  }

  int exitCode() {
    return exitCode;
  }

  int kills() {
    return kills;
  }

  int waits() {
    return waits;
  }

  /** A weighted choice among the actions that fit in {@code room} and make sense here. */
  private Action pick(int room) {
    int total = 0;
    int[] w = new int[ACTIONS.length];
    for (Action a : ACTIONS) {
      if (a.instructions() <= room && allowed(a)) {
        w[a.ordinal()] = config.weight(a);
        total += w[a.ordinal()];
      }
    }
    if (total == 0) {
      return null;
    }
    int r = rnd.nextInt(total);
    for (Action a : ACTIONS) {
      r -= w[a.ordinal()];
      if (r < 0) {
        return a;
      }
    }
    throw new AssertionError("unreachable");
  }

  private boolean allowed(Action a) {
    return switch (a) {
      case FORK -> depth < config.maxDepth();
      case KILL -> !assigned.isEmpty();
      case SUBREAPER -> !subreaper;
      case IGNORE_SIGCHLD -> !ignoresSigchld;
      default -> true;
    };
  }

  private void emit(Action a) {
    switch (a) {
      case FORK -> fork();
      case WAIT -> {
        waits++;
        insn("wait");
        insn("print \"n" + id + " wait -> %d status 0x%x\\n\", r0, r1");
      }
      case WAITPID -> waitpid();
      case REAP_ALL -> reapAll();
      case POLL -> poll();
      case SLEEP -> insn("sleep " + duration(config.maxSleepNs()));
      case COMPUTE -> insn("compute " + duration(config.maxComputeNs()));
      case KILL -> kill();
      case PRINT_IDS -> {
        insn("getpid");
        insn("mov   r2, r0");
        insn("getppid");
        insn("print \"n" + id + " ids -> pid %d ppid %d\\n\", r2, r0");
      }
      case PRINT_VALUE -> insn("print \"n" + id + " value -> %d\\n\", " + rnd.nextInt(1_000_000));
      case SUBREAPER -> {
        subreaper = true;
        insn("print \"n" + id + " subreaper -> begin\\n\"");
        insn("prctl PR_SET_CHILD_SUBREAPER, 1");
        insn("print \"n" + id + " subreaper -> %d\\n\", r0");
      }
      case IGNORE_SIGCHLD -> {
        ignoresSigchld = true;
        insn("print \"n" + id + " sigchld-ignore -> begin\\n\"");
        insn("signal SIGCHLD, SIG_IGN");
        insn("print \"n" + id + " sigchld-ignore -> %d\\n\", r0");
      }
      case EXEC -> io.exec();
      case PIPE -> io.pipe();
      case MMAP -> io.mmap();
      case CREATEPROCESS -> win.createProcess();
      case FILE -> files.file();
      case LOCK -> locks.lock();
      case EXIT -> throw new AssertionError("EXIT ends the body");
    }
  }

  /**
   * The child's body is generated later, breadth-first; with the process budget spent the
   * action degrades to a sleep, so that the body keeps its length.
   */
  private void fork() {
    int child = forkChild.getAsInt();
    if (child < 0) {
      insn("sleep " + duration(config.maxSleepNs()));
      return;
    }
    int slot = FIRST_SLOT + (forks++ % SLOTS);
    insn("fork");
    insn("jz    r0, n" + child);
    insn("mov   r" + slot + ", r0");
    assigned.remove((Integer) slot);
    assigned.add(slot);
  }

  private void waitpid() {
    waits++;
    String target = !assigned.isEmpty() && rnd.nextInt(10) < 7 ? slot() : "-1";
    boolean nohang = rnd.nextBoolean();
    insn("waitpid " + target + ", " + (nohang ? "WNOHANG" : "0"));
    insn("print \"n" + id + " waitpid %d " + (nohang ? 1 : 0) + " -> %d status 0x%x\\n\", "
        + target + ", r0, r1");
  }

  /** Ends with -ECHILD: each turn reaps one child, and a process has finitely many. */
  private void reapAll() {
    waits++;
    String loop = label();
    String done = label();
    text.append(loop).append(":\n");
    insn("wait");
    insn("jlt   r0, 0, " + done);
    insn("print \"n" + id + " reaped -> %d status 0x%x\\n\", r0, r1");
    insn("jmp   " + loop);
    text.append(done).append(":\n");
  }

  /**
   * Polls with WNOHANG: reaps what is ready, else sleeps a little, at most {@code rounds} times
   * — bounded, and deliberately may leave children unreaped.
   */
  private void poll() {
    waits++;
    String loop = label();
    String idle = label();
    String done = label();
    insn("mov   r12, " + (1 + rnd.nextInt(4)));
    text.append(loop).append(":\n");
    insn("waitpid -1, WNOHANG");
    insn("jlt   r0, 0, " + done);
    insn("jz    r0, " + idle);
    insn("print \"n" + id + " polled -> %d status 0x%x\\n\", r0, r1");
    insn("jmp   " + loop);
    text.append(idle).append(":\n");
    insn("sleep " + duration(Math.min(config.maxSleepNs(), 1_000_000L)));
    insn("sub   r12, 1");
    insn("jgt   r12, 0, " + loop);
    text.append(done).append(":\n");
  }

  /** Kills a child this body forked; the guard skips a slot whose fork failed. */
  private void kill() {
    kills++;
    String reg = slot();
    String skip = label();
    String sig = rnd.nextBoolean() ? "SIGKILL" : "SIGTERM";
    insn("jle   " + reg + ", 0, " + skip);
    insn("kill  " + reg + ", " + sig);
    insn("print \"n" + id + " kill %d %d -> %d\\n\", " + reg + ", " + sig + ", r0");
    text.append(skip).append(":\n");
  }

  private String slot() {
    return "r" + assigned.get(rnd.nextInt(assigned.size()));
  }

  int id() {
    return id;
  }

  boolean reserveExtraProcess() {
    return extraProcess.getAsBoolean();
  }

  Config config() {
    return config;
  }

  /** Appends a line of out-of-line code (a label line when it ends with a colon). */
  void tail(String line) {
    tail.append(line.endsWith(":") ? "" : "  ").append(line).append('\n');
  }

  void labelHere(String label) {
    text.append(label).append(":\n");
  }

  String label() {
    return "n" + id + "_" + labels++;
  }

  /** A duration in whole microseconds from 1 µs to {@code maxNs}. */
  String duration(long maxNs) {
    return (1 + rnd.nextLong(Math.max(1, maxNs / 1000))) + "us";
  }

  void insn(String s) {
    text.append("  ").append(s).append('\n');
    instructions++;
  }
}
