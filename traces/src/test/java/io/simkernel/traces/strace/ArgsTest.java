package io.simkernel.traces.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.simkernel.api.Signals;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decoding strace's C expressions: never by column or by bare comma. */
class ArgsTest {
  @Test
  void splitsOnlyAtTopLevelCommas() {
    assertEquals(List.of("SIGCHLD", "{sa_handler=SIG_DFL, sa_mask=[INT TERM], sa_flags=0}",
        "NULL", "8"), Args.split("SIGCHLD, {sa_handler=SIG_DFL, sa_mask=[INT TERM], sa_flags=0},"
        + " NULL, 8"));
    assertEquals(List.of("\"a, b\"", "0x1 /* 3 vars, really */"),
        Args.split("\"a, b\", 0x1 /* 3 vars, really */"));
    assertEquals(List.of(), Args.split(""));
  }

  @Test
  void signalNamesFollowStraceIncludingKernelRealTimeNumbering() {
    assertEquals(Signals.SIGTERM, Args.signal("SIGTERM"));
    assertEquals(Signals.SIGCHLD, Args.signal("CHLD"));
    assertEquals(32, Args.signal("SIGRTMIN"), "strace counts real-time signals from 32");
    assertEquals(34, Args.signal("SIGRT_2"));
    assertEquals(33, Args.signal("RT_1"));
    assertEquals(9, Args.signal("9"));
    assertEquals(-1, Args.signal("SIGNOPE"));
  }

  @Test
  void signalSetsIncludingComplements() {
    assertEquals(Signals.bit(2) | Signals.bit(15) | Signals.bit(17),
        Args.sigset("[INT TERM CHLD]"));
    assertEquals(0L, Args.sigset("[]"));
    assertEquals(~(Signals.bit(32) | Signals.bit(33)), Args.sigset("~[RTMIN RT_1]"));
    assertNull(Args.sigset("NULL"));
  }

  @Test
  void structuresBecomeOrderedMaps() {
    Map<String, String> m = Args.struct("{sa_handler=0x55bc, sa_mask=[CHLD], sa_flags=SA_RESTORER"
        + "|SA_RESTART, sa_restorer=0x7fa4}");
    assertEquals(List.of("sa_handler", "sa_mask", "sa_flags", "sa_restorer"),
        List.copyOf(m.keySet()));
    assertEquals("[CHLD]", m.get("sa_mask"));
    assertEquals(List.of("SA_RESTORER", "SA_RESTART"), Args.flags(m.get("sa_flags")));
    assertEquals(List.of(), Args.flags("0"));
  }

  @Test
  void stringsAndStringArraysAreDecoded() {
    assertEquals("a\"b\n\t\\\u0001\u00c3", Args.string("\"a\\\"b\\n\\t\\\\\\1\\303\"..."));
    assertEquals(List.of("sleep", "0.3"), Args.stringArray("[\"sleep\", \"0.3\"]"));
    assertNull(Args.stringArray("0x7ffd98e95550 /* 3 vars */"));
    assertEquals("A", Args.string("\"\\x41\""));
  }

  @Test
  void waitStatusesAsStraceDecodesThem() {
    assertEquals("exited 3", Args.waitStatus("[{WIFEXITED(s) && WEXITSTATUS(s) == 3}]"));
    assertEquals("killed SIGTERM", Args.waitStatus("[{WIFSIGNALED(s) && WTERMSIG(s) == SIGTERM}]"));
    assertEquals("killed SIGSEGV core",
        Args.waitStatus("[{WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV && WCOREDUMP(s)}]"));
    assertEquals("stopped SIGSTOP", Args.waitStatus("[{WIFSTOPPED(s) && WSTOPSIG(s) == SIGSTOP}]"));
    assertNull(Args.waitStatus("0x7fff32afe190"));
    assertNull(Args.waitStatus("NULL"));
  }

  @Test
  void numbersInDecimalAndHex() {
    assertEquals(-1, Args.parseLong("-1", 0));
    assertEquals(0x7fa4cf325a10L, Args.parseLong("0x7fa4cf325a10", 0));
    assertEquals(7, Args.parseLong("x", 7));
  }
}
