package io.simkernel.api.gen;

import java.util.SplittableRandom;

/**
 * The WINDOWS family: CreateProcess of generated images from a Linux process tree, with waits
 * with timeouts, GetExitCodeProcess, TerminateProcess, CloseHandle, handle inheritance and jobs
 * with KILL_ON_JOB_CLOSE (docs/windows.md; the rule numbers are the createprocess reference's).
 * Each block is self-contained — every handle it opens it closes, every process it creates has
 * ended when it leaves — so the body's handle table is empty between blocks. Which value a
 * handle gets depends on the free list (A4: last closed, first reused; a fork child's list is
 * rebuilt as ReactOS's ExDupHandleTable does), so no check assumes a value.
 *
 * <p>A process its parent may kill (a body other than main, when KILL is weighted) only creates
 * processes that run to their end on their own: a suspended child whose creator died would keep
 * the run from ending, as on Windows. Registers: r3, r4, r5, r13, r14, r15 (CreateProcess also
 * writes r1..r4).
 */
final class WinActions {
  private final BodyWriter w;
  private final SplittableRandom rnd;
  private final Extras extras;

  WinActions(BodyWriter w, SplittableRandom rnd, Extras extras) {
    this.w = w;
    this.rnd = rnd;
    this.extras = extras;
  }

  /** {@code /bin/gw0..1} (print argc, maybe fork and reap a Linux child, exit) and /bin/gwt. */
  static void images(StringBuilder out, Extras x) {
    for (int k = 0; k < Extras.IMAGES; k++) {
      out.append("\nprogram /bin/gw").append(k).append("\ntext\nmain:\n");
      // the command line is `gwK a "b c"`: three arguments by the C runtime's rules (A3)
      out.append("  print \"w").append(k).append(" argc -> %d expect 3\\n\", r0\n");
      if (x.imageForkCode[k] >= 0) { // a Linux child of a CreateProcess child (A26)
        out.append("  fork\n  jz    r0, child\n  mov   r5, r0\n  waitpid r5, 0\n")
            .append("  wexitstatus r6, r1\n")
            .append("  print \"w").append(k).append(" fork -> %d expect ")
            .append(x.imageForkCode[k]).append("\\n\", r6\n");
      }
      if (x.imageSleepMs[k] > 0) {
        out.append("  Sleep ").append(x.imageSleepMs[k]).append('\n');
      }
      out.append(x.imageExitProcess[k] ? "  ExitProcess " : "  exit  ").append(x.imageCode[k])
          .append('\n');
      if (x.imageForkCode[k] >= 0) {
        out.append("child:\n  exit  ").append(x.imageForkCode[k]).append('\n');
      }
      out.append("end\n");
    }
    // inherits one handle from its creator (A12-A14), a suspended process, at the value it
    // has there, which depends on the creator's free list: it finds it by trying each value
    // (nothing else is in its table), terminates the process, closes the handle, and exits
    // with the handle's value so that the creator can compare
    out.append("\nprogram /bin/gwt\ntext\nmain:\n  mov   r5, 4\nscan:\n")
        .append("  TerminateProcess r5, ").append(x.terminatorCode).append('\n')
        .append("  jnz   r0, found\n  add   r5, 4\n  jle   r5, 252, scan\n  exit  255\n")
        .append("found:\n  CloseHandle r5\n")
        .append("  print \"wt close-inherited -> %d expect 1\\n\", r0\n")
        .append("  CloseHandle r5\n  print \"wt close-again -> %d expect 0\\n\", r0\n")
        .append("  exit  r5\nend\n");
  }

  /** One CreateProcess block, in one of four variants. */
  void createProcess() {
    if (!w.reserveExtraProcess()) {
      w.insn("sleep " + w.duration(w.config().maxSleepNs()));
      return;
    }
    boolean killable = w.id() != 0 && w.config().weight(ScenarioGenerator.Action.KILL) > 0;
    int variant = killable ? 0 : rnd.nextInt(4);
    int k = rnd.nextInt(Extras.IMAGES);
    switch (variant) {
      case 0 -> runToEnd(k);
      case 1 -> terminateSuspended(k);
      case 2 -> killOnJobClose(k);
      default -> inherit(k);
    }
  }

  private void create(int k, String flags, String inherit) {
    w.insn("CreateProcess \"/bin/gw" + k + "\", \"gw" + k + " a \\\"b c\\\"\", " + flags + ", "
        + inherit);
    check("cp-create " + k, "r0", 1);
    w.insn("mov   r13, r1");
    w.insn("mov   r14, r2");
  }

  /** The child runs to its end; the waits and the exit code are fixed by the image (A21-A25). */
  private void runToEnd(int k) {
    create(k, rnd.nextBoolean() ? "0" : "CREATE_NEW_PROCESS_GROUP", "FALSE");
    if (rnd.nextBoolean()) { // may time out or not: printed, not checked
      w.insn("WaitForSingleObject r13, " + rnd.nextInt(4));
      w.insn("print \"n" + w.id() + " cp-poll -> %d\\n\", r0");
    }
    w.insn("WaitForSingleObject r13, INFINITE");
    check("cp-wait", "r0", 0); // WAIT_OBJECT_0
    w.insn("WaitForSingleObject r14, 0");
    check("cp-wait-thread", "r0", 0); // the thread has ended with its process
    exitCode(extras.imageCode[k]);
    closeBoth();
  }

  /** A suspended child cannot end by itself: a timed wait times out, TerminateProcess ends it. */
  private void terminateSuspended(int k) {
    long code = 1 + rnd.nextInt(100_000);
    code = code == 259 ? 260 : code;
    create(k, "CREATE_SUSPENDED", "FALSE");
    w.insn("GetExitCodeProcess r13");
    check("cp-active", "r1", 259); // STILL_ACTIVE
    w.insn("WaitForSingleObject r13, " + (1 + rnd.nextInt(3)));
    check("cp-timeout", "r0", 0x102); // WAIT_TIMEOUT
    w.insn("TerminateProcess r13, " + code);
    check("cp-terminate", "r0", 1);
    w.insn("WaitForSingleObject r13, INFINITE");
    check("cp-wait", "r0", 0);
    exitCode(code);
    closeBoth();
  }

  /** Closing a KILL_ON_JOB_CLOSE job's last handle kills its members with code 0 (A27). */
  private void killOnJobClose(int k) {
    create(k, "CREATE_SUSPENDED", "FALSE");
    w.insn("CreateJobObject");
    w.insn("mov   r15, r0");
    w.insn("SetInformationJobObject r15, KILL_ON_JOB_CLOSE");
    check("job-limit", "r0", 1);
    w.insn("AssignProcessToJobObject r15, r13");
    check("job-assign", "r0", 1);
    w.insn("CloseHandle r15"); // the job's only handle, the last one opened
    check("job-close", "r0", 1);
    w.insn("WaitForSingleObject r13, INFINITE");
    check("cp-wait", "r0", 0);
    exitCode(0);
    closeBoth();
  }

  /**
   * An inheritable process handle (A12-A14): a second child, created with inherit TRUE, finds
   * the suspended first child's handle at the same value in its own table and terminates it;
   * its exit code is that value. Past the values it tries (252), the block terminates the child
   * itself, so that it still ends.
   */
  private void inherit(int k) {
    String direct = w.label();
    String join = w.label();
    create(k, "CREATE_SUSPENDED", "FALSE");
    w.insn("SetHandleInformation r13, HANDLE_FLAG_INHERIT, 1");
    check("cp-inheritable", "r0", 1);
    w.insn("jgt   r13, 252, " + direct);
    w.insn("CreateProcess \"/bin/gwt\", \"gwt\", 0, TRUE");
    check("cp-create-t", "r0", 1);
    w.insn("mov   r15, r1");
    w.insn("CloseHandle r2");
    w.insn("WaitForSingleObject r15, INFINITE");
    check("cp-wait-t", "r0", 0);
    w.insn("GetExitCodeProcess r15");
    w.insn("sub   r1, r13");
    check("cp-inherited-at", "r1", 0); // the child found it at the creator's value
    w.insn("CloseHandle r15");
    w.insn("jmp   " + join);
    w.labelHere(direct);
    w.insn("TerminateProcess r13, " + extras.terminatorCode);
    w.labelHere(join);
    w.insn("WaitForSingleObject r13, INFINITE");
    check("cp-wait", "r0", 0);
    exitCode(extras.terminatorCode);
    closeBoth();
  }

  private void exitCode(long expect) {
    w.insn("GetExitCodeProcess r13");
    check("cp-exitcode", "r1", expect);
  }

  private void closeBoth() {
    w.insn("CloseHandle r14");
    w.insn("CloseHandle r13");
    check("cp-close", "r0", 1);
  }

  private void check(String verb, String reg, long expect) {
    w.insn("print \"n" + w.id() + " " + verb + " -> %d expect " + expect + "\\n\", " + reg);
  }
}
