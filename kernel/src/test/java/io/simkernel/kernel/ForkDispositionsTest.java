package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Fork copies the signal dispositions (posix-semantics FK-3): the simulator shares the arrays
 * copy-on-write (issue 9), so a change on either side after the fork — sigaction, SA_RESETHAND
 * (HA-3), exec's reset (EX-2) — must never show on the other side.
 */
class ForkDispositionsTest {

  @Test
  void childChangesDoNotReachTheParent_FK3() {
    // the child inherits the handler, replaces it, and has a SA_RESETHAND one reset by delivery;
    // the parent's dispositions stay as they were
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction SIGUSR1, handler, 0
          sigaction SIGUSR2, handler, SA_RESETHAND
          fork
          jz r0, child
          waitpid r0, 0
          sigaction SIGUSR1, QUERY
          seq r4, r1, handler
          sigaction SIGUSR2, QUERY
          seq r5, r1, handler
          print "parent: usr1=%d usr2=%d\\n", r4, r5
          exit 0
        child:
          sigaction SIGUSR1, QUERY
          seq r4, r1, handler
          print "child inherited=%d\\n", r4
          sigaction SIGUSR1, SIG_IGN, 0
          raise SIGUSR2
          sigaction SIGUSR2, QUERY
          print "child usr2 now=%d\\n", r1
          exit 0
        handler:
          print "handler\\n"
          ret
        end
        run /bin/p
        """);
    assertEquals("child inherited=1\nhandler\nchild usr2 now=0\nparent: usr1=1 usr2=1\n",
        r.stdout());
  }

  @Test
  void parentChangesDoNotReachTheChild_FK3() {
    // the parent ignores SIGUSR1 after the fork; the sleeping child still has the handler
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction SIGUSR1, handler, 0
          fork
          jz r0, child
          mov r6, r0
          sigaction SIGUSR1, SIG_IGN, 0
          kill r6, SIGUSR1
          waitpid r6, 0
          sigaction SIGUSR1, QUERY
          print "parent usr1=%d\\n", r1
          exit 0
        child:
          sleep 5ms
          sigaction SIGUSR1, QUERY
          seq r4, r1, handler
          print "child handler=%d\\n", r4
          exit 0
        handler:
          print "handler\\n"
          ret
        end
        run /bin/p
        """);
    assertEquals("handler\nchild handler=1\nparent usr1=1\n", r.stdout());
  }
}
