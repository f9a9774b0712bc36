package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A fatal signal decides the process's end when it is generated (kernel/signal.c complete_signal:
 * SIGNAL_GROUP_EXIT with group_exit_code, SIGKILL added), so a signal sent afterwards is dropped
 * because the target is exiting (posix-semantics SG-11) and does not win the lowest-number
 * selection of SG-17. Real Linux: `kill -TERM p; kill -KILL p` on a sleeping p gives
 * WTERMSIG = SIGTERM.
 */
class FatalSignalTest {

  private static String parentSends(String childSetup, String sends) {
    return """
        program /bin/p
        text
        main:
          fork
          jz r0, child
          mov r6, r0
          sleep 1ms
          @SENDS@
          waitpid r6, 0
          wtermsig r2, r1
          print "killed by %d\\n", r2
          exit 0
        child:
          @SETUP@
          pause
          exit 0
        handler:
          print "handler %d ran\\n", r0
          ret
        end
        run /bin/p
        """.replace("@SENDS@", sends).replace("@SETUP@", childSetup);
  }

  @Test
  void sigtermThenSigkillBeforeTheTargetRunsEndsItWithSigterm_SG11() {
    Sim.Run r = completed(parentSends("", "kill r6, SIGTERM\n  kill r6, SIGKILL"));
    assertEquals("killed by 15\n", r.stdout());
  }

  @Test
  void aHandledSignalSentAfterAFatalOneNeverRunsItsHandler_SG11() {
    Sim.Run r = completed(parentSends("signal SIGINT, handler",
        "kill r6, SIGTERM\n  kill r6, SIGINT"));
    assertEquals("killed by 15\n", r.stdout());
  }

  @Test
  void aFatalSignalAfterAPendingHandledOneWaitsItsTurn_SG17() {
    // wants_signal: the target already has a deliverable signal pending (TIF_SIGPENDING) and is
    // not on a CPU, so SIGTERM takes the ordinary path: SIGINT is selected first (SG-17), and
    // since its sa_mask blocks SIGTERM the handler's body runs before SIGTERM ends it (SG-19)
    Sim.Run r = completed(parentSends("sigaction SIGINT, handler, 0, {SIGTERM}",
        "kill r6, SIGINT\n  kill r6, SIGTERM"));
    assertEquals("handler 2 ran\nkilled by 15\n", r.stdout());
  }

  @Test
  void aBlockedFatalSignalDecidesNothingAtGeneration_SG11() {
    // blocked SIGTERM stays pending; SIGKILL then ends the process with SIGKILL
    Sim.Run r = completed(parentSends("sigprocmask SIG_BLOCK, {SIGTERM}",
        "kill r6, SIGTERM\n  kill r6, SIGKILL"));
    assertEquals("killed by 9\n", r.stdout());
  }

  @Test
  void aCoreDumpingSignalTakesTheOrdinaryPath_SG17() {
    // sig_kernel_coredump: SIGQUIT is not decided at generation, so SIGKILL (9) is taken first
    Sim.Run r = completed(parentSends("", "kill r6, SIGQUIT\n  kill r6, SIGKILL"));
    assertEquals("killed by 9\n", r.stdout());
  }
}
