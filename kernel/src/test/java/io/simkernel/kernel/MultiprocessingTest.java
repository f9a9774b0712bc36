package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.run.StopReason;
import org.junit.jupiter.api.Test;

/**
 * The multiprocessing runtime against CPython 3.11.7: each test names the rule of Part B of
 * createprocess-and-multiprocessing.md it checks and the observed result of Part D (EXP-n) it
 * must reproduce. Runs are checked (invariants after every event).
 */
class MultiprocessingTest {
  static String py(String text) {
    return py("", text);
  }

  static String py(String kernel, String text) {
    return kernel + "program /usr/bin/python3\ndata\n  counter: word 0\ntext\n" + text
        + "end\nrun /usr/bin/python3\n";
  }

  @Test
  void b8NamesCountEveryCreatedObjectAndGrandchildrenGetTheParentsIdentity() {
    // B8, EXP-27: Process-5, Process-6 after four unstarted objects; a grandchild Process-2:1
    Sim.Run r = completed(py("""
        main:
          mp.process r7, leaf
          mp.process r7, leaf
          mp.process r7, leaf
          mp.process r7, leaf
          mp.process r7, leaf
          mp.name r8, r7
          mp.process r9, middle
          mp.name r10, r9
          mp.name r11, 0
          print "%s %s %s\\n", r8, r10, r11
          mp.start r9
          mp.join r9
          mp.exit 0
        middle:
          mp.process r7, leaf
          mp.name r8, r7
          print "grandchild %s\\n", r8
          ret
        leaf:
          ret
        """));
    assertEquals("Process-5 Process-6 MainProcess\ngrandchild Process-6:1\n", r.stdout());
  }

  @Test
  void b11b12ExitCodesFollowSysExitAndSignals() {
    // EXP-1 return → 0, EXP-2 sys.exit(3) → 3, EXP-6 256 → 0 and -1 → 255, EXP-7 raise → 1,
    // EXP-8 os._exit(7) → 7, EXP-9 self-SIGSEGV → -11
    Sim.Run r = completed(py("""
        main:
          mp.process r7, returns
          call run
          mp.process r7, exits, 3
          call run
          mp.process r7, exits, 256
          call run
          mp.process r7, exits, -1
          call run
          mp.process r7, raises
          call run
          mp.process r7, osexit
          call run
          mp.process r7, segv
          call run
          mp.exit 0
        run:
          mp.start r7
          mp.join r7
          mp.exitcode r8, r7
          print "%r ", r8
          ret
        returns:
          mov r0, 42
          ret
        exits:
          mp.exit r0
        raises:
          mp.raise "ValueError: boom"
        osexit:
          exit 7
        segv:
          raise SIGSEGV
          ret
        """));
    assertEquals("0 3 0 255 1 7 -11 ", r.stdout());
    assertEquals("Process Process-5:\nTraceback (most recent call last):\n"
        + "  File \"/usr/bin/python3\", in run\nValueError: boom\n", r.stderr());
  }

  @Test
  void b13b14b18UnstartedProcessHasNoPidNoExitcodeAndIsNotAlive() {
    // EXP-11
    Sim.Run r = completed(py("""
        main:
          mp.process r7, t
          mp.pid r8, r7
          mp.exitcode r9, r7
          mp.is_alive r10, r7
          mp.is_daemon r11, r7
          print "%r %r %d %d\\n", r8, r9, r10, r11
          mp.exit 0
        t:
          ret
        """));
    assertEquals("None None 0 0\n", r.stdout());
  }

  @Test
  void b16TerminateIsNotImmediateButJoinSeesMinusSigterm() {
    // EXP-12/13/14: alive and exitcode None right after terminate()/kill(); -15 / -9 after join
    Sim.Run r = completed(py("""
        main:
          mp.process r7, sleeper
          mp.start r7
          mp.terminate r7
          mp.is_alive r8, r7
          mp.exitcode r9, r7
          mp.join r7
          mp.is_alive r10, r7
          mp.exitcode r11, r7
          print "terminate: %d %r -> %d %r\\n", r8, r9, r10, r11
          mp.process r7, sleeper
          mp.start r7
          sleep 1ms
          mp.kill r7
          mp.is_alive r8, r7
          mp.exitcode r9, r7
          mp.join r7
          mp.exitcode r11, r7
          print "kill: %d %r -> %r\\n", r8, r9, r11
          mp.terminate r7
          mp.exitcode r11, r7
          print "again: %r\\n", r11
          mp.exit 0
        sleeper:
          sleep 10s
          ret
        """));
    assertEquals("terminate: 1 None -> 0 -15\nkill: 1 None -> -9\nagain: -9\n", r.stdout());
  }

  @Test
  void b15JoinWithTimeoutReturnsNoneWhileTheChildRuns() {
    // EXP-26: join(0.05) on a 0.3 s child returns after 50 ms; exitcode None; negative → 0
    Sim.Run r = completed(py("""
        main:
          mp.process r7, child
          mp.start r7
          clock
          mov r6, r0
          mp.join r7, 50ms
          clock
          sub r0, r6
          div r0, 1000000
          mp.exitcode r9, r7
          print "waited %dms exitcode=%r\\n", r0, r9
          mp.join r7, -1
          mp.exitcode r9, r7
          print "join(-1): %r\\n", r9
          mp.join r7
          mp.exitcode r9, r7
          print "join(): %r\\n", r9
          mp.exit 0
        child:
          sleep 300ms
          ret
        """));
    assertEquals("waited 50ms exitcode=None\njoin(-1): None\njoin(): 0\n", r.stdout());
  }

  @Test
  void pythonsErrorsWithPythonsMessages() {
    // EXP-19, EXP-20, EXP-21, EXP-22, EXP-24, EXP-25, B1 (set_start_method twice)
    Sim.Run r = completed(py("""
        main:
          mp.except caught
          mp.process r7, child
          mp.start r7
          mp.daemon r7, 1
          mp.start r7
          mp.close r7
          mp.process r12, child
          mp.join r12
          mp.terminate r12
          mp.close r12
          mp.join r7
          mp.close r7
          mp.close r7
          mp.is_alive r8, r7
          mp.exitcode r8, r7
          mp.set_start_method fork
          mp.set_start_method spawn
          mp.except 0
          mp.exit 0
        caught:
          print "%s\\n", r0
          mov r0, r15
          add r15, 1
          jmp resume
        resume:
          jeq r15, 1, e1
          jeq r15, 2, e2
          jeq r15, 3, e3
          jeq r15, 4, e4
          jeq r15, 5, e5
          jeq r15, 6, e6
          jeq r15, 7, e7
          mp.exit 0
        e1:
          mp.start r7
          jmp resume
        e2:
          mp.close r7
          jmp resume
        e3:
          mp.process r12, child
          mp.join r12
          jmp resume
        e4:
          mp.terminate r12
          jmp resume
        e5:
          mp.join r7
          mp.close r7
          mp.close r7
          mp.is_alive r8, r7
          jmp resume
        e6:
          mp.exitcode r8, r7
          jmp resume
        e7:
          mp.set_start_method fork
          mp.set_start_method spawn
          jmp resume
        child:
          sleep 10ms
          ret
        """));
    assertEquals("""
        AssertionError: process has already started
        AssertionError: cannot start a process twice
        ValueError: Cannot close a process while it is still running. You should first call \
        join() or terminate().
        AssertionError: can only join a started process
        AttributeError: 'NoneType' object has no attribute 'terminate'
        ValueError: process object is closed
        ValueError: process object is closed
        RuntimeError: context has already been set
        """, r.stdout());
  }

  @Test
  void b21ADaemonCannotStartChildrenAndTheParentSeesOnlyExitcode1() {
    // EXP-17: inside the daemon the new Process is daemonic too; start() raises; exitcode 1
    Sim.Run r = completed(py("""
        main:
          mp.process r7, daemon
          mp.daemon r7, 1
          mp.start r7
          mp.join r7
          mp.exitcode r8, r7
          print "daemon exitcode=%r\\n", r8
          mp.exit 0
        daemon:
          mp.process r7, leaf
          mp.is_daemon r8, r7
          print "child daemon=%d\\n", r8
          mp.daemon r7, 0
          mp.start r7
          ret
        leaf:
          ret
        """));
    assertEquals("child daemon=1\ndaemon exitcode=1\n", r.stdout());
    assertTrue(r.stderr().endsWith(
        "AssertionError: daemonic processes are not allowed to have children\n"), r.stderr());
    assertTrue(r.stderr().startsWith("Process Process-1:\n"), r.stderr());
  }

  @Test
  void b19b20ExitHookTerminatesDaemonsAndJoinsTheRest() {
    // EXP-38: main falls off the end; daemon terminated, non-daemon (1 s) joined; exit 0 ≈ 1 s
    Sim.Run r = completed(py("""
        main:
          mp.process r7, forever
          mp.daemon r7, 1
          mp.start r7
          mp.process r8, second
          mp.start r8
          mov r0, 0
          ret
        forever:
          sleep 1h
          ret
        second:
          sleep 1s
          print "non-daemon done\\n"
          ret
        """));
    assertEquals("non-daemon done\n", r.stdout());
    assertEquals(0, r.exitStatus());
    assertEquals(15, Behaviour.record(r, 3).status() & 0x7f); // killed by SIGTERM
    assertTrue(r.result().virtualNs() < 1_100_000_000L, describeTime(r));
    assertTrue(r.result().virtualNs() >= 1_000_000_000L, describeTime(r));
  }

  private static String describeTime(Sim.Run r) {
    return r.result().virtualNs() + " ns";
  }

  @Test
  void b20AnUncaughtErrorInMainRunsTheSameCleanupWithStatus1() {
    // EXP-39
    Sim.Run r = completed(py("""
        main:
          mp.process r7, forever
          mp.daemon r7, 1
          mp.start r7
          mp.raise "RuntimeError: main failed"
        forever:
          sleep 1h
          ret
        """));
    assertEquals(1 << 8, Behaviour.record(r, 2).status());
    assertEquals("Traceback (most recent call last):\n  File \"/usr/bin/python3\", in <module>\n"
        + "RuntimeError: main failed\n", r.stderr());
  }

  @Test
  void b20ADaemonIgnoringSigtermHangsTheParentForever() {
    // EXP-40: the join in step (3) never returns; the run ends at the time limit
    Sim.Run r = Sim.run(py("kernel time_limit=6s\n", """
        main:
          mp.process r7, stubborn
          mp.daemon r7, 1
          mp.start r7
          sleep 10ms
          mp.exit 0
        stubborn:
          signal SIGTERM, SIG_IGN
          sleep 1h
          ret
        """));
    assertEquals(StopReason.TIME_LIMIT, r.result().reason());
  }

  @Test
  void b20OsExitSkipsTheHookSoTheDaemonIsOrphaned() {
    // EXP-41: no cleanup; the daemon survives with getppid() = 1; the other child finishes
    Sim.Run r = completed(py("""
        main:
          mp.process r7, daemon
          mp.daemon r7, 1
          mp.start r7
          mp.process r8, worker
          mp.start r8
          sleep 10ms
          exit 0
        daemon:
          sleep 100ms
          getppid
          print "daemon ppid=%d\\n", r0
          ret
        worker:
          sleep 50ms
          print "worker done\\n"
          ret
        """));
    assertEquals("worker done\ndaemon ppid=1\n", r.stdout());
  }

  @Test
  void b22UnguardedSpawnFailsInTheChildWithTheBootstrappingError() {
    // EXP-30: the top-level print runs twice; the child dies with exit code 1; one child only
    Sim.Run r = completed(py("""
        main:
          mp.is_main r6
          print "top level, is_main=%d\\n", r6
          mp.process r7, foo
          mp.start r7
          mp.join r7
          mp.exitcode r8, r7
          print "exitcode=%r\\n", r8
          mov r0, 0
          ret
        foo:
          print "foo ran\\n"
          ret
        """.replace("main:\n", "main:\n  mp.except c\n  mp.set_start_method spawn\n"
            + "c:\n  mp.except 0\n")));
    assertEquals("top level, is_main=1\ntop level, is_main=0\nexitcode=1\n", r.stdout());
    assertTrue(r.stderr().contains("RuntimeError: \n        An attempt has been made to start a"
        + " new process before the\n        current process has finished its bootstrapping"
        + " phase.\n"), r.stderr());
    assertTrue(r.stderr().endsWith("section in https://docs.python.org/3/library/"
        + "multiprocessing.html\n"), r.stderr());
    assertEquals(2, r.result().processesCreated() - 1); // init's record aside: main + 1 child
  }

  @Test
  void b23AnUnguardedSetStartMethodFailsFirstInTheChild() {
    // EXP-31: the child fails re-running set_start_method: "context has already been set"
    Sim.Run r = completed(py("""
        main:
          mp.set_start_method spawn
          mp.process r7, foo
          mp.start r7
          mp.join r7
          mp.exitcode r8, r7
          print "exitcode=%r\\n", r8
          mov r0, 0
          ret
        foo:
          ret
        """));
    assertEquals("exitcode=1\n", r.stdout());
    assertTrue(r.stderr().endsWith("RuntimeError: context has already been set\n"), r.stderr());
  }

  @Test
  void b22WithTheCheckOffUnguardedSpawnRecursesUntilNprocStopsIt() {
    // E1: a runtime without the check recurses; RLIMIT_NPROC ends it with an error report
    Sim.Run r = completed(py("kernel mp_bootstrap_check=off nproc=6 time_limit=10s\n", """
        main:
          setuid 1000
          mp.process r7, foo
          mp.start r7
          mp.join r7
          mov r0, 0
          ret
        foo:
          ret
        """.replace("main:\n", "main:\n  mp.except c\n  mp.set_start_method spawn\n"
            + "c:\n  mp.except 0\n")));
    assertTrue(r.stderr().contains("BlockingIOError: [Errno 11] Resource temporarily unavailable"),
        r.stderr());
    assertTrue(r.result().processesCreated() >= 6, describe(r));
  }

  private static String describe(Sim.Run r) {
    return Behaviour.describe(r);
  }

  @Test
  void b2b5b26GlobalsAreCopiedByForkReinitialisedBySpawnAndNeverShared() {
    // EXP-33: fork children see the parent's current values and ids; spawn children the
    // import-time values and other ids; the parent keeps its own value either way
    String body = """
        main:
          mmap 4KiB, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS
          mov r13, r0
          mp.is_main r6
          jz r6, done
          METHOD
          store [counter], 5
          print "parent id=%x counter=5\\n", r13
          mp.process r7, child
          mp.start r7
          mp.join r7
          mp.process r7, child
          mp.start r7
          mp.join r7
          load r8, [counter]
          print "parent after: counter=%d\\n", r8
        done:
          mov r0, 0
          ret
        child:
          load r8, [counter]
          print "child id=%x counter=%d\\n", r13, r8
          store [counter], 99
          ret
        """;
    Sim.Run fork = completed(py(body.replace("METHOD", "mp.set_start_method fork")));
    String[] f = fork.stdout().split("\n");
    String parentId = f[0].substring(f[0].indexOf("id="), f[0].indexOf(' ', f[0].indexOf("id=")));
    assertEquals("child " + parentId + " counter=5", f[1]);
    assertEquals("child " + parentId + " counter=5", f[2]);
    assertEquals("parent after: counter=5", f[3]);
    Sim.Run spawn = completed(py(body.replace("METHOD", "mp.set_start_method spawn")));
    String[] s = spawn.stdout().split("\n");
    assertTrue(s[1].endsWith("counter=0") && !s[1].contains(parentId), spawn.stdout());
    assertEquals(s[1], s[2]); // EXP-34: two spawned children share a layout (no ASLR)
    assertEquals("parent after: counter=5", s[3]);
  }

  @Test
  void b27b29ALockSerialisesAndOneHeldByATerminatedProcessIsNeverReleased() {
    // EXP-37: exitcode -15, the child's finally did not run, acquire(timeout=1) → False at 1 s
    Sim.Run r = completed(py("""
        main:
          mp.lock r9
          mp.process r7, holder, r9
          mp.start r7
          sleep 10ms
          mp.terminate r7
          mp.join r7
          mp.exitcode r8, r7
          clock
          mov r6, r0
          mp.acquire r9, 1s
          mov r10, r0
          clock
          sub r0, r6
          div r0, 1000000
          print "exitcode=%r acquire=%d after %dms\\n", r8, r10, r0
          mp.exit 0
        holder:
          mp.acquire r0
          sleep 10s
          print "finally ran\\n"
          ret
        """));
    assertEquals("exitcode=-15 acquire=0 after 1000ms\n", r.stdout());
  }

  @Test
  void b31QueueItemsArriveInOrderAndAreLostOnOsExit() {
    // B31, EXP-45: items of one producer keep their order; put + os._exit loses the item
    Sim.Run r = completed(py("""
        main:
          mp.queue r9
          mp.process r7, loser, r9
          mp.start r7
          mp.join r7
          mp.process r7, producer, r9
          mp.start r7
          mp.get r1, r9
          mp.get r2, r9
          mp.get r3, r9
          mp.join r7
          print "%d %d %d\\n", r1, r2, r3
          mp.exit 0
        loser:
          mp.put r0, 666
          exit 0
        producer:
          mp.put r0, 1
          mp.put r0, 2
          mp.put r0, 3
          ret
        """));
    assertEquals("1 2 3\n", r.stdout());
  }

  @Test
  void b11AtexitRunsInMainAndSpawnChildrenButNotIn311ForkChildren() {
    // EXP-47 (3.11): fork child — not run; spawn child — run
    String body = """
        main:
          mp.atexit bye
          mp.is_main r6
          jz r6, out
          METHOD
          mp.process r7, child
          mp.start r7
          mp.join r7
        out:
          mov r0, 0
          ret
        child:
          mp.atexit bye
          ret
        bye:
          mp.name r8, 0
          print "atexit in %s\\n", r8
          ret
        """;
    assertEquals("atexit in MainProcess\n",
        completed(py(body.replace("METHOD", "mp.set_start_method fork"))).stdout());
    assertEquals("atexit in Process-1\natexit in Process-1\natexit in MainProcess\n",
        completed(py(body.replace("METHOD", "mp.set_start_method spawn"))).stdout());
  }

  @Test
  void b24PollingReapsZombies() {
    // EXP-43: a finished child stays a zombie until exitcode, active_children or start polls
    Sim.Run r = completed(py("""
        main:
          mp.process r7, quick
          mp.start r7
          mp.process r8, quick
          mp.start r8
          sleep 10ms
          mp.active_children r9
          print "active=%d\\n", r9
          mp.exit 0
        quick:
          ret
        """));
    assertEquals("active=0\n", r.stdout());
    assertEquals(2, Behaviour.record(r, 3).reapedBy());
  }

  @Test
  void sigintIsKeyboardInterruptExitcode1InAChild() {
    // B11, EXP-10: a child sending itself SIGINT ends with exitcode 1 (not -2), traceback printed;
    // the main program's KeyboardInterrupt runs the exit hook, then CPython dies by SIGINT
    Sim.Run r = completed(py("""
        main:
          mp.process r7, child
          mp.start r7
          mp.join r7
          mp.exitcode r8, r7
          print "exitcode=%r\\n", r8
          mp.process r7, worker
          mp.start r7
          raise SIGINT
          print "not reached\\n"
          mp.exit 0
        child:
          raise SIGINT
          ret
        worker:
          sleep 20ms
          print "worker joined by the exit hook\\n"
          ret
        """));
    assertEquals("exitcode=1\nworker joined by the exit hook\n", r.stdout());
    assertTrue(r.stderr().startsWith("Process Process-1:\nTraceback (most recent call last):\n"),
        r.stderr());
    assertTrue(r.stderr().endsWith("<module>\nKeyboardInterrupt\n"), r.stderr());
    assertEquals(2, Behaviour.record(r, 2).status() & 0x7f);
  }

  @Test
  void b15JoinReturnsWhenSomeoneElseReapedTheChild() {
    // popen_fork.poll: waitpid raising ChildProcessError gives None; join returns
    Sim.Run r = completed(py("""
        main:
          mp.process r7, quick
          mp.start r7
          wait
          mp.join r7
          mp.exitcode r8, r7
          print "joined, exitcode=%r\\n", r8
          mp.exit 0
        quick:
          ret
        """));
    assertEquals("joined, exitcode=None\n", r.stdout());
  }

  @Test
  void b4ForkserverChildrenAreTheServersWhichReapsThemAndReportsTheirStatus() {
    // B4: children of the server (their ppid), re-run main like spawn, reaped by the server so
    // the client sees no zombie; exit statuses reported; the server leaves with its client
    Sim.Run r = completed(py("""
        main:
          mp.is_main r6
          jz r6, out
          mp.set_start_method forkserver
          mp.process r7, child
          mp.start r7
          mp.process r8, fails
          mp.start r8
          mp.join r7
          mp.join r8
          mp.exitcode r9, r7
          mp.exitcode r10, r8
          waitpid -1, WNOHANG
          print "exitcodes %r %r; zombies for the client: %d\\n", r9, r10, r0
          mp.exit 0
        out:
          mov r0, 0
          ret
        child:
          getppid
          print "child ppid=%d\\n", r0
          ret
        fails:
          mp.exit 3
        """));
    assertEquals("child ppid=3\nexitcodes 0 3; zombies for the client: 0\n", r.stdout());
    assertEquals(3, Behaviour.record(r, 4).reapedBy()); // the server (pid 3) reaped it
    assertEquals(0, Behaviour.record(r, 3).status());
  }

  @Test
  void b4AChildWhoseServerWasKilledReads255() {
    // CPY-TEST test_forkserver_sigkill: 0 or 255; here the status was never reported: 255
    Sim.Run r = completed(py("""
        main:
          mp.is_main r6
          jz r6, out
          mp.set_start_method forkserver
          mp.process r7, sleeper
          mp.start r7
          sleep 5ms
          kill 3, SIGKILL
          mp.join r7
          mp.exitcode r9, r7
          print "exitcode %r\\n", r9
          mp.process r7, quick
          mp.start r7
          mp.join r7
          mp.exitcode r9, r7
          print "new server: exitcode %r\\n", r9
          mp.exit 0
        out:
          mov r0, 0
          ret
        sleeper:
          sleep 50ms
          ret
        quick:
          ret
        """));
    assertEquals("exitcode 255\nnew server: exitcode 0\n", r.stdout());
  }
}
