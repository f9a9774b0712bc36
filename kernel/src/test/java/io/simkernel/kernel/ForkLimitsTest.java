package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Resource limits across fork (posix-semantics FK-3: the child inherits them). The kernel shares
 * the limits copy-on-write between parent and child, so these tests pin down that a change on
 * either side after the fork never shows on the other, and that a grandchild inherits its own
 * parent's changed values.
 */
class ForkLimitsTest {

  @Test
  void aChildInheritsTheLimitsItsParentSetBeforeTheFork_FK3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          setrlimit RLIMIT_NOFILE, 77
          fork
          jz r0, child
          wait
          exit 0
        child:
          getrlimit RLIMIT_NOFILE
          print "child soft=%d\\n", r1
          exit 0
        end
        run /bin/p
        """);
    assertEquals("child soft=77\n", r.stdout());
  }

  @Test
  void aChildsSetrlimitDoesNotChangeItsParents_FK3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          setrlimit RLIMIT_NOFILE, 77
          fork
          jz r0, child
          wait
          getrlimit RLIMIT_NOFILE
          print "parent soft=%d\\n", r1
          exit 0
        child:
          setrlimit RLIMIT_NOFILE, 5
          getrlimit RLIMIT_NOFILE
          print "child soft=%d\\n", r1
          exit 0
        end
        run /bin/p
        """);
    assertEquals("child soft=5\nparent soft=77\n", r.stdout());
  }

  @Test
  void aParentsSetrlimitAfterTheForkDoesNotReachTheChild_FK3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          setrlimit RLIMIT_NOFILE, 77
          fork
          jz r0, child
          setrlimit RLIMIT_NOFILE, 9
          wait
          exit 0
        child:
          sleep 1ms
          getrlimit RLIMIT_NOFILE
          print "child soft=%d\\n", r1
          exit 0
        end
        run /bin/p
        """);
    assertEquals("child soft=77\n", r.stdout());
  }

  @Test
  void siblingsAndAGrandchildEachSeeTheirOwnParentsValues_FK3() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          setrlimit RLIMIT_NOFILE, 50
          fork
          jz r0, first
          wait
          fork
          jz r0, second
          wait
          exit 0
        first:
          setrlimit RLIMIT_NOFILE, 40
          fork
          jz r0, grandchild
          wait
          exit 0
        grandchild:
          getrlimit RLIMIT_NOFILE
          print "grandchild soft=%d\\n", r1
          exit 0
        second:
          getrlimit RLIMIT_NOFILE
          print "second soft=%d\\n", r1
          exit 0
        end
        run /bin/p
        """);
    assertEquals("grandchild soft=40\nsecond soft=50\n", r.stdout());
  }
}
