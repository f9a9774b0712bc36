package io.simkernel.api.gen;

import java.util.SplittableRandom;

/**
 * Seeded signal storms: a parent with a few children in process groups of their own or shared,
 * the children installing handlers (some with {@code SA_RESTART}, {@code SA_NODEFER},
 * {@code SA_RESETHAND}, {@code SA_SIGINFO}), blocking and unblocking signals and sleeping or
 * computing in bounded loops, while the parent fires random signals at them — to one process or
 * to a group, stops and continues included — and watches stops and continues with WUNTRACED and
 * WCONTINUED waits. At the end the parent kills every child with SIGKILL and reaps them all, so
 * every storm ends. A seed in, a scenario out; nothing else is random.
 */
public final class SignalStormGenerator {
  private static final String[] CATCHABLE = {"SIGHUP", "SIGINT", "SIGUSR1", "SIGUSR2", "SIGTERM",
      "SIGALRM", "SIGCHLD", "SIGURG", "SIGWINCH", "SIGRTMIN", "35", "40"};
  private static final String[] SENT = {"SIGHUP", "SIGINT", "SIGUSR1", "SIGUSR2", "SIGTERM",
      "SIGALRM", "SIGURG", "SIGWINCH", "SIGSTOP", "SIGTSTP", "SIGCONT", "SIGCONT", "SIGRTMIN",
      "35", "40", "0"};
  private static final String[] FLAGS = {"0", "SA_RESTART", "SA_NODEFER", "SA_RESETHAND",
      "SA_SIGINFO", "SA_RESTART|SA_SIGINFO"};

  private SignalStormGenerator() {}

  /** The scenario text for a seed. */
  public static String generate(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int children = 1 + r.nextInt(4);
    StringBuilder sb = new StringBuilder();
    sb.append("# signal storm, seed ").append(seed).append('\n');
    sb.append("kernel cpus=").append(1 + r.nextInt(3)).append(" timeslice=")
        .append(1 + r.nextInt(4)).append("ms seed=").append(seed)
        .append(r.nextBoolean() ? " tiebreak=random" : "").append('\n');
    sb.append("program /bin/storm\ndata\n  hits: word 0\ntext\nmain:\n");
    for (int c = 0; c < children; c++) {
      sb.append("  fork\n  jz    r0, child").append(c).append('\n');
      sb.append("  mov   r").append(6 + c).append(", r0\n");
      if (r.nextBoolean()) {
        sb.append("  setpgid r").append(6 + c).append(", r").append(r.nextBoolean() ? 6 : 6 + c)
            .append('\n');
      }
    }
    int shots = 5 + r.nextInt(25);
    for (int i = 0; i < shots; i++) {
      parentStep(sb, r, children);
    }
    for (int c = 0; c < children; c++) {
      sb.append("  kill  r").append(6 + c).append(", SIGKILL\n");
    }
    sb.append("reap:\n  waitpid -1, 0\n  jgt   r0, 0, reap\n  exit  0\n");
    for (int c = 0; c < children; c++) {
      child(sb, r, c);
    }
    sb.append("on_sig:\n  load  r1, [hits]\n  add   r1, 1\n  store [hits], r1\n  ret\n");
    sb.append("end\nrun /bin/storm\n");
    return sb.toString();
  }

  private static void parentStep(StringBuilder sb, SplittableRandom r, int children) {
    int target = 6 + r.nextInt(children);
    switch (r.nextInt(6)) {
      case 0, 1, 2 -> sb.append("  kill  r").append(target).append(", ")
          .append(SENT[r.nextInt(SENT.length)]).append('\n');
      case 3 -> sb.append("  killpg r").append(target).append(", ")
          .append(SENT[r.nextInt(SENT.length)]).append('\n');
      case 4 -> sb.append("  sleep ").append(1 + r.nextInt(3000)).append("us\n");
      default -> sb.append("  waitpid r").append(target).append(", WNOHANG|WUNTRACED|WCONTINUED\n")
          .append("  print \"wait %d status %x\\n\", r0, r1\n");
    }
  }

  private static void child(StringBuilder sb, SplittableRandom r, int c) {
    sb.append("child").append(c).append(":\n");
    int handlers = r.nextInt(5);
    for (int h = 0; h < handlers; h++) {
      sb.append("  sigaction ").append(CATCHABLE[r.nextInt(CATCHABLE.length)])
          .append(", on_sig, ").append(FLAGS[r.nextInt(FLAGS.length)]).append('\n');
    }
    if (r.nextInt(4) == 0) {
      sb.append("  signal ").append(CATCHABLE[r.nextInt(CATCHABLE.length)]).append(", SIG_IGN\n");
    }
    String loop = "loop" + c;
    sb.append("  mov   r9, ").append(3 + r.nextInt(20)).append('\n');
    sb.append(loop).append(":\n");
    switch (r.nextInt(4)) {
      case 0 -> sb.append("  sigprocmask SIG_BLOCK, {").append(CATCHABLE[r.nextInt(5)])
          .append(",SIGTERM}\n  compute ").append(1 + r.nextInt(500)).append("us\n")
          .append("  sigprocmask SIG_SETMASK, 0\n");
      case 1 -> sb.append("  sleep ").append(1 + r.nextInt(2000)).append("us\n");
      case 2 -> sb.append("  compute ").append(1 + r.nextInt(1000)).append("us\n");
      default -> sb.append("  sigpending\n  getppid\n");
    }
    sb.append("  sub   r9, 1\n  jgt   r9, 0, ").append(loop).append('\n');
    sb.append("  pause\n  jmp   ").append(loop).append('\n');
  }
}
