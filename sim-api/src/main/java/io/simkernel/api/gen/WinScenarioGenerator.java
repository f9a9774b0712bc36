package io.simkernel.api.gen;

import java.util.SplittableRandom;

/**
 * Seeded Windows-personality scenarios (createprocess-and-multiprocessing Part A): a main program
 * that creates processes with random creation flags and inheritance, opens, closes, flags and
 * waits on handles, creates jobs with random limits, assigns processes to them and terminates
 * processes and jobs, suspends and resumes threads, and forks; workers that create workers of
 * their own, exit in every way (return, exit, ExitProcess) and close handles they may not have.
 * Every scenario ends: main's waits are bounded, it never joins a job itself, and it resumes every
 * thread it created suspended before its final unbounded waits. A seed in, a scenario out.
 */
public final class WinScenarioGenerator {
  private static final String[] FLAGS = {"0", "0", "CREATE_SUSPENDED", "CREATE_NEW_PROCESS_GROUP",
      "DETACHED_PROCESS", "CREATE_NEW_CONSOLE", "CREATE_BREAKAWAY_FROM_JOB",
      "CREATE_SUSPENDED|CREATE_NEW_PROCESS_GROUP", "DETACHED_PROCESS|CREATE_NEW_CONSOLE"};
  private static final String[] JOB_LIMITS = {"KILL_ON_JOB_CLOSE", "BREAKAWAY_OK",
      "SILENT_BREAKAWAY_OK", "KILL_ON_JOB_CLOSE|BREAKAWAY_OK", "0"};
  /** Registers main keeps process handles in, thread handles in, and job handles in. */
  private static final int PROC = 6;
  private static final int THREAD = 9;
  private static final int JOB = 12;
  private static final int SLOTS = 3;

  private WinScenarioGenerator() {}

  /** The scenario text for a seed. */
  public static String generate(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder();
    sb.append("# Win32 scenario, seed ").append(seed).append('\n');
    sb.append("kernel cpus=").append(1 + r.nextInt(3)).append(" seed=").append(seed)
        .append(r.nextBoolean() ? " tiebreak=random" : "").append('\n');
    sb.append("program /bin/main\ntext\nmain:\n");
    // main's view of each thread handle's suspend count: thread handles are never closed, so a
    // thread register always names its thread, and every suspension is undone at the end
    int[] suspends = new int[SLOTS];
    for (int i = 0; i < SLOTS; i++) {
      sb.append("  mov   r").append(PROC + i).append(", 0\n");
      sb.append("  mov   r").append(THREAD + i).append(", 0\n");
      sb.append("  mov   r").append(JOB + i).append(", 0\n");
    }
    for (int j = 0; j < SLOTS; j++) {
      if (r.nextInt(3) > 0) { // most scenarios start with jobs, so assignments find one
        sb.append("  CreateJobObject\n  mov   r").append(JOB + j).append(", r0\n");
        sb.append("  SetInformationJobObject r").append(JOB + j).append(", ")
            .append(JOB_LIMITS[r.nextInt(JOB_LIMITS.length)]).append('\n');
      }
    }
    int steps = 8 + r.nextInt(25);
    for (int s = 0; s < steps; s++) {
      mainStep(sb, r, suspends, s);
    }
    for (int i = 0; i < SLOTS; i++) {
      for (int k = 0; k < suspends[i]; k++) {
        sb.append("  ResumeThread r").append(THREAD + i).append('\n');
      }
    }
    for (int i = 0; i < SLOTS; i++) {
      sb.append("  WaitForSingleObject r").append(THREAD + i).append(", INFINITE\n");
      sb.append("  GetExitCodeProcess r").append(PROC + i).append('\n');
    }
    sb.append("reap:\n  waitpid -1, 0\n  jgt   r0, 0, reap\n");
    sb.append(r.nextBoolean() ? "  exit  0\n" : "  ExitProcess 0\n");
    sb.append("forked:\n  Sleep ").append(r.nextInt(4)).append("\n");
    sb.append("  CloseHandle r").append(PROC + r.nextInt(SLOTS)).append('\n');
    sb.append("  exit  ").append(r.nextInt(3)).append("\nend\n");
    for (int w = 0; w < 3; w++) {
      worker(sb, r, w);
    }
    sb.append("run /bin/main\n");
    return sb.toString();
  }

  private static void mainStep(StringBuilder sb, SplittableRandom r, int[] suspends, int step) {
    int i = r.nextInt(SLOTS);
    String proc = "r" + (PROC + i);
    String thread = "r" + (THREAD + i);
    String job = "r" + (JOB + r.nextInt(SLOTS));
    switch (r.nextInt(14)) {
      case 0, 1 -> {
        if (suspends[i] > 0) {
          return; // keep the handle of a suspended thread: it is resumed at the end
        }
        String flags = FLAGS[r.nextInt(FLAGS.length)];
        sb.append("  CreateProcess \"/bin/w").append(r.nextInt(3)).append("\", \"w a")
            .append(step).append(" \\\"b c\\\"\", ").append(flags).append(", ")
            .append(r.nextBoolean() ? "TRUE" : "FALSE").append('\n');
        sb.append("  jz    r0, s").append(step).append('\n');
        sb.append("  mov   ").append(proc).append(", r1\n  mov   ").append(thread)
            .append(", r2\n");
        sb.append("s").append(step).append(":\n");
        suspends[i] = flags.contains("SUSPENDED") ? 1 : 0;
      }
      case 2 -> sb.append("  CreateJobObject\n  mov   ").append(job).append(", r0\n");
      case 3 -> sb.append("  SetInformationJobObject ").append(job).append(", ")
          .append(r.nextInt(4) == 0 ? "ACTIVE_PROCESS, " + (1 + r.nextInt(2))
              : JOB_LIMITS[r.nextInt(JOB_LIMITS.length)]).append('\n');
      case 4 -> sb.append("  AssignProcessToJobObject ").append(job).append(", ").append(proc)
          .append('\n');
      case 5 -> sb.append("  TerminateProcess ").append(proc).append(", ").append(r.nextInt(300))
          .append('\n');
      case 6 -> sb.append("  WaitForSingleObject ").append(proc).append(", ")
          .append(r.nextInt(4)).append('\n');
      case 7 -> sb.append("  CloseHandle ").append(proc).append('\n');
      case 8 -> sb.append("  SetHandleInformation ").append(r.nextBoolean() ? proc : job)
          .append(", HANDLE_FLAG_INHERIT, ").append(r.nextInt(2)).append('\n');
      case 9 -> {
        sb.append("  SuspendThread ").append(thread).append('\n');
        suspends[i]++;
      }
      case 10 -> {
        sb.append("  ResumeThread ").append(thread).append('\n');
        suspends[i] = Math.max(0, suspends[i] - 1);
      }
      case 11 -> {
        sb.append("  fork\n  jz    r0, forked\n");
        if (r.nextBoolean()) { // a handle to a Linux child: Win32 calls on a fork child
          sb.append("  OpenProcess r0\n  mov   ").append(proc).append(", r0\n");
        }
      }
      case 12 -> sb.append("  TerminateJobObject ").append(job).append(", ")
          .append(r.nextInt(5)).append('\n');
      default -> sb.append("  Sleep ").append(r.nextInt(3)).append('\n');
    }
  }

  /** Worker {@code w} may create worker {@code w+1}, so creation chains are at most 3 deep. */
  private static void worker(StringBuilder sb, SplittableRandom r, int w) {
    sb.append("program /bin/w").append(w).append("\ntext\nmain:\n");
    int steps = 1 + r.nextInt(5);
    for (int s = 0; s < steps; s++) {
      switch (r.nextInt(6)) {
        case 0 -> {
          if (w < 2) {
            sb.append("  CreateProcess \"/bin/w").append(w + 1).append("\", \"w\", ")
                .append(r.nextBoolean() ? "0" : "CREATE_BREAKAWAY_FROM_JOB").append(", ")
                .append(r.nextBoolean() ? "TRUE" : "FALSE").append('\n');
            if (r.nextBoolean()) {
              sb.append("  WaitForSingleObject r1, ").append(r.nextInt(3)).append('\n');
            }
          }
        }
        case 1 -> sb.append("  CloseHandle ").append(4 * (1 + r.nextInt(4))).append('\n');
        case 2 -> sb.append("  compute ").append(1 + r.nextInt(2)).append("ms\n");
        case 3 -> sb.append("  GetCurrentProcessId\n  OpenProcess r0\n");
        case 4 -> sb.append("  SetHandleInformation 4, HANDLE_FLAG_INHERIT, 1\n");
        default -> sb.append("  Sleep ").append(r.nextInt(3)).append('\n');
      }
    }
    switch (r.nextInt(3)) {
      case 0 -> sb.append("  ExitProcess ").append(r.nextInt(1000)).append('\n');
      case 1 -> sb.append("  exit  ").append(r.nextInt(256)).append('\n');
      default -> sb.append("  mov   r0, ").append(r.nextInt(5)).append("\n  ret\n");
    }
    sb.append("end\n");
  }
}
