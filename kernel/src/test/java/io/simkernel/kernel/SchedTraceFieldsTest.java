package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static io.simkernel.kernel.Behaviour.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.trace.EventKind;
import io.simkernel.api.trace.TraceEvent;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * sched_switch's {@code prev_state} and sched_wakeup's waker, as Linux records them
 * (include/trace/events/sched.h): prev_state is the state the previous task left the CPU in —
 * {@code R} preempted or yielding (and the idle task), {@code S} interruptible sleep, {@code D}
 * uninterruptible (the vfork parent, VF-1), {@code T} stopped (ST-1), {@code Z} exited and a
 * zombie, {@code X} exited and released at once (auto-reap, ZB-1); the waker is the task whose
 * action woke the sleeper (sched_wakeup's {@code common_pid}) — the exiting child for a parent
 * in wait (CH-1), the sender of a signal — and 0, the interrupt context, for a timer.
 */
class SchedTraceFieldsTest {

  /** The switches, as "prev>next:STATE". */
  private static List<String> switches(Sim.Run r) {
    return events(r, EventKind.SCHED_SWITCH).stream()
        .map(e -> e.a() + ">" + e.pid() + ":" + (char) e.b()).collect(Collectors.toList());
  }

  private static TraceEvent wakeupOf(Sim.Run r, int pid) {
    return events(r, EventKind.SCHED_WAKEUP).stream().filter(e -> e.pid() == pid).findFirst()
        .orElseThrow(() -> new AssertionError("no wakeup of " + pid + ": " + r.events()));
  }

  @Test
  void aWaitingParentLeavesTheCpuSleepingAndIsWokenByItsExitingChild() {
    Sim.Run r = completed("""
        kernel cpus=1
        program /bin/p
        text
        main:
          fork
          jz r0, child
          waitpid r0, 0
          exit 0
        child:
          compute 10us
          exit 3
        end
        run /bin/p
        """);
    List<String> sw = switches(r);
    assertTrue(sw.contains("2>3:S"), "the parent blocks in waitpid (S): " + sw);
    assertTrue(sw.contains("3>2:Z"), "the child leaves the CPU a zombie (Z): " + sw);
    TraceEvent wake = wakeupOf(r, 2);
    assertEquals(3, wake.a(), "the exiting child wakes its parent (do_notify_parent): " + wake);
    assertEquals(0, wake.cpu());
  }

  @Test
  void aTimerWakesFromTheInterruptContext() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sleep 1ms
          exit 0
        end
        run /bin/p
        """);
    TraceEvent wake = wakeupOf(r, 2);
    assertEquals(0, wake.a(), "no process woke it: the timer interrupt did");
    assertEquals(-1, wake.cpu());
  }

  @Test
  void aSignalSenderIsTheWaker() {
    Sim.Run r = completed("""
        kernel cpus=1
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 1ms
          kill r6, SIGTERM
          waitpid r6, 0
          exit 0
        child:
          pause
          exit 0
        end
        run /bin/p
        """);
    List<TraceEvent> wakes = events(r, EventKind.SCHED_WAKEUP).stream()
        .filter(e -> e.pid() == 3).collect(Collectors.toList());
    assertEquals(1, wakes.size(), wakes.toString());
    assertEquals(2, wakes.get(0).a(), "the killer wakes the pausing child (ST-2)");
  }

  @Test
  void aPreemptedProcessLeavesRunnable() {
    Sim.Run r = completed("""
        kernel cpus=1 timeslice=1ms
        program /bin/p
        text
        main:
          fork
          compute 3ms
          exit 0
        end
        run /bin/p
        """);
    List<String> sw = switches(r);
    assertTrue(sw.contains("2>3:R") && sw.contains("3>2:R"),
        "a slice's end leaves the process runnable (R), in both directions: " + sw);
  }

  @Test
  void aStoppedProcessLeavesStoppedAndAVforkParentUninterruptible() {
    Sim.Run r = completed("""
        kernel cpus=1
        program /bin/p
        text
        main:
          vfork
          jz r0, child
          mov r6, r0
          waitpid r6, WUNTRACED
          kill r6, SIGCONT
          waitpid r6, 0
          exit 0
        child:
          exit 0
        end
        run /bin/p
        """);
    assertTrue(switches(r).contains("2>3:D"), "the vfork parent sleeps uninterruptibly: "
        + switches(r));
    Sim.Run s = completed("""
        kernel cpus=1
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          waitpid r6, WUNTRACED
          kill r6, SIGCONT
          waitpid r6, 0
          exit 0
        child:
          raise SIGSTOP
          exit 0
        end
        run /bin/p
        """);
    assertTrue(switches(s).contains("3>2:T"), "the child stops (T): " + switches(s));
  }

  @Test
  void anAutoReapedChildLeavesDead() {
    Sim.Run r = completed("""
        kernel cpus=1
        program /bin/p
        text
        main:
          signal SIGCHLD, SIG_IGN
          fork
          jz r0, child
          sleep 1ms
          exit 0
        child:
          exit 0
        end
        run /bin/p
        """);
    List<String> sw = switches(r);
    assertTrue(sw.contains("3>2:X") || sw.stream().anyMatch(x -> x.startsWith("3>")
        && x.endsWith(":X")), "SIGCHLD ignored: released at exit, EXIT_DEAD (X): " + sw);
    assertFalse(sw.stream().anyMatch(x -> x.endsWith(":" + (char) 0)), "always recorded: " + sw);
  }
}
