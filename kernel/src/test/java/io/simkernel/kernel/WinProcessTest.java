package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static io.simkernel.kernel.Behaviour.events;
import static io.simkernel.kernel.Behaviour.number;
import static io.simkernel.kernel.Behaviour.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.WaitStatus;
import io.simkernel.api.trace.EventKind;
import io.simkernel.api.trace.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CreateProcess, exit codes, waiting and termination: createprocess-and-multiprocessing Part A
 * (A1-A26). Expected values come from the rules, not from what the simulator printed.
 */
class WinProcessTest {
  /** A child that prints its argc, its argv and the value of its global, then exits with 7. */
  private static final String CHILD = """
      program /bin/child
      data
        g: word 0
      text
      main:
        mov r8, r0
        mov r9, r1
        load r6, [g]
        print "child argc=%d g=%d\\n", r8, r6
        mov r10, 0
      next:
        jle r8, r10, done
        mov r12, r10
        mul r12, 8
        add r12, r9
        load r13, [r12]
        print "argv[%d]=<%s>\\n", r10, r13
        add r10, 1
        jmp next
      done:
        exit 7
      end
      """;

  @Test
  void childStartsFromTheEntryWithAFreshImageAndTheParsedCommandLine_A2_A3() {
    Sim.Run r = completed("""
        program /bin/parent
        data
          g: word 0
        text
        main:
          store [g], 42
          CreateProcess "/bin/child", "child one \\"two three\\" a\\\\\\"b", 0, FALSE
          print "ok=%d\\n", r0
          mov r6, r1
          WaitForSingleObject r6, INFINITE
          exit 0
        end
        """ + CHILD + "run /bin/parent\n");
    // A2: nothing of the parent's memory (g is 0 in the child); the MS CRT argv rules split
    // the command line: a quoted region keeps its blank, \" is a literal quote
    assertEquals("ok=1\nchild argc=4 g=0\nargv[0]=<child>\nargv[1]=<one>\n"
        + "argv[2]=<two three>\nargv[3]=<a\"b>\n", r.stdout());
  }

  @Test
  void outputsAreHandlesPidAndTidAndExitCodeIsStillActiveUntilTheEnd_A4_A23_A24() {
    Sim.Run r = completed("""
        program /bin/parent
        text
        main:
          CreateProcess "/bin/w", "w", 0, FALSE
          mov r6, r1
          print "ok=%d hp=%d ht=%d pid=%d tid=%d\\n", r0, r1, r2, r3, r4
          GetExitCodeProcess r6
          print "r0=%d running=%d\\n", r0, r1
          WaitForSingleObject r6, 0
          print "poll=%d\\n", r0
          WaitForSingleObject r6, 1
          print "timeout=%d\\n", r0
          WaitForSingleObject r6, INFINITE
          print "wait=%d\\n", r0
          WaitForSingleObject r6, INFINITE
          print "again=%d\\n", r0
          GetExitCodeProcess r6
          print "code=%d\\n", r1
          exit 0
        end
        program /bin/w
        text
        main:
          sleep 5ms
          ExitProcess 0x10000
        end
        run /bin/parent
        """);
    // A4: process and thread handles (NT values 4, 8); the PID is the next free one (3); A23: 259
    // while running; A24: 0 polls (WAIT_TIMEOUT 0x102 = 258), WAIT_OBJECT_0 = 0 once signalled,
    // and waiting again changes nothing; A20: the code given to ExitProcess, all 32 bits
    assertEquals("ok=1 hp=4 ht=8 pid=3 tid=3\nr0=1 running=259\npoll=258\ntimeout=258\nwait=0\n"
        + "again=0\ncode=65536\n", r.stdout());
  }

  @Test
  void aTimedWaitReturnsWaitTimeoutAfterTheIntervalAndBlocksMeanwhile_A24() {
    Sim.Run r = completed("""
        program /bin/parent
        text
        main:
          CreateProcess "/bin/w", "w", 0, FALSE
          mov r6, r1
          clock
          mov r7, r0
          WaitForSingleObject r6, 3
          mov r8, r0
          clock
          sub r0, r7
          div r0, 1000000
          print "r=%d waited_ms=%d\\n", r8, r0
          WaitForSingleObject r6, 20ms
          mov r8, r0
          clock
          sub r0, r7
          print "r=%d total=%d\\n", r8, r0
          exit 0
        end
        program /bin/w
        text
        main:
          sleep 10ms
          exit 0
        end
        run /bin/parent
        """);
    assertTrue(r.stdout().startsWith("r=258 waited_ms=3\nr=0 total="), r.stdout());
    long total = number(r, "total");
    assertTrue(total >= 10_000_000 && total < 11_000_000,
        "woken at the child's exit (~10ms), not at the 20ms timeout: " + total);
  }

  @Test
  void aCreateProcessChildIsNotTheCreatorsLinuxChild_A26() {
    Sim.Run r = completed("""
        program /bin/parent
        text
        main:
          CreateProcess "/bin/w", "w", 0, FALSE
          mov r6, r1
          waitpid -1, 0
          print "waitpid=%e\\n", r0
          WaitForSingleObject r6, INFINITE
          print "exited\\n"
          exit 0
        end
        program /bin/w
        text
        main:
          getppid
          print "ppid=%d\\n", r0
          exit 3
        end
        run /bin/parent
        """);
    // A26: no wait obligation and no SIGCHLD: the creator has no Linux child
    assertEquals("waitpid=-ECHILD\nppid=0\nexited\n", r.stdout());
    assertEquals(0, events(r, EventKind.SIGNAL_GENERATE).stream()
        .filter(e -> e.pid() == 2).count(), "no SIGCHLD to the creator");
    TraceEvent free = Behaviour.first(r, EventKind.SCHED_PROCESS_FREE, 3);
    assertEquals(1, free.b(), "released as it ends: nobody reaps it");
    assertEquals(WaitStatus.exited(3), record(r, 3).status());
    assertTrue(r.result().zombies().isEmpty());
  }

  @Test
  void terminatingTheCreatorLeavesItsChildrenRunning_A26() {
    Sim.Run r = completed("""
        program /bin/parent
        text
        main:
          CreateProcess "/bin/mid", "mid", 0, FALSE
          mov r6, r1
          WaitForSingleObject r6, INFINITE
          print "mid gone\\n"
          exit 0
        end
        program /bin/mid
        text
        main:
          CreateProcess "/bin/leaf", "leaf", 0, FALSE
          ExitProcess 1
        end
        program /bin/leaf
        text
        main:
          sleep 5ms
          print "leaf still runs\\n"
          exit 0
        end
        run /bin/parent
        """);
    assertEquals("mid gone\nleaf still runs\n", r.stdout());
    assertTrue(events(r, EventKind.REPARENT).isEmpty(), "A26: no reparenting");
  }

  @Test
  void terminateProcessIsAsynchronousAndFailsOnceTheProcessIsGone_A22() {
    Sim.Run r = completed("""
        program /bin/parent
        text
        main:
          CreateProcess "/bin/w", "w", 0, FALSE
          mov r6, r1
          sleep 1ms
          TerminateProcess r6, 9
          print "terminate=%d\\n", r0
          GetExitCodeProcess r6
          print "right after=%d\\n", r1
          WaitForSingleObject r6, INFINITE
          GetExitCodeProcess r6
          print "code=%d\\n", r1
          TerminateProcess r6, 1
          mov r7, r0
          GetLastError
          print "again=%d err=%d\\n", r7, r0
          exit 0
        end
        program /bin/w
        text
        main:
          sleep 1s
          print "never\\n"
          exit 0
        end
        run /bin/parent
        """);
    // A22: returns at once (the target still reports STILL_ACTIVE), the code is the one given,
    // and a second call on the dead process fails with ERROR_ACCESS_DENIED (5)
    assertEquals("terminate=1\nright after=259\ncode=9\nagain=0 err=5\n", r.stdout());
    assertEquals(WaitStatus.exited(9), record(r, 3).status());
  }

  @Test
  void creationErrorsGoThroughGetLastError_A1_A3_A10() {
    Sim.Run r = completed("""
        program /bin/parent
        text
        main:
          CreateProcess "/bin/nothing", "nothing", 0, FALSE
          mov r7, r0
          GetLastError
          print "missing=%d err=%d\\n", r7, r0
          CreateProcess "/bin/w", "w", DETACHED_PROCESS|CREATE_NEW_CONSOLE, FALSE
          mov r7, r0
          GetLastError
          print "both consoles=%d err=%d\\n", r7, r0
          CreateProcess "", "w.exe arg", 0, FALSE
          print "bare name=%d pid=%d\\n", r0, r3
          CreateProcess "", "\\"/bin/w\\" x", 0, FALSE
          print "quoted=%d\\n", r0
          CreateProcess "", "/bin/x", 0, FALSE
          mov r7, r0
          GetLastError
          print "no .exe=%d err=%d\\n", r7, r0
          exit 0
        end
        program /bin/w.exe
        text
        main:
          exit 0
        end
        program /bin/x
        text
        main:
          exit 0
        end
        run /bin/parent
        """);
    // A1 + ERROR_FILE_NOT_FOUND (2); A10: DETACHED_PROCESS with CREATE_NEW_CONSOLE is
    // ERROR_INVALID_PARAMETER (87); A3: a module named by the command line is found in the
    // caller's directory, and ".exe" is appended to a name without extension
    assertEquals("missing=0 err=2\nboth consoles=0 err=87\nbare name=1 pid=3\nquoted=1\n"
        + "no .exe=0 err=2\n", r.stdout());
  }

  @Test
  void aFileThatIsNoImageOrMayNotBeExecutedByTheCallerFailsAsWindowsReportsIt_A16() {
    Sim.Run r = completed("""
        file /bin/notes.exe "plain text, not an image\\n" mode=0o755
        file /bin/secret.exe "also not an image\\n" mode=0o644
        program /bin/parent
        text
        main:
          setuid 1000
          CreateProcess "/bin/notes.exe", "notes", 0, FALSE
          mov r7, r0
          GetLastError
          print "not an image=%d err=%d\\n", r7, r0
          CreateProcess "/bin/secret.exe", "secret", 0, FALSE
          mov r7, r0
          GetLastError
          print "no execute permission=%d err=%d\\n", r7, r0
          exit 0
        end
        run /bin/parent
        """);
    // A16 step 2: the file is opened as the caller (EACCES -> ERROR_ACCESS_DENIED, 5); step 3:
    // a file no loader recognises is ERROR_BAD_EXE_FORMAT (193)
    assertEquals("not an image=0 err=193\nno execute permission=0 err=5\n", r.stdout());
  }

  @Test
  void exitCodesSeenByWindowsAndLinuxAgree() {
    Sim.Run r = completed("""
        program /bin/parent
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          OpenProcess r6
          mov r7, r0
          waitpid r6, 0
          wexitstatus r2, r1
          print "linux sees %d\\n", r2
          GetExitCodeProcess r7
          print "windows sees %d\\n", r1
          exit 0
        child:
          sleep 1ms
          ExitProcess 258
        end
        run /bin/parent
        """);
    // ExitProcess(n) in a Linux child: waitpid sees the low byte (as exit_group), the process
    // object keeps the whole code (A20)
    assertEquals("linux sees 2\nwindows sees 258\n", r.stdout());
    assertEquals(WaitStatus.exited(2), record(r, 3).status());
  }

  @Test
  void createProcessIsTracedWithItsImageLoad() {
    Sim.Run r = completed("""
        program /bin/parent
        text
        main:
          CreateProcess "/bin/w", "w", CREATE_NEW_PROCESS_GROUP, TRUE
          exit 0
        end
        program /bin/w
        text
        main:
          exit 0
        end
        run /bin/parent
        """);
    List<TraceEvent> cp = events(r, EventKind.CREATE_PROCESS);
    assertEquals(1, cp.size());
    assertEquals(List.of(2L, 3L, 0x200L, 1L), List.of((long) cp.get(0).pid(), cp.get(0).a(),
        cp.get(0).b(), cp.get(0).c()));
    assertEquals("/bin/w", cp.get(0).text());
    TraceEvent load = Behaviour.first(r, EventKind.IMAGE_LOAD, 3);
    assertTrue(load.a() >= 1, "pages mapped");
    assertEquals(2, events(r, EventKind.HANDLE_OPEN).size());
    assertEquals(2, events(r, EventKind.HANDLE_CLOSE).size(), "closed by the creator's exit (A21)");
  }

  @Test
  void consoleAndGroupFlagsShapeTheChildsSessionGroupAndConsole_A9_A10() {
    Sim.Run r = completed("""
        program /bin/parent
        text
        main:
          getpgrp
          mov r9, r0
          CreateProcess "/bin/c", "c same", 0, FALSE
          mov r6, r1
          WaitForSingleObject r6, INFINITE
          CreateProcess "/bin/c", "c group", CREATE_NEW_PROCESS_GROUP, FALSE
          mov r6, r1
          WaitForSingleObject r6, INFINITE
          CreateProcess "/bin/c", "c detached", DETACHED_PROCESS, FALSE
          mov r6, r1
          WaitForSingleObject r6, INFINITE
          GetExitCodeProcess r6
          print "detached exit=%d\\n", r1
          exit 0
        end
        program /bin/c
        text
        main:
          load r8, [r1+8]
          getpid
          mov r5, r0
          getpgrp
          mov r6, r0
          getsid 0
          mov r7, r0
          raise SIGINT
          sub r6, r5
          sub r7, r5
          print "%s: own group=%d own session=%d\\n", r8, r6, r7
          exit 4
        end
        run /bin/parent
        """);
    // A9: CREATE_NEW_PROCESS_GROUP makes the child a group leader (pgid = its PID) with CTRL+C
    // (SIGINT) ignored — the plain and the detached child die of their raise, which a process
    // handle reads as 128 + 2; A10: a detached child has no console (its print would be lost)
    assertEquals("group: own group=0 own session=-1\ndetached exit=130\n",
        r.stdout().replaceAll("session=-\\d+", "session=-1"));
    assertEquals(WaitStatus.signaled(io.simkernel.api.Signals.SIGINT, false), record(r, 3).status());
  }

  @Test
  void theLinuxChildrenOfACreateProcessChildGoToInitWhenItEnds() {
    Sim.Run r = completed("""
        program /bin/parent
        text
        main:
          CreateProcess "/bin/c", "c", 0, FALSE
          mov r6, r1
          WaitForSingleObject r6, INFINITE
          exit 0
        end
        program /bin/c
        text
        main:
          fork
          jz r0, kid
          exit 0
        kid:
          sleep 2ms
          getppid
          print "kid's parent is now %d\\n", r0
          exit 0
        end
        run /bin/parent
        """);
    assertEquals("kid's parent is now 1\n", r.stdout());
    TraceEvent rp = Behaviour.first(r, EventKind.REPARENT, 4);
    assertEquals(List.of(3L, 1L), List.of(rp.a(), rp.b()));
  }

  @Test
  void aDetachedOrNewConsoleChildsOutputIsNotOnTheRunsConsole_A10() {
    Sim.Run r = completed("""
        program /bin/parent
        text
        main:
          CreateProcess "/bin/c", "c", DETACHED_PROCESS, FALSE
          mov r6, r1
          WaitForSingleObject r6, INFINITE
          CreateProcess "/bin/c", "c", CREATE_NEW_CONSOLE, FALSE
          mov r6, r1
          WaitForSingleObject r6, INFINITE
          CreateProcess "/bin/c", "c", 0, FALSE
          mov r6, r1
          WaitForSingleObject r6, INFINITE
          exit 0
        end
        program /bin/c
        text
        main:
          print "on the console\\n"
          exit 0
        end
        run /bin/parent
        """);
    assertEquals("on the console\n", r.stdout(), "only the child that shares the console");
  }

  @Test
  void durationLiteralsAreWholeMillisecondsRoundedUpAndPlainNumbersAreMilliseconds() {
    Sim.Run r = completed("""
        program /bin/parent
        text
        main:
          CreateProcess "/bin/w", "w", 0, FALSE
          mov r6, r1
          clock
          mov r7, r0
          WaitForSingleObject r6, 1.5ms
          clock
          sub r0, r7
          print "wait=%d\\n", r0
          clock
          mov r7, r0
          Sleep 3
          clock
          sub r0, r7
          print "sleep=%d\\n", r0
          TerminateProcess r6, 0
          exit 0
        end
        program /bin/w
        text
        main:
          sleep 1s
          exit 0
        end
        run /bin/parent
        """);
    long wait = number(r, "wait");
    long sleep = number(r, "sleep");
    assertTrue(wait >= 2_000_000 && wait < 2_100_000, "1.5ms waits 2 ms: " + wait);
    assertTrue(sleep >= 3_000_000 && sleep < 3_100_000, "Sleep 3 is 3 ms: " + sleep);
  }

  @Test
  void theExamplesShowTheContrastTheyDescribe() throws java.io.IOException {
    Sim.Run fork = completed(java.nio.file.Files.readString(
        java.nio.file.Path.of("../examples/fork-vs-createprocess.sks")));
    // B2 vs A2: the fork child sees g = 42 and resumes after fork; the CreateProcess child sees
    // g = 0 from main, only the inheritable handle (A14), and is nobody's Linux child (A26)
    assertTrue(fork.stdout().contains("fork child: resumes after fork, g = 42; closes handle 4: 1,"
        + " handle 8: 1"), fork.stdout());
    assertTrue(fork.stdout().contains("CreateProcess child: starts at main, argc = 3, g = 0,"
        + " getppid = 0\nCreateProcess child: argv[2] = <two words>\nCreateProcess child: closes"
        + " handle 4: 0, handle 8: 1"), fork.stdout());
    assertTrue(fork.stdout().contains("waitpid(-1) = -ECHILD"), fork.stdout());
    assertTrue(fork.stdout().contains("exit code 3"), fork.stdout());
    Sim.Run job = completed(java.nio.file.Files.readString(
        java.nio.file.Path.of("../examples/job-kill-tree.sks")));
    // A28 through A21: the job's members die with the supervisor; the bystander broke away
    assertEquals("supervisor: server 4 runs in the job\n"
        + "launcher: killing the supervisor (TerminateProcess)\n"
        + "launcher: supervisor ended with exit code 1\n"
        + "bystander: still alive after 32 ms\nlauncher: done\n", job.stdout());
  }

  @Test
  void aCreatorsRedirectedStandardHandleIsDuplicatedIntoAConsoleChild_A16() {
    Sim.Run r = completed("""
        program /bin/parent
        data
          buf: space 64
        text
        main:
          pipe
          mov r6, r1
          mov r7, r2
          dup2 1, 9
          dup2 r7, 1
          CreateProcess "/bin/c", "c", 0, FALSE
          mov r8, r1
          dup2 9, 1
          close r7
          WaitForSingleObject r8, INFINITE
          read r6, [buf], 64
          print "parent read %d bytes: %s", r0, buf
          exit 0
        end
        program /bin/c
        text
        main:
          print "hello through the pipe\\n"
          exit 0
        end
        run /bin/parent
        """);
    // A16 step 7: stdout was a pipe in the creator, so the child's fd 1 is that pipe
    assertEquals("parent read 23 bytes: hello through the pipe\n", r.stdout());
  }
}
