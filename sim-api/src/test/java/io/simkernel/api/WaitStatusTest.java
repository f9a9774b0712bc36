package io.simkernel.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** posix-semantics TM-3, TM-4 and the worked values of TM-5. */
class WaitStatusTest {
  @Test
  void workedValuesOfTM5() {
    assertEquals(0x0000, WaitStatus.exited(0));
    assertEquals(0x0100, WaitStatus.exited(1));
    assertEquals(0x2A00, WaitStatus.exited(42));
    assertEquals(0x0000, WaitStatus.exited(256));
    assertEquals(0xFF00, WaitStatus.exited(-1));
    assertEquals(0xFF00, WaitStatus.exited(0x1FF));
    assertEquals(0x0009, WaitStatus.signaled(Signals.SIGKILL, false));
    assertEquals(0x000F, WaitStatus.signaled(Signals.SIGTERM, false));
    assertEquals(0x008B, WaitStatus.signaled(Signals.SIGSEGV, true));
    assertEquals(0x000B, WaitStatus.signaled(Signals.SIGSEGV, false));
    assertEquals(0x137F, WaitStatus.stopped(Signals.SIGSTOP));
    assertEquals(0x147F, WaitStatus.stopped(Signals.SIGTSTP));
    assertEquals(0xFFFF, WaitStatus.CONTINUED);
  }

  @Test
  void macrosAgreeWithMuslTM4() {
    assertTrue(WaitStatus.wifexited(0x2A00));
    assertEquals(42, WaitStatus.wexitstatus(0x2A00));
    assertTrue(WaitStatus.wifsignaled(0x008B));
    assertEquals(11, WaitStatus.wtermsig(0x008B));
    assertEquals(0x80, WaitStatus.wcoredump(0x008B));
    assertTrue(WaitStatus.wifstopped(0x137F));
    assertEquals(19, WaitStatus.wstopsig(0x137F));
    assertTrue(WaitStatus.wifcontinued(0xFFFF));
  }

  @Test
  void continuedIsNeitherStoppedNorSignaledTM4() {
    assertFalse(WaitStatus.wifstopped(0xFFFF));
    assertFalse(WaitStatus.wifsignaled(0xFFFF));
    assertFalse(WaitStatus.wifexited(0xFFFF));
  }

  @Test
  void stoppedIsNotSignaledTM4() {
    assertFalse(WaitStatus.wifsignaled(0x137F));
    assertFalse(WaitStatus.wifexited(0x137F));
  }

  @Test
  void shellReportsKilledAs128PlusSignalTM7() {
    assertEquals(137, WaitStatus.shellStatus(WaitStatus.signaled(Signals.SIGKILL, false)));
    assertEquals(3, WaitStatus.shellStatus(WaitStatus.exited(3)));
  }

  @Test
  void siginfoCodeAndStatusFollowWT12() {
    assertEquals(Constants.CLD_EXITED, WaitStatus.siCode(WaitStatus.exited(3)));
    assertEquals(3, WaitStatus.siStatus(WaitStatus.exited(3)));
    assertEquals(Constants.CLD_KILLED, WaitStatus.siCode(WaitStatus.signaled(Signals.SIGTERM, false)));
    assertEquals(Constants.CLD_DUMPED, WaitStatus.siCode(WaitStatus.signaled(Signals.SIGSEGV, true)));
    assertEquals(Signals.SIGSEGV, WaitStatus.siStatus(WaitStatus.signaled(Signals.SIGSEGV, true)));
  }
}
