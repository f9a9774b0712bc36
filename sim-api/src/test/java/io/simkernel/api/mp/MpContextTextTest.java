package io.simkernel.api.mp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The API's side of the replay, without a kernel: the scenario text it builds (a guarded module,
 * one label per target, calls kept only when they returned) and how it reads the marker line.
 * The kernel module's JavaApiTest runs it on the real simulator.
 */
class MpContextTextTest {
  /** Answers every run with a scripted stdout and records the texts. */
  private static final class Scripted implements MpEngine {
    final List<String> texts = new ArrayList<>();
    final List<String> replies = new ArrayList<>();

    @Override
    public Outcome run(String text) {
      texts.add(text);
      return new Outcome(null, replies.remove(0), "");
    }
  }

  @Test
  void callsAreKeptOnlyWhenTheyReturnAndTargetsAreRenderedAsLabels() {
    Scripted e = new Scripted();
    MpContext mp = Multiprocessing.context("spawn", e);
    e.replies.add("@@mp ok 1 1000\n");
    MpProcess p = mp.process(Target.create().print("50% \"done\"\n").sleep(Duration.ofMillis(2))
        .exit(3));
    e.replies.add("hello\n@@mp err AssertionError: can only join a started process\n");
    MpException x = assertThrows(MpException.class, p::join);
    assertEquals("AssertionError", x.type());
    assertEquals("can only join a started process", x.pyMessage());
    e.replies.add("@@mp ok None 2000\n");
    assertEquals(null, p.exitcode());
    assertEquals(2000, mp.now());
    String last = e.texts.get(2);
    assertTrue(last.contains("  mp.is_main r6\n  jz r6, __mp_module_end\n"), last);
    assertTrue(last.contains("  mp.set_start_method spawn\n"), last);
    assertTrue(last.contains("__mp_target1:\n  print \"50%% \\\"done\\\"\\n\"\n"
        + "  sleep 2000000ns\n  mp.exit 3\n"), last);
    assertTrue(!last.contains("mp.join 1"), "the failed join left no trace:\n" + last);
    assertTrue(mp.scenario().endsWith("  ret\n__mp_err:\n  print \"@@mp err %s\\n\", r0\n"
        + "  exit 0\n__mp_module_end:\n  ret\n" + "__mp_target1:\n  print \"50%% \\\"done\\\"\\n\"\n"
        + "  sleep 2000000ns\n  mp.exit 3\nend\nrun /usr/bin/python3\n"), mp.scenario());
  }

  @Test
  void aTargetEndsOnceAndUnknownMethodsAreRefused() {
    assertThrows(IllegalStateException.class, () -> Target.create().osExit(0).print("x"));
    assertEquals("ValueError", assertThrows(MpException.class,
        () -> Multiprocessing.context("threads", new Scripted())).type());
  }
}
