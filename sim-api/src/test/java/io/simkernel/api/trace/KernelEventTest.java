package io.simkernel.api.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The typed events mirror the generic ones exactly, one record per kind, and lose nothing. */
class KernelEventTest {
  private static TraceEvent ev(EventKind k, int pid, long a, long b, long c, String text) {
    return new TraceEvent(41, 1_234_567, 1, k, pid, a, b, c, text, 0x0123_4567_89AB_CDEFL);
  }

  /** One plausible event of every kind, as the kernel emits them. */
  static final List<TraceEvent> SAMPLES = List.of(
      ev(EventKind.SCHED_PROCESS_FORK, 2, 3, 1, 17, "sh"),
      ev(EventKind.SCHED_PROCESS_EXEC, 3, 3, 0, 0, "/bin/ls"),
      ev(EventKind.SCHED_PROCESS_EXIT, 3, 0x0300, 0, 0, "ls"),
      ev(EventKind.SCHED_PROCESS_WAIT, 2, 3, 0x0300, 1, null),
      ev(EventKind.SCHED_PROCESS_FREE, 3, 2, 0, 0, null),
      ev(EventKind.SCHED_SWITCH, 3, 2, 0, 0, null),
      ev(EventKind.SCHED_WAKEUP, 2, 0, 0, 0, null),
      ev(EventKind.SCHED_BLOCK, 2, 'S', 0, 0, "waitpid"),
      ev(EventKind.SIGNAL_GENERATE, 2, 17, 3, 1, null),
      ev(EventKind.SIGNAL_DELIVER, 2, 15, 0, 0x401000, null),
      ev(EventKind.REPARENT, 5, 4, 1, 0, null),
      ev(EventKind.PAGE_FAULT_USER, 2, 0x7fff_0000_1000L, 1, 2, null),
      ev(EventKind.WRITE, 2, 1, 6, -8_346_193_792_945_251_765L, null),
      ev(EventKind.TASK_STOP, 4, 19, 0, 0, null),
      ev(EventKind.TASK_CONTINUE, 4, 18, 0, 0, null),
      ev(EventKind.LIMIT, 2, 0, 0, 0, "insns_max"),
      ev(EventKind.CREATE_PROCESS, 2, 300, 0x204, 1, "/bin/child"),
      ev(EventKind.IMAGE_LOAD, 300, 3, 0, 0, "/bin/child"),
      ev(EventKind.HANDLE_OPEN, 2, 4, 1, 300, null),
      ev(EventKind.HANDLE_CLOSE, 2, 8, 3, 1, null),
      ev(EventKind.JOB_ASSIGN, 300, 1, 0, 0, null),
      ev(EventKind.JOB_TERMINATE, 2, 1, 3, 1, null));

  @Test
  void everyKindHasARecordAndConvertsBothWaysLosslessly() {
    Set<EventKind> covered = EnumSet.noneOf(EventKind.class);
    for (TraceEvent e : SAMPLES) {
      KernelEvent k = KernelEvent.of(e);
      assertEquals(e.kind(), k.kind());
      assertEquals(e, k.toTraceEvent(), e.kind().tracepoint());
      assertEquals(e.pid(), k.pid());
      assertEquals(new KernelEvent.Stamp(41, 1_234_567, 1, 0x0123_4567_89AB_CDEFL), k.stamp());
      assertEquals(41, k.seq());
      assertEquals(1_234_567, k.timeNs());
      assertEquals(1, k.cpu());
      covered.add(k.kind());
    }
    assertEquals(EnumSet.allOf(EventKind.class), covered);
  }

  @Test
  void fieldsHaveTheirDocumentedMeaning() {
    KernelEvent.SchedProcessFork f =
        assertInstanceOf(KernelEvent.SchedProcessFork.class, KernelEvent.of(SAMPLES.get(0)));
    assertEquals(List.of(2, 3), List.of(f.parent(), f.child()));
    assertTrue(f.vfork());
    assertEquals(17, f.parentPages());
    assertEquals("sh", f.parentComm());
    KernelEvent.SchedProcessWait w =
        assertInstanceOf(KernelEvent.SchedProcessWait.class, KernelEvent.of(SAMPLES.get(3)));
    assertEquals(List.of(2, 3, 0x0300), List.of(w.waiter(), w.child(), w.status()));
    assertTrue(w.reaped());
    KernelEvent.SignalGenerate g =
        assertInstanceOf(KernelEvent.SignalGenerate.class, KernelEvent.of(SAMPLES.get(8)));
    assertEquals(List.of(2, 17, 3, 1), List.of(g.target(), g.signal(), g.sender(), g.result()));
    KernelEvent.SchedBlock b =
        assertInstanceOf(KernelEvent.SchedBlock.class, KernelEvent.of(SAMPLES.get(7)));
    assertEquals('S', b.state());
    assertEquals("waitpid", b.cause());
    KernelEvent.CreateProcess cp =
        assertInstanceOf(KernelEvent.CreateProcess.class, KernelEvent.of(SAMPLES.get(16)));
    assertEquals(List.of(2, 300), List.of(cp.creator(), cp.child()));
    assertEquals(0x204, cp.flags());
    assertTrue(cp.inheritHandles());
    KernelEvent.HandleOpen ho =
        assertInstanceOf(KernelEvent.HandleOpen.class, KernelEvent.of(SAMPLES.get(18)));
    assertEquals(List.of(4L, 1L, 300L), List.of(ho.handle(), (long) ho.objectType(), ho.objectId()));
  }

  @Test
  void anExhaustiveSwitchOnTheKindReachesEveryRecord() {
    for (TraceEvent e : SAMPLES) {
      KernelEvent k = KernelEvent.of(e);
      String name = switch (k.kind()) {
        case SCHED_PROCESS_FORK -> "fork of " + ((KernelEvent.SchedProcessFork) k).child();
        case SCHED_PROCESS_EXEC -> ((KernelEvent.SchedProcessExec) k).filename();
        case SCHED_PROCESS_EXIT, SCHED_PROCESS_WAIT, SCHED_PROCESS_FREE, SCHED_SWITCH,
            SCHED_WAKEUP, SCHED_BLOCK, SIGNAL_GENERATE, SIGNAL_DELIVER, REPARENT,
            PAGE_FAULT_USER, WRITE, TASK_STOP, TASK_CONTINUE, LIMIT, IMAGE_LOAD, HANDLE_OPEN,
            HANDLE_CLOSE, JOB_ASSIGN, JOB_TERMINATE -> k.kind().tracepoint();
        case CREATE_PROCESS -> ((KernelEvent.CreateProcess) k).image();
      };
      assertTrue(!name.isEmpty());
    }
  }

  @Test
  void whatARecordCannotHoldIsRejectedNamingTheField() {
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
        () -> KernelEvent.of(ev(EventKind.SCHED_SWITCH, 3, 2, 0, 5, null)));
    assertEquals("event #41 (sched_switch): field c is 5; expected 0 (sched_switch does not use"
        + " it)", x.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> KernelEvent.of(ev(EventKind.SCHED_PROCESS_FORK, 2, 3, 2, 0, "sh")), "flag");
    assertThrows(IllegalArgumentException.class,
        () -> KernelEvent.of(ev(EventKind.SCHED_PROCESS_FORK, 2, 3, 0, 0, null)), "no text");
    assertThrows(IllegalArgumentException.class,
        () -> KernelEvent.of(ev(EventKind.SCHED_WAKEUP, 2, 0, 0, 0, "text")), "text");
    assertThrows(IllegalArgumentException.class,
        () -> KernelEvent.of(ev(EventKind.SIGNAL_GENERATE, 2, 1L << 40, 0, 0, null)), "range");
    assertThrows(IllegalArgumentException.class,
        () -> KernelEvent.of(ev(EventKind.SCHED_BLOCK, 2, 7, 0, 0, "x")), "state letter");
  }

  @Test
  void traceHashFoldsEveryFieldAndTheText() {
    TraceEvent a = SAMPLES.get(7);
    long h = TraceHash.step(TraceHash.SEED, a);
    assertEquals(h, TraceHash.step(TraceHash.SEED, a.kind(), a.timeNs(), a.cpu(), a.pid(), a.a(),
        a.b(), a.c(), true, TraceHash.textHash(a.text())));
    TraceEvent other = new TraceEvent(a.seq(), a.timeNs(), a.cpu(), a.kind(), a.pid(), a.a(),
        a.b(), a.c(), "waitid", a.hash());
    assertTrue(h != TraceHash.step(TraceHash.SEED, other));
  }
}
