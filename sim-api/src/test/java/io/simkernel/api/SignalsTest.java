package io.simkernel.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** posix-semantics §11: the x86-64 signal inventory and SI-1. */
class SignalsTest {
  @Test
  void defaultActionsFollowTheTableOfSection11() {
    assertEquals(SigAction.TERM, Signals.defaultAction(Signals.SIGHUP));
    assertEquals(SigAction.CORE, Signals.defaultAction(Signals.SIGQUIT));
    assertEquals(SigAction.CORE, Signals.defaultAction(Signals.SIGSEGV));
    assertEquals(SigAction.CORE, Signals.defaultAction(Signals.SIGSYS));
    assertEquals(SigAction.TERM, Signals.defaultAction(Signals.SIGKILL));
    assertEquals(SigAction.IGN, Signals.defaultAction(Signals.SIGCHLD));
    assertEquals(SigAction.IGN, Signals.defaultAction(Signals.SIGURG));
    assertEquals(SigAction.IGN, Signals.defaultAction(Signals.SIGWINCH));
    assertEquals(SigAction.CONT, Signals.defaultAction(Signals.SIGCONT));
    assertEquals(SigAction.STOP, Signals.defaultAction(Signals.SIGTSTP));
    assertEquals(SigAction.TERM, Signals.defaultAction(Signals.SIGSTKFLT));
    assertEquals(SigAction.TERM, Signals.defaultAction(Signals.SIGPWR));
    for (int s = 32; s <= 64; s++) {
      assertEquals(SigAction.TERM, Signals.defaultAction(s), "real-time signal " + s);
    }
  }

  @Test
  void numbersAreTheX86Ones() {
    assertEquals(17, Signals.byName("SIGCHLD"));
    assertEquals(10, Signals.byName("SIGUSR1"));
    assertEquals(6, Signals.byName("SIGIOT"));
    assertEquals(34, Signals.byName("SIGRTMIN"));
    assertEquals(64, Signals.byName("SIGRTMAX"));
  }

  @Test
  void validSignalsAreOneTo64_SI1() {
    assertFalse(Signals.isValid(0));
    assertTrue(Signals.isValid(1));
    assertTrue(Signals.isValid(64));
    assertFalse(Signals.isValid(65));
  }

  @Test
  void errnoValuesAreLinuxOnes() {
    assertEquals(10, Errno.ECHILD.number());
    assertEquals(3, Errno.ESRCH.number());
    assertEquals(38, Errno.ENOSYS.number());
    assertEquals("-ECHILD", Errno.describe(-10));
    assertEquals("5", Errno.describe(5));
  }
}
