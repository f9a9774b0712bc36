package io.simkernel.kernel.mp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.mp.Lock;
import io.simkernel.api.mp.MpContext;
import io.simkernel.api.mp.MpEngine;
import io.simkernel.api.mp.MpException;
import io.simkernel.api.mp.MpProcess;
import io.simkernel.api.mp.Multiprocessing;
import io.simkernel.api.mp.Queue;
import io.simkernel.api.mp.SimulationStopped;
import io.simkernel.api.mp.Target;
import io.simkernel.api.run.StopReason;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The Java API of sim-api ({@code io.simkernel.api.mp}) on the kernel's engine (found by
 * ServiceLoader), reproducing observed CPython results of Part D (EXP-n) of
 * createprocess-and-multiprocessing.md.
 */
class JavaApiTest {
  private static Target sleeper(Duration d) {
    return Target.create().sleep(d);
  }

  @Test
  void anUnstartedProcessHasNoPidNoExitcodeAndIsNotAlive() {
    // EXP-11; EXP-27: names count every created object
    MpContext mp = Multiprocessing.context("fork");
    MpProcess p = mp.process(Target.create());
    assertNull(p.pid());
    assertNull(p.exitcode());
    assertFalse(p.isAlive());
    assertEquals("Process-1", p.name());
    assertEquals("Process-2", mp.process(Target.create()).name());
    assertEquals("MainProcess", mp.currentProcessName());
  }

  @Test
  void exitcodesFollowPythonsRules() {
    // EXP-1 (return → 0), EXP-2 (sys.exit(3)), EXP-6 (256 → 0, -1 → 255), EXP-7 (raise → 1),
    // EXP-8 (os._exit(7) → 7), for every start method
    for (String m : new String[] {"fork", "spawn", "forkserver"}) {
      MpContext mp = Multiprocessing.context(m);
      MpProcess[] ps = {
        mp.process(Target.create()).start(),
        mp.process(Target.create().exit(3)).start(),
        mp.process(Target.create().exit(256)).start(),
        mp.process(Target.create().exit(-1)).start(),
        mp.process(Target.create().raise("ValueError", "boom")).start(),
        mp.process(Target.create().osExit(7)).start()};
      int[] want = {0, 3, 0, 255, 1, 7};
      for (int i = 0; i < ps.length; i++) {
        ps[i].join();
        assertEquals(want[i], ps[i].exitcode(), m + " child " + i);
      }
      assertTrue(mp.shutdown().stderr().contains("ValueError: boom"), m);
    }
  }

  @Test
  void terminateIsNotImmediateAndGivesMinus15() {
    // EXP-12/14: right after terminate() alive and exitcode None; after join False and -15
    MpContext mp = Multiprocessing.context("fork");
    MpProcess p = mp.process(sleeper(Duration.ofSeconds(10))).start();
    assertTrue(p.pid() > 1);
    p.terminate();
    assertTrue(p.isAlive());
    assertNull(p.exitcode());
    p.join();
    assertFalse(p.isAlive());
    assertEquals(-15, p.exitcode());
    assertTrue(mp.now() < 1_000_000_000L, "joined long before the 10 s sleep: " + mp.now());
    // EXP-13: kill() gives -9; EXP-16: terminate() on an exited process is a no-op
    MpProcess k = mp.process(sleeper(Duration.ofSeconds(10))).start();
    k.kill();
    k.join();
    assertEquals(-9, k.exitcode());
    k.terminate();
    assertEquals(-9, k.exitcode());
  }

  @Test
  void joinWithATimeoutReturnsAtTheTimeoutWithExitcodeNone() {
    // EXP-26: join(0.05) on a 0.3 s child returns None, exitcode None; virtual time advanced
    MpContext mp = Multiprocessing.context("spawn");
    MpProcess p = mp.process(sleeper(Duration.ofMillis(300))).start();
    long started = mp.now();
    p.join(Duration.ofMillis(50));
    assertNull(p.exitcode());
    assertEquals(50_000_000L, mp.now() - started, 2_000_000L);
    p.join();
    assertEquals(0, p.exitcode());
    assertTrue(mp.now() - started >= 300_000_000L, "join blocked until the child ended");
  }

  @Test
  void daemonRulesAndErrorsRaiseCPythonsExceptions() {
    MpContext mp = Multiprocessing.context("fork");
    MpProcess p = mp.process(sleeper(Duration.ofMillis(10))).daemon(true).start();
    assertTrue(p.daemon());
    // EXP-19, EXP-20, EXP-24
    MpException e = assertThrows(MpException.class, () -> p.daemon(false));
    assertEquals("AssertionError", e.type());
    assertEquals("process has already started", e.pyMessage());
    assertEquals("cannot start a process twice",
        assertThrows(MpException.class, p::start).pyMessage());
    assertTrue(assertThrows(MpException.class, p::close).pyMessage()
        .startsWith("Cannot close a process while it is still running."));
    // EXP-21, EXP-22: before start
    MpProcess q = mp.process(Target.create());
    assertEquals("can only join a started process",
        assertThrows(MpException.class, q::join).pyMessage());
    assertEquals("AttributeError", assertThrows(MpException.class, q::terminate).type());
    // the failed calls left no trace: the program goes on
    p.join();
    assertEquals(0, p.exitcode());
    p.close();
    assertEquals("process object is closed",
        assertThrows(MpException.class, p::isAlive).pyMessage()); // EXP-25
  }

  @Test
  void atExitTheDaemonIsTerminatedAndTheOtherChildJoined() {
    // EXP-38: daemon (sleeps) + non-daemon (1 s); falling off the end lasts ≈ 1 s
    MpContext mp = Multiprocessing.context("fork");
    mp.process(sleeper(Duration.ofHours(1))).daemon(true).start();
    mp.process(Target.create().sleep(Duration.ofSeconds(1)).print("worker done\n")).start();
    assertEquals(2, mp.activeChildren());
    MpEngine.Outcome o = mp.shutdown();
    assertEquals(StopReason.COMPLETED, o.result().reason());
    assertTrue(o.stdout().contains("worker done"), o.stdout());
    assertTrue(o.result().virtualNs() > 1_000_000_000L && o.result().virtualNs() < 1_100_000_000L,
        "lasts as long as the non-daemon child: " + o.result().virtualNs());
    assertTrue(o.result().leftAlive().isEmpty(), "the daemon was terminated");
  }

  @Test
  void aLockHeldByATerminatedChildIsNeverReleased() {
    // EXP-37: the child acquires, is terminated: exitcode -15, acquire(timeout=1) False after 1 s
    MpContext mp = Multiprocessing.context("fork");
    Lock lock = mp.lock();
    MpProcess p = mp.process(Target.create().acquire(lock).sleep(Duration.ofSeconds(10))).start();
    mp.sleep(Duration.ofMillis(100));
    p.terminate();
    p.join();
    assertEquals(-15, p.exitcode());
    long t0 = mp.now();
    assertFalse(lock.acquire(Duration.ofSeconds(1)));
    assertEquals(1_000_000_000L, mp.now() - t0, 1_000_000L);
  }

  @Test
  void aQueueCarriesItemsAndGetBlocksUntilTheyArrive() {
    // B31: items arrive by the producer's next mp call or normal exit; one producer's order kept
    MpContext mp = Multiprocessing.context("spawn");
    Queue q = mp.queue();
    mp.process(Target.create().sleep(Duration.ofMillis(20)).put(q, 7).put(q, 8)).start();
    long t0 = mp.now();
    assertEquals(7, q.get());
    assertTrue(mp.now() - t0 >= 20_000_000L, "get slept until the item came");
    assertEquals(8, q.get());
    // EXP-45: put then os._exit loses the item — the main process would block forever
    mp.process(Target.create().put(q, 9).osExit(0)).start();
    SimulationStopped s = assertThrows(SimulationStopped.class, q::get);
    assertEquals(StopReason.DEADLOCK, s.result().reason());
  }

  @Test
  void aDeadlockInTheJavaProgramIsReportedWithTheWaitForChain() {
    MpContext mp = Multiprocessing.context("fork");
    Lock a = mp.lock();
    Lock b = mp.lock();
    mp.process(Target.create().acquire(a).sleep(Duration.ofMillis(1)).acquire(b)).start();
    assertTrue(b.acquire());
    mp.sleep(Duration.ofMillis(1));
    SimulationStopped s = assertThrows(SimulationStopped.class, a::acquire);
    String d = s.result().detail();
    assertTrue(d.contains("in mp.acquire(lock 1) waits for holders [3]"), d);
    assertTrue(d.contains("cycle: 2 -> 3 -> 2"), d);
  }

  @Test
  void replaysAreDeterministic() {
    String[] text = new String[2];
    long[] hash = new long[2];
    for (int i = 0; i < 2; i++) {
      MpContext mp = Multiprocessing.context("forkserver");
      mp.process(Target.create().compute(Duration.ofMillis(3)).printName()).start().join();
      text[i] = mp.scenario();
      hash[i] = mp.shutdown().result().eventHash();
    }
    assertEquals(text[0], text[1]);
    assertEquals(hash[0], hash[1]);
  }

  @Test
  void anUnknownStartMethodIsAValueError() {
    assertEquals("cannot find context for 'thread'", assertThrows(MpException.class,
        () -> Multiprocessing.context("thread")).pyMessage());
  }
}
