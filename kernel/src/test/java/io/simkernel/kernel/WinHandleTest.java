package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static io.simkernel.kernel.Behaviour.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.run.StopReason;
import io.simkernel.api.trace.EventKind;
import io.simkernel.api.trace.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Handles, handle inheritance, the Windows "zombie" (a process object that outlives its process
 * and keeps its PID) and thread suspension: createprocess-and-multiprocessing A4, A6, A7, A13,
 * A14, A25.
 */
class WinHandleTest {

  @Test
  void onlyInheritableHandlesAndOnlyWithInheritSetReachTheChildAtTheSameValues_A13_A14() {
    Sim.Run r = completed("""
        program /bin/parent
        text
        main:
          CreateJobObject
          mov r6, r0
          CreateJobObject
          mov r7, r0
          SetHandleInformation r7, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT
          print "jobs %d %d\\n", r6, r7
          CreateProcess "/bin/c", "c", 0, FALSE
          mov r8, r1
          WaitForSingleObject r8, INFINITE
          CreateProcess "/bin/c", "c", 0, TRUE
          mov r8, r1
          WaitForSingleObject r8, INFINITE
          exit 0
        end
        program /bin/c
        text
        main:
          CloseHandle 4
          print "4:%d ", r0
          CloseHandle 8
          print "8:%d\\n", r0
          exit 0
        end
        run /bin/parent
        """);
    // handles 4 and 8; without bInheritHandles nothing is inherited; with it only the
    // inheritable one (8), at the same value (A14)
    assertEquals("jobs 4 8\n4:0 8:0\n4:0 8:1\n", r.stdout());
  }

  @Test
  void closeHandleOnABadHandleFailsWithInvalidHandleAndNeverKillsTheProcess_A25() {
    Sim.Run r = completed("""
        program /bin/parent
        text
        main:
          CreateProcess "/bin/c", "c", 0, FALSE
          mov r6, r1
          mov r7, r2
          CloseHandle r6
          CloseHandle r7
          print "closed\\n"
          CloseHandle r6
          mov r8, r0
          GetLastError
          print "again=%d err=%d\\n", r8, r0
          exit 0
        end
        program /bin/c
        text
        main:
          sleep 2ms
          print "child runs on\\n"
          exit 0
        end
        run /bin/parent
        """);
    assertEquals("closed\nagain=0 err=6\nchild runs on\n", r.stdout());
  }

  /** Forks and reaps until PIDs are at 300 and above, where they wrap quickly (PID-4). */
  private static final String WARM_UP = """
        warm:
          fork
          jz r0, quit
          mov r12, r0
          waitpid r0, 0
          jlt r12, 300, warm
      """;

  @Test
  void theProcessObjectOutlivesItsProcessAndKeepsThePid_A6_A25() {
    Sim.Run r = completed("""
        kernel pid_max=310
        program /bin/parent
        text
        main:
        """ + WARM_UP + """
          CreateProcess "/bin/c", "c", 0, FALSE
          mov r6, r1
          mov r9, r3
          CloseHandle r2
          WaitForSingleObject r6, INFINITE
          mov r10, 0
        loop:
          fork
          jz r0, child
          waitpid r0, 0
          add r10, 1
          jlt r10, 100, loop
          GetExitCodeProcess r6
          print "code=%d\\n", r1
          OpenProcess r9
          print "open again=%d\\n", r0
          exit 0
        child:
          getpid
          sub r0, r9
          jnz r0, quit
          print "PID %d reused while a handle is open\\n", r9
        quit:
          exit 0
        end
        program /bin/c
        text
        main:
          exit 5
        end
        run /bin/parent
        """);
    // A25: exit code and PID stay while a handle is open (100 forks cycle through the 10 PIDs
    // 300..309 without taking it); OpenProcess still finds the object; the thread handle's slot
    // (8) was freed and is reused first (HandleTable)
    assertEquals("code=5\nopen again=8\n", r.stdout());
  }

  @Test
  void closingTheLastHandleFreesThePid_A6() {
    Sim.Run r = completed("""
        kernel pid_max=310
        program /bin/parent
        text
        main:
        """ + WARM_UP + """
          CreateProcess "/bin/c", "c", 0, FALSE
          mov r6, r1
          mov r9, r3
          WaitForSingleObject r6, INFINITE
          CloseHandle r6
          CloseHandle r2
          OpenProcess r9
          mov r8, r0
          GetLastError
          print "stale=%d err=%d\\n", r8, r0
          mov r10, 0
          mov r11, 0
        loop:
          fork
          jz r0, quit
          sub r0, r9
          jnz r0, other
          add r11, 1
        other:
          waitpid -1, 0
          add r10, 1
          jlt r10, 100, loop
          print "reused=%d\\n", r11
          exit 0
        quit:
          exit 0
        end
        program /bin/c
        text
        main:
          exit 5
        end
        run /bin/parent
        """);
    // A6: once the last handle is closed the object is freed and the PID may come back; the PID
    // names nothing now (OpenProcess: ERROR_INVALID_PARAMETER, 87)
    assertTrue(r.stdout().startsWith("stale=0 err=87\nreused="), r.stdout());
    assertTrue(Behaviour.number(r, "reused") >= 5, r.stdout());
  }

  @Test
  void createSuspendedRunsOnlyAfterResumeThreadWhichReturnsThePreviousCount_A7_A8() {
    Sim.Run r = completed("""
        program /bin/parent
        text
        main:
          CreateProcess "/bin/c", "c", CREATE_SUSPENDED, FALSE
          mov r6, r1
          mov r7, r2
          sleep 2ms
          print "before resume\\n"
          SuspendThread r7
          print "suspend prev=%d\\n", r0
          ResumeThread r7
          print "resume prev=%d\\n", r0
          sleep 2ms
          print "still suspended\\n"
          ResumeThread r7
          print "resume prev=%d\\n", r0
          WaitForSingleObject r6, INFINITE
          ResumeThread r7
          print "after exit prev=%d\\n", r0
          ResumeThread r6
          mov r8, r0
          GetLastError
          print "process handle=%d err=%d\\n", r8, r0
          exit 0
        end
        program /bin/c
        text
        main:
          print "child runs\\n"
          exit 0
        end
        run /bin/parent
        """);
    // A7: suspended at creation (count 1); SuspendThread makes it 2; ResumeThread returns 2, then
    // 1 (now it runs); on a process handle it fails with (DWORD)-1 and ERROR_INVALID_HANDLE
    assertEquals("before resume\nsuspend prev=1\nresume prev=2\nstill suspended\n"
        + "resume prev=1\nchild runs\nafter exit prev=0\nprocess handle=4294967295 err=6\n",
        r.stdout());
  }

  @Test
  void suspendThreadStopsARunningProcessUntilResumed_A7() {
    Sim.Run r = completed("""
        program /bin/parent
        text
        main:
          CreateProcess "/bin/c", "c", 0, FALSE
          mov r6, r1
          mov r7, r2
          sleep 3ms
          SuspendThread r7
          print "suspended prev=%d\\n", r0
          sleep 20ms
          print "resuming\\n"
          ResumeThread r7
          WaitForSingleObject r6, INFINITE
          exit 0
        end
        program /bin/c
        text
        main:
          mov r5, 0
        again:
          compute 1ms
          add r5, 1
          jlt r5, 10, again
          print "child done\\n"
          exit 0
        end
        run /bin/parent
        """);
    assertEquals("suspended prev=0\nresuming\nchild done\n", r.stdout());
  }

  @Test
  void aSuspendedChildThatIsNeverResumedKeepsTheRunFromEnding_A7() {
    Sim.Run r = Sim.run("""
        kernel time_limit=1s
        program /bin/parent
        text
        main:
          CreateProcess "/bin/c", "c", CREATE_SUSPENDED, FALSE
          exit 0
        end
        program /bin/c
        text
        main:
          exit 0
        end
        run /bin/parent
        """);
    assertEquals(StopReason.DEADLOCK, r.result().reason(), Behaviour.describe(r));
  }

  @Test
  void aTerminatedSuspendedProcessEnds_A22() {
    Sim.Run r = completed("""
        program /bin/parent
        text
        main:
          CreateProcess "/bin/c", "c", CREATE_SUSPENDED, FALSE
          mov r6, r1
          TerminateProcess r6, 4
          WaitForSingleObject r6, INFINITE
          GetExitCodeProcess r6
          print "code=%d\\n", r1
          exit 0
        end
        program /bin/c
        text
        main:
          print "never runs\\n"
          exit 0
        end
        run /bin/parent
        """);
    assertEquals("code=4\n", r.stdout());
  }

  @Test
  void handlesAreClosedWhenTheirOwnerExits_A4_A21() {
    Sim.Run r = completed("""
        program /bin/parent
        text
        main:
          CreateProcess "/bin/c", "c", 0, FALSE
          exit 0
        end
        program /bin/c
        text
        main:
          sleep 1ms
          exit 0
        end
        run /bin/parent
        """);
    List<TraceEvent> closes = events(r, EventKind.HANDLE_CLOSE);
    assertEquals(2, closes.size());
    assertTrue(closes.get(0).timeNs() < Behaviour.first(r, EventKind.SCHED_PROCESS_EXIT, 3)
        .timeNs(), "closed at the creator's exit, before the child ended");
  }

  @Test
  void theWindowsInvariantsAreInTheRegistry() {
    List<String> names = io.simkernel.kernel.check.InvariantChecker.all().stream()
        .map(io.simkernel.kernel.check.Invariant::name).toList();
    assertTrue(names.containsAll(List.of("win-handles", "win-process-objects", "win-jobs",
        "pid-references", "parent-alive")), names.toString());
  }
}
