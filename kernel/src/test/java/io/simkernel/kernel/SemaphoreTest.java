package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * POSIX named semaphores: sem_open(3), sem_wait(3), sem_post(3), sem_overview(7), and signal(7)'s
 * rule that sem_wait is never restarted after a handler (EINTR whatever SA_RESTART says). Every
 * run is checked, including the {@code semaphores} invariant (count >= 0, sleepers only at 0).
 */
class SemaphoreTest {
  private static String program(String text) {
    return "program /bin/p\ntext\n" + text + "end\nrun /bin/p\n";
  }

  @Test
  void sameNameOpensTheSameSemaphoreAndCountsUnits() {
    // sem_open(3): O_CREAT on an existing name opens it; its value argument is then ignored
    Sim.Run r = completed(program("""
        main:
          sem_open "/s", 2
          mov r7, r0
          sem_open "/s", 9
          mov r8, r0
          sem_wait r7
          mov r9, r0
          sem_wait r8
          print "same=%d w1=%d w2=%d\\n", r7, r9, r0
          sem_open "bad/name", 1
          print "bad=%e\\n", r0
          sem_post 77
          print "post_bad=%e\\n", r0
          exit 0
        """));
    assertEquals("same=1 w1=0 w2=0\nbad=-EINVAL\npost_bad=-EINVAL\n", r.stdout());
  }

  @Test
  void aWaiterSleepsUntilAnotherProcessPosts() {
    Sim.Run r = completed(program("""
        main:
          sem_open "/go", 0
          mov r7, r0
          fork
          jz r0, child
          sleep 5ms
          print "post at %d\\n", 5
          sem_post r7
          wait
          exit 0
        child:
          sem_wait r7
          clock
          div r0, 1000000
          print "child woke at %dms\\n", r0
          exit r0
        """));
    assertEquals("post at 5\nchild woke at 5ms\n", r.stdout());
    assertEquals(5, Behaviour.record(r, 3).status() >> 8);
  }

  @Test
  void aHolderThatDiesNeverReleasesAndSemWaitIsInterruptedWithEintr() {
    // sem_overview(7): nothing undoes a dead holder's wait; signal(7): sem_wait fails with EINTR
    // after a handler even with SA_RESTART
    Sim.Run r = completed(program("""
        main:
          sem_open "/lock", 1
          mov r7, r0
          fork
          jz r0, holder
          wait
          sigaction SIGALRM, onalarm, SA_RESTART
          alarm 1s
          sem_wait r7
          mov r9, r0
          clock
          div r0, 1000000
          print "sem_wait=%e at %dms\\n", r9, r0
          exit 0
        holder:
          sem_wait r7
          exit 0
        onalarm:
          ret
        """));
    assertTrue(r.stdout().startsWith("sem_wait=-EINTR at 1000ms"), r.stdout());
  }

  @Test
  void postsWakeWaitersInFifoOrderAndCountNeverGoesNegative() {
    Sim.Run r = completed(program("""
        main:
          sem_open "/q", 0
          mov r7, r0
          mov r8, 1
        spawn:
          fork
          jz r0, waiter
          sleep 1ms
          add r8, 1
          jle r8, 3, spawn
          mov r8, 0
        posts:
          sem_post r7
          sleep 1ms
          add r8, 1
          jlt r8, 3, posts
          wait
          wait
          wait
          exit 0
        waiter:
          sem_wait r7
          print "waiter %d\\n", r8
          exit 0
        """));
    assertEquals("waiter 1\nwaiter 2\nwaiter 3\n", r.stdout());
  }
}
