package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static io.simkernel.kernel.Behaviour.first;
import static io.simkernel.kernel.Behaviour.number;
import static io.simkernel.kernel.Behaviour.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.trace.EventKind;
import io.simkernel.api.trace.TraceEvent;
import org.junit.jupiter.api.Test;

/**
 * Virtual time, CPUs and causality (DESIGN.md rules 2 and 6): a cross-CPU signal takes effect
 * at the virtual time it is sent (the scheduler's rollback), round robin on one CPU,
 * parallelism on two, the clock and CPU-time accounting.
 */
class SchedulingTest {

  /** At most this long between a kill and the victim's exit on another CPU. */
  private static final long KILL_LATENCY_NS = 10_000;
  /** Generous bound on the exit teardown the cost model charges (CostModel: about 80 us). */
  private static final long EXIT_COST_NS = 200_000;

  @Test
  void aSpinningChildOnAnotherCpuDiesAtTheVirtualTimeOfTheKill() {
    Sim.Run r = completed("""
        kernel cpus=2
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 5ms
          kill r6, SIGKILL
          waitpid r6, 0
          print "status=%x\\n", r1
          exit 0
        child:
        spin: add r1, 1
          jmp spin
        end
        run /bin/p
        """);
    assertEquals("status=9\n", r.stdout());
    TraceEvent kill = r.events().stream()
        .filter(e -> e.kind() == EventKind.SIGNAL_GENERATE && e.pid() == 3 && e.a() == 9)
        .findFirst().orElseThrow();
    TraceEvent deliver = first(r, EventKind.SIGNAL_DELIVER, 3);
    TraceEvent exit = first(r, EventKind.SCHED_PROCESS_EXIT, 3);
    assertTrue(kill.seq() < deliver.seq() && deliver.seq() < exit.seq(), kill + ", " + exit);
    assertTrue(kill.timeNs() >= 5_000_000 && kill.timeNs() < 5_200_000, kill.toString());
    long latency = deliver.timeNs() - kill.timeNs();
    assertTrue(latency >= 0 && latency < KILL_LATENCY_NS,
        "the victim must not run on past the kill: " + kill + " -> " + deliver);
    // sched_process_exit comes after the address-space teardown (as in Linux do_exit)
    assertTrue(exit.timeNs() - deliver.timeNs() < EXIT_COST_NS, deliver + " -> " + exit);
    assertEquals(exit.timeNs(), record(r, 3).exitNs());
  }

  @Test
  void aComputingChildOnAnotherCpuDiesAtTheVirtualTimeOfTheKill() {
    Sim.Run r = completed("""
        kernel cpus=2
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 5ms
          kill r6, SIGTERM
          wait
          exit 0
        child:
          compute 1s
          exit 0
        end
        run /bin/p
        """);
    TraceEvent kill = r.events().stream()
        .filter(e -> e.kind() == EventKind.SIGNAL_GENERATE && e.pid() == 3 && e.a() == 15)
        .findFirst().orElseThrow();
    TraceEvent deliver = first(r, EventKind.SIGNAL_DELIVER, 3);
    TraceEvent exit = first(r, EventKind.SCHED_PROCESS_EXIT, 3);
    long latency = deliver.timeNs() - kill.timeNs();
    assertTrue(latency >= 0 && latency < KILL_LATENCY_NS, kill + " -> " + deliver);
    assertTrue(exit.timeNs() - deliver.timeNs() < EXIT_COST_NS, deliver + " -> " + exit);
    assertEquals(15, exit.a());
  }

  @Test
  void aHandlerOnAnotherCpuRunsAtTheVirtualTimeOfTheKill() {
    Sim.Run r = completed("""
        kernel cpus=2
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 5ms
          clock
          print "kill at=%d\\n", r0
          kill r6, SIGUSR1
          wait
          exit 0
        child:
          signal SIGUSR1, handler
          compute 20ms
          exit 0
        handler:
          clock
          print "handler at=%d\\n", r0
          ret
        end
        run /bin/p
        """);
    long delay = number(r, "handler at") - number(r, "kill at");
    assertTrue(delay >= 0 && delay < KILL_LATENCY_NS, "handler " + delay + " ns after the kill");
  }

  @Test
  void twoCpuBoundChildrenShareOneCpuRoundRobin() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          fork
          jz r0, child
          wait
          wait
          exit 0
        child:
          compute 20ms
          exit 0
        end
        run /bin/p
        """);
    long total = r.result().virtualNs();
    assertTrue(total >= 40_000_000 && total < 41_000_000, "about 20ms + 20ms: " + total);
    // with 4ms slices neither finishes before the other has had most of its share
    assertTrue(record(r, 3).exitNs() > 30_000_000, record(r, 3).toString());
    assertTrue(record(r, 4).exitNs() > 30_000_000, record(r, 4).toString());
  }

  @Test
  void twoCpuBoundChildrenRunInParallelOnTwoCpus() {
    Sim.Run r = completed("""
        kernel cpus=2
        program /bin/p
        text
        main:
          fork
          jz r0, child
          fork
          jz r0, child
          wait
          wait
          exit 0
        child:
          compute 20ms
          exit 0
        end
        run /bin/p
        """);
    long total = r.result().virtualNs();
    assertTrue(total >= 20_000_000 && total < 21_000_000, "about 20ms: " + total);
  }

  @Test
  void theClockNeverGoesBackwardsAndAdvancesByComputeAndSleep() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          clock
          mov r6, r0
          compute 1ms
          clock
          mov r7, r0
          sleep 1ms
          clock
          mov r8, r0
          yield
          clock
          mov r9, r0
          sub r9, r8
          sub r8, r7
          sub r7, r6
          print "d1=%d d2=%d d3=%d\\n", r7, r8, r9
          exit 0
        end
        run /bin/p
        """);
    long d1 = number(r, "d1");
    long d2 = number(r, "d2");
    long d3 = number(r, "d3");
    assertTrue(d1 >= 1_000_000 && d1 < 1_050_000, "compute 1ms: " + d1);
    assertTrue(d2 >= 1_000_000 && d2 < 1_050_000, "sleep 1ms: " + d2);
    assertTrue(d3 >= 0, "yield: " + d3);
  }

  @Test
  void userTimeOfRusageSelfIsTheComputedTime() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          compute 5ms
          sleep 5ms
          getrusage RUSAGE_SELF
          print "user=%d sys=%d\\n", r3, r4
          exit 0
        end
        run /bin/p
        """);
    long user = number(r, "user");
    assertTrue(user >= 5_000_000 && user < 5_100_000, "compute counts, sleep does not: " + user);
    assertTrue(number(r, "sys") >= 0);
  }

  @Test
  void aSleeperWakesAtItsDeadlineWhileAnotherProcessComputesOnTheOtherCpu() {
    Sim.Run r = completed("""
        kernel cpus=2
        program /bin/p
        text
        main:
          fork
          jz r0, child
          clock
          mov r6, r0
          sleep 3ms
          clock
          sub r0, r6
          print "slept=%d\\n", r0
          wait
          exit 0
        child:
          compute 10ms
          exit 0
        end
        run /bin/p
        """);
    long slept = number(r, "slept");
    assertTrue(slept >= 3_000_000 && slept < 3_050_000, "slept " + slept);
  }

  @Test
  void getrusageAcceptsRusageThreadAndRejectsUnknownWho() {
    // Linux getrusage: RUSAGE_SELF 0, RUSAGE_CHILDREN -1, RUSAGE_THREAD 1; anything else EINVAL
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          compute 1ms
          getrusage 1
          print "thread=%d user=%d\\n", r0, r3
          getrusage 2
          print "two=%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals(0, number(r, "thread"));
    assertTrue(number(r, "user") >= 1_000_000, r.stdout());
    assertTrue(r.stdout().endsWith("two=-EINVAL\n"), r.stdout());
  }

  @Test
  void rusageChildrenIncludesGrandchildrenThatTheChildReaped_WT9() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          wait
          getrusage RUSAGE_CHILDREN
          print "children=%d\\n", r3
          exit 0
        child:
          fork
          jz r0, grandchild
          wait
          exit 0
        grandchild:
          compute 3ms
          exit 0
        end
        run /bin/p
        """);
    long user = number(r, "children");
    assertTrue(user >= 3_000_000 && user < 3_500_000, "children user ns " + user);
  }

  @Test
  void aKilledChildOnAnotherCpuWritesNothingAfterTheKill() {
    // the child's output at 4ms happens; its output at 6ms must never happen (kill at ~5ms)
    Sim.Run r = completed("""
        kernel cpus=2
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 5ms
          kill r6, SIGKILL
          wait
          exit 0
        child:
          compute 4ms
          print "early\\n"
          compute 2ms
          print "late\\n"
          exit 0
        end
        run /bin/p
        """);
    assertEquals("early\n", r.stdout());
    assertEquals(9, record(r, 3).status());
  }

  @Test
  void aParentNeverSeesItsChildsExitBeforeItHappensOnAnotherCpu() {
    Sim.Run r = completed("""
        kernel cpus=2
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          compute 4900us
          waitpid r6, WNOHANG
          print "at ~4.9ms: %d\\n", r0
          compute 1ms
          waitpid r6, WNOHANG
          print "at ~5.9ms: %d\\n", r0
          exit 0
        child:
          compute 5ms
          exit 7
        end
        run /bin/p
        """);
    assertEquals("at ~4.9ms: 0\nat ~5.9ms: 3\n", r.stdout());
  }

  @Test
  void pidsAreHandedOutInVirtualTimeOrderAcrossCpus_PID3() {
    // 3 is created first but forks later (2ms) than 4 (1ms): 4's child gets 5
    Sim.Run r = completed("""
        kernel cpus=4
        program /bin/p
        text
        main:
          fork
          jz r0, slow
          fork
          jz r0, quick
          wait
          wait
          exit 0
        slow:
          compute 2ms
          fork
          jz r0, leaf
          print "slow got %d\\n", r0
          wait
          exit 0
        quick:
          compute 1ms
          fork
          jz r0, leaf
          print "quick got %d\\n", r0
          wait
          exit 0
        leaf:
          exit 0
        end
        run /bin/p
        """);
    assertEquals("quick got 5\nslow got 6\n", r.stdout());
  }

  @Test
  void aStoppedChildOnAnotherCpuResumesItsComputeAfterSigcont_ST3() {
    // 10ms of compute, stopped from ~5ms to ~10ms: it ends at ~15ms with ~10ms of user time
    Sim.Run r = completed("""
        kernel cpus=2
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 5ms
          kill r6, SIGSTOP
          sleep 5ms
          kill r6, SIGCONT
          wait
          exit 0
        child:
          compute 10ms
          getrusage RUSAGE_SELF
          mov r6, r3
          clock
          print "user=%d end=%d\\n", r6, r0
          exit 0
        end
        run /bin/p
        """);
    long user = number(r, "user");
    long end = number(r, "end");
    assertTrue(user >= 10_000_000 && user < 10_200_000, "user " + user);
    assertTrue(end >= 15_000_000 && end < 15_300_000, "end " + end);
  }
}
