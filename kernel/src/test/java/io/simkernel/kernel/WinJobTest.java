package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static io.simkernel.kernel.Behaviour.record;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.simkernel.api.WaitStatus;
import io.simkernel.api.trace.EventKind;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Job objects: membership, children joining their parent's job, breakaway, the active-process
 * limit, TerminateJobObject and KILL_ON_JOB_CLOSE — createprocess-and-multiprocessing A27, A28
 * (and A21: a dying process closes its handles).
 */
class WinJobTest {
  /** Prints "name alive" every 2 ms, up to 10 times, then exits 0. */
  private static final String TICKER = """
      program /bin/tick
      text
      main:
        mov r5, 0
      again:
        sleep 2ms
        add r5, 1
        jlt r5, 10, again
        print "%d survived\\n", r5
        exit 0
      end
      """;

  @Test
  void killOnJobCloseTakesTheTreeDownWhenTheHolderDies_A27_A28() {
    Sim.Run r = completed("""
        program /bin/holder
        text
        main:
          CreateJobObject
          mov r6, r0
          SetInformationJobObject r6, KILL_ON_JOB_CLOSE
          CreateProcess "/bin/mid", "mid", CREATE_SUSPENDED, FALSE
          mov r7, r1
          AssignProcessToJobObject r6, r7
          print "assigned=%d\\n", r0
          ResumeThread r2
          sleep 3ms
          print "holder dies\\n"
          raise SIGKILL
        end
        program /bin/mid
        text
        main:
          CreateProcess "/bin/tick", "tick", 0, FALSE
          mov r5, 0
        again:
          sleep 2ms
          add r5, 1
          jlt r5, 10, again
          print "mid survived\\n"
          exit 0
        end
        """ + TICKER + """
        program /bin/parent
        text
        main:
          CreateProcess "/bin/holder", "holder", CREATE_NEW_PROCESS_GROUP, FALSE
          mov r6, r1
          WaitForSingleObject r6, INFINITE
          sleep 50ms
          print "done\\n"
          exit 0
        end
        run /bin/parent
        """);
    // A27: the grandchild joined mid's job; A28 + A21: the holder's death closes the only job
    // handle and every member is terminated, with exit code 0
    assertEquals("assigned=1\nholder dies\ndone\n", r.stdout());
    assertEquals(WaitStatus.exited(0), record(r, 4).status(), "mid");
    assertEquals(WaitStatus.exited(0), record(r, 5).status(), "tick");
    // traced: mid assigned (how 0), tick joined as a CreateProcess child (how 1), then the
    // termination caused by the holder's exit (pid 3), cause KILL_ON_JOB_CLOSE (1), code 0
    assertEquals("4:1:0 5:1:1", Behaviour.events(r, EventKind.JOB_ASSIGN).stream()
        .map(e -> e.pid() + ":" + e.a() + ":" + e.b()).collect(Collectors.joining(" ")));
    assertEquals("3:1:0:1", Behaviour.events(r, EventKind.JOB_TERMINATE).stream()
        .map(e -> e.pid() + ":" + e.a() + ":" + e.b() + ":" + e.c())
        .collect(Collectors.joining(" ")));
  }

  @Test
  void withoutKillOnJobCloseTheMembersOutliveTheHandle_A28() {
    Sim.Run r = completed("""
        program /bin/parent
        text
        main:
          CreateJobObject
          mov r6, r0
          CreateProcess "/bin/tick", "tick", CREATE_SUSPENDED, FALSE
          AssignProcessToJobObject r6, r1
          ResumeThread r2
          CloseHandle r6
          print "closed=%d\\n", r0
          exit 0
        end
        """ + TICKER + "run /bin/parent\n");
    assertEquals("closed=1\n10 survived\n", r.stdout());
  }

  @Test
  void breakawayNeedsTheJobsPermissionAndSilentBreakawayNeedsNoFlag_A27() {
    Sim.Run r = completed("""
        program /bin/parent
        text
        main:
          CreateJobObject
          mov r6, r0
          GetCurrentProcessId
          OpenProcess r0
          AssignProcessToJobObject r6, r0
          CreateProcess "/bin/q", "q", CREATE_BREAKAWAY_FROM_JOB, FALSE
          mov r7, r0
          GetLastError
          print "breakaway refused=%d err=%d\\n", r7, r0
          SetInformationJobObject r6, BREAKAWAY_OK
          CreateProcess "/bin/q", "q", CREATE_BREAKAWAY_FROM_JOB, FALSE
          mov r8, r1
          print "breakaway allowed=%d\\n", r0
          CreateProcess "/bin/q", "q", 0, FALSE
          mov r9, r1
          SetInformationJobObject r6, SILENT_BREAKAWAY_OK
          CreateProcess "/bin/q", "q", 0, FALSE
          mov r10, r1
          TerminateJobObject r6, 77
          print "unreached\\n"
          exit 0
        end
        program /bin/q
        text
        main:
          sleep 5ms
          exit 1
        end
        run /bin/parent
        """);
    // A27: breaking away needs BREAKAWAY_OK (otherwise ERROR_ACCESS_DENIED); without the flag
    // the child is a member; with SILENT_BREAKAWAY_OK it is not; TerminateJobObject kills the
    // members — the caller among them — with the code
    assertEquals("breakaway refused=0 err=5\nbreakaway allowed=1\n", r.stdout());
    assertEquals(WaitStatus.exited(77), record(r, 2).status(), "the caller was a member");
    assertEquals(WaitStatus.exited(1), record(r, 3).status(), "broke away");
    assertEquals(WaitStatus.exited(77), record(r, 4).status(), "joined the job");
    assertEquals(WaitStatus.exited(1), record(r, 5).status(), "silent breakaway");
  }

  @Test
  void theActiveProcessLimitFailsCreationAndTerminatesAnAssignedProcess_A28() {
    Sim.Run r = completed("""
        program /bin/parent
        text
        main:
          CreateJobObject
          mov r6, r0
          SetInformationJobObject r6, ACTIVE_PROCESS, 1
          CreateProcess "/bin/q", "q", 0, FALSE
          mov r7, r1
          AssignProcessToJobObject r6, r7
          print "first=%d\\n", r0
          CreateProcess "/bin/q", "q", 0, FALSE
          mov r8, r1
          AssignProcessToJobObject r6, r8
          mov r9, r0
          GetLastError
          print "second=%d err=%d\\n", r9, r0
          WaitForSingleObject r8, INFINITE
          GetExitCodeProcess r8
          print "second ended with %d\\n", r1
          SetInformationJobObject r6, ACTIVE_PROCESS
          GetLastError
          print "no limit value: err=%d\\n", r0
          exit 0
        end
        program /bin/q
        text
        main:
          sleep 5ms
          exit 0
        end
        run /bin/parent
        """);
    // A28: an assignment beyond ACTIVE_PROCESS terminates the process and fails
    // (ERROR_NOT_ENOUGH_QUOTA, 1816)
    assertEquals("first=1\nsecond=0 err=1816\nsecond ended with 1816\nno limit value: err=87\n",
        r.stdout());
  }

  @Test
  void aForkChildStaysInItsParentsJob_A27() {
    Sim.Run r = completed("""
        program /bin/parent
        text
        main:
          CreateJobObject
          mov r6, r0
          CreateProcess "/bin/forker", "forker", CREATE_SUSPENDED, FALSE
          AssignProcessToJobObject r6, r1
          ResumeThread r2
          sleep 3ms
          TerminateJobObject r6, 3
          sleep 20ms
          exit 0
        end
        program /bin/forker
        text
        main:
          fork
          sleep 10ms
          print "survived\\n"
          exit 0
        end
        run /bin/parent
        """);
    assertEquals("", r.stdout());
    assertEquals(WaitStatus.exited(3), record(r, 3).status());
    assertEquals(WaitStatus.exited(3), record(r, 4).status(), "the fork child was a member");
  }
}
