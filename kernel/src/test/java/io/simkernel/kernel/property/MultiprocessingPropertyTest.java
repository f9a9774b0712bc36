package io.simkernel.kernel.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.run.StopReason;
import io.simkernel.kernel.Sim;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded random multiprocessing programs (issue 6): producers and consumers over one Queue, and
 * processes incrementing a shared counter under a Lock, with random CPU counts, time slices,
 * start methods, work durations and tie-breaking. Properties: no item is lost or duplicated,
 * each producer's items arrive in its order (B31), the locked counter loses no update (B27), and
 * the run completes — none of these programs can deadlock, so the kernel must never report one.
 * Programs that deadlock on purpose (a ring of N processes each holding one Lock and acquiring
 * the next one's, or a Lock whose holder left by {@code os._exit}, B29) must stop with a deadlock
 * report naming the wait-for chain: each sleeper in {@code mp.acquire} waits for the Lock's
 * holder, main in {@code mp.join} waits for the joined child, and the ring is the cycle. Every
 * run is checked (invariants after every event, including {@code semaphores}).
 */
class MultiprocessingPropertyTest {
  private static final int SEEDS = 40;

  /** P producers put K items p*1000+i; the main process gets them all and checks them. */
  static String queueProgram(SplittableRandom rnd) {
    int producers = 1 + rnd.nextInt(4);
    int items = 1 + rnd.nextInt(12);
    StringBuilder b = new StringBuilder();
    b.append("kernel cpus=").append(1 + rnd.nextInt(3)).append(" timeslice=")
        .append(1 + rnd.nextInt(4)).append("ms tiebreak=").append(rnd.nextBoolean()
            ? "random" : "insertion").append(" seed=").append(rnd.nextInt(1000)).append('\n');
    b.append("""
        program /usr/bin/python3
        data
          last: space 64
        text
        main:
          mp.is_main r6
          jz r6, out
          mp.set_start_method METHOD
          mp.queue r9
          mov r10, 0
        spawn:
          mp.process r7, producer, r9, r10
          mp.start r7
          add r10, 1
          jlt r10, PRODUCERS, spawn
          mov r10, 0
          mov r11, 0
          mov r12, 0
        drain:
          mp.get r1, r9
          add r11, r1
          mov r2, r1
          div r2, 1000
          mov r3, r1
          mod r3, 1000
          mul r2, 8
          add r2, last
          load r4, [r2]
          jeq r4, r3, inorder
          add r12, 1
        inorder:
          add r3, 1
          store [r2], r3
          add r10, 1
          jlt r10, TOTAL, drain
          print "sum=%d disorder=%d\\n", r11, r12
        out:
          mov r0, 0
          ret
        producer:
          mov r9, r0
          mov r5, r1
          mul r5, 1000
          mov r6, 0
        put:
          compute WORKus
          mov r4, r5
          add r4, r6
          mp.put r9, r4
          add r6, 1
          jlt r6, ITEMS, put
          ret
        end
        run /usr/bin/python3
        """.replace("METHOD", rnd.nextInt(3) == 0 ? "spawn" : "fork")
        .replace("PRODUCERS", Integer.toString(producers))
        .replace("TOTAL", Integer.toString(producers * items))
        .replace("ITEMS", Integer.toString(items))
        .replace("WORK", Integer.toString(1 + rnd.nextInt(500))));
    return b.toString();
  }

  /** N processes each add 1 R times to a MAP_SHARED word under one Lock. */
  static String lockProgram(SplittableRandom rnd, int n, int r) {
    return ("kernel cpus=" + (1 + rnd.nextInt(4)) + " timeslice=" + (1 + rnd.nextInt(3))
        + "ms tiebreak=random seed=" + rnd.nextInt(1000) + "\n") + """
        program /usr/bin/python3
        text
        main:
          mmap 4KiB, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS
          mov r12, r0
          mp.lock r11
          mov r10, 0
        spawn:
          mp.process r7, adder, r12, r11
          mp.start r7
          add r10, 1
          jlt r10, N, spawn
          mp.active_children r8
        joinall:
          jz r8, done
          sleep 1ms
          mp.active_children r8
          jmp joinall
        done:
          load r9, [r12]
          print "total=%d\\n", r9
          mp.exit 0
        adder:
          mov r12, r0
          mov r11, r1
          mov r10, 0
        loop:
          mp.acquire r11
          load r9, [r12]
          compute WORKus
          add r9, 1
          store [r12], r9
          mp.release r11
          add r10, 1
          jlt r10, R, loop
          ret
        end
        run /usr/bin/python3
        """.replace("N,", n + ",").replace("R,", r + ",")
        .replace("WORK", Integer.toString(1 + rnd.nextInt(300)));
  }

  @Test
  void queuesNeverLoseDuplicateOrReorderOneProducersItems() {
    for (int seed = 0; seed < SEEDS; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      String text = queueProgram(rnd);
      Sim.Run run = Sim.run(text);
      assertEquals(StopReason.COMPLETED, run.result().reason(), "seed " + seed + "\n" + text);
      assertEquals(expected(text), run.stdout(), "seed " + seed + "\n" + text);
    }
  }

  /** The line a correct run prints: the sum of every item, no disorder. */
  private static String expected(String text) {
    int producers = Integer.parseInt(text.replaceAll("(?s).*jlt r10, (\\d+), spawn.*", "$1"));
    int items = Integer.parseInt(text.replaceAll("(?s).*jlt r6, (\\d+), put.*", "$1"));
    long sum = 0;
    for (int p = 0; p < producers; p++) {
      for (int i = 0; i < items; i++) {
        sum += p * 1000L + i;
      }
    }
    return "sum=" + sum + " disorder=0\n";
  }

  @Test
  void aLockedCounterLosesNoUpdate() {
    for (int seed = 0; seed < SEEDS; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      int n = 2 + rnd.nextInt(4);
      int r = 1 + rnd.nextInt(20);
      String text = lockProgram(rnd, n, r);
      Sim.Run run = Sim.run(text);
      assertEquals(StopReason.COMPLETED, run.result().reason(), "seed " + seed + "\n" + text);
      assertEquals("total=" + n * r + "\n", run.stdout(), "seed " + seed + "\n" + text);
    }
  }

  /**
   * N children in a ring: child i takes Lock i, sleeps until every child holds its own, then
   * acquires Lock i+1 (mod N); main joins child 0. With {@code deadHolder}, child 0 instead
   * leaves by os._exit right after taking Lock 0 (B29: never released) and the others acquire
   * Lock 0 directly, and main joins child 1.
   */
  static String lockRingProgram(SplittableRandom rnd, int n, boolean deadHolder) {
    StringBuilder b = new StringBuilder("kernel cpus=" + (1 + rnd.nextInt(4)) + " timeslice="
        + (1 + rnd.nextInt(3)) + "ms tiebreak=random seed=" + rnd.nextInt(1000) + "\n");
    b.append("program /usr/bin/python3\ntext\nmain:\n  mp.is_main r6\n  jz r6, out\n")
        .append("  mp.set_start_method ").append(rnd.nextBoolean() ? "spawn" : "fork")
        .append("\n");
    for (int i = 1; i <= n; i++) {
      b.append("  mp.lock r").append(i).append('\n'); // handles 1..n in r1..rn
    }
    for (int i = 0; i < n; i++) {
      int first = deadHolder ? 1 : i + 1;
      int second = deadHolder ? 1 : (i + 1) % n + 1;
      boolean dies = deadHolder && i == 0;
      b.append("  mp.process r9, ").append(dies ? "taker" : "ringer").append(", ")
          .append(first).append(", ").append(second).append("\n  mp.start r9\n");
      if (i == (deadHolder ? 1 : 0)) {
        b.append("  mov r12, r9\n"); // the joined child: one that will block
      }
      if (dies) {
        b.append("  sleep 1ms\n"); // B29: the taker holds Lock 1 before the others ask for it
      }
    }
    b.append("""
          mp.join r12
        out:
          ret
        ringer:                      # r0 = the Lock to hold, r1 = the one to acquire next
          mov r8, r1
          jeq r0, r1, second
          mp.acquire r0
          sleep WAITms
        second:
          mp.acquire r8
          ret
        taker:
          mp.acquire r0
          exit 0
        end
        run /usr/bin/python3
        """.replace("WAIT", Integer.toString(20 + rnd.nextInt(30))));
    return b.toString();
  }

  @Test
  void programsThatDeadlockAreReportedWithTheirWaitForChain() {
    for (int seed = 0; seed < SEEDS; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      int n = 2 + rnd.nextInt(3);
      boolean deadHolder = rnd.nextInt(3) == 0;
      String text = lockRingProgram(rnd, n, deadHolder);
      Sim.Run run = Sim.run(text);
      String why = "seed " + seed + "\n" + text + "\n" + run.result().detail();
      assertEquals(StopReason.DEADLOCK, run.result().reason(), why);
      String d = run.result().detail();
      // main (pid 2) joins child 0 (pid 3), or child 1 (pid 4) when child 0 dies; child i is
      // pid 3+i
      assertTrue(d.contains("pid 2 (python3) in mp.join waits for pid " + (deadHolder ? 4 : 3)),
          why);
      if (deadHolder) {
        for (int i = 1; i < n; i++) {
          assertTrue(d.contains("pid " + (3 + i) + " (python3) in mp.acquire(lock 1) waits for"
              + " holders [3]"), why);
        }
        assertTrue(!d.contains("cycle"), why); // a chain ending at a dead holder, no cycle
      } else {
        StringBuilder cycle = new StringBuilder("cycle: ");
        for (int i = 0; i < n; i++) {
          int next = (i + 1) % n;
          assertTrue(d.contains("pid " + (3 + i) + " (python3) in mp.acquire(lock " + (next + 1)
              + ") waits for holders [" + (3 + next) + "]"), why);
          cycle.append(3 + i).append(" -> ");
        }
        assertTrue(d.contains(cycle.append(3).toString()), why);
      }
    }
  }
}
