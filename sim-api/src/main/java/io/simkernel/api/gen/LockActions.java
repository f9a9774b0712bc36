package io.simkernel.api.gen;

import java.util.SplittableRandom;

/**
 * The LOCKS family: a counter in {@code MAP_SHARED} memory incremented by forked workers, each
 * increment a read, a pause (compute, sleep or yield — so that without the lock updates would be
 * lost) and a write, guarded by a lock: a kernel semaphore ({@code sem_open} with value 1,
 * {@code sem_wait}/{@code sem_post}) or a multiprocessing Lock ({@code mp.lock},
 * {@code mp.acquire}/{@code mp.release}, docs/multiprocessing.md B27). After reaping the workers
 * the owner prints {@code lock-counter -> N expect M}: no update lost.
 *
 * <p>Only the workers take the lock, and nothing kills them (they are in no slot a KILL action
 * picks), so a holder never dies holding it and the block always ends; the owner may be killed,
 * and its workers then finish as orphans. Semaphore names carry a label, so each block has a
 * fresh one. Registers: r3 (the mapping), r4 (the lock), r5, r13..r15 (worker PIDs; r14 is the
 * worker's loop counter in the worker).
 */
final class LockActions {
  private static final int MAX_WORKERS = 3;
  private static final int FIRST_PID_REG = 13;

  private final BodyWriter w;
  private final SplittableRandom rnd;

  LockActions(BodyWriter w, SplittableRandom rnd) {
    this.w = w;
    this.rnd = rnd;
  }

  /** One lock block: the counter, the lock, 1..3 workers, the reaping and the check. */
  void lock() {
    int wanted = 1 + rnd.nextInt(MAX_WORKERS);
    int workers = 0;
    while (workers < wanted && w.reserveExtraProcess()) {
      workers++;
    }
    if (workers == 0) {
      w.insn("sleep " + w.duration(w.config().maxSleepNs()));
      return;
    }
    boolean mp = rnd.nextBoolean();
    int rounds = 1 + rnd.nextInt(4);
    String worker = w.label();
    w.insn("mmap  4096, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS");
    w.insn("mov   r3, r0");
    w.insn("store [r3], 0");
    if (mp) {
      w.insn("mp.lock r4");
    } else {
      w.insn("sem_open \"/" + w.label() + "\", 1");
      w.insn("mov   r4, r0");
    }
    for (int i = 0; i < workers; i++) {
      w.insn("fork");
      w.insn("jz    r0, " + worker);
      w.insn("mov   r" + (FIRST_PID_REG + i) + ", r0");
    }
    for (int i = 0; i < workers; i++) {
      w.insn("waitpid r" + (FIRST_PID_REG + i) + ", 0");
      w.insn("print \"n" + w.id() + " lock-worker -> %d status 0x%x\\n\", r0, r1");
    }
    w.insn("load  r5, [r3]");
    w.insn("print \"n" + w.id() + " lock-counter " + (mp ? "mp" : "sem") + " -> %d expect "
        + workers * rounds + "\\n\", r5");
    w.insn("munmap r3, 4096");
    worker(worker, mp, rounds);
  }

  private void worker(String label, boolean mp, int rounds) {
    String loop = w.label();
    w.tail(label + ":");
    w.tail("mov   r14, " + rounds);
    w.tail(loop + ":");
    w.tail(mp ? "mp.acquire r4" : "sem_wait r4");
    w.tail("load  r5, [r3]");
    switch (rnd.nextInt(3)) { // the window in which an unguarded update would be lost
      case 0 -> w.tail("compute " + (1 + rnd.nextInt(2000)) + "us");
      case 1 -> w.tail("sleep " + (1 + rnd.nextInt(2000)) + "us");
      default -> w.tail("yield");
    }
    w.tail("add   r5, 1");
    w.tail("store [r3], r5");
    w.tail(mp ? "mp.release r4" : "sem_post r4");
    if (rnd.nextBoolean()) {
      w.tail("compute " + (1 + rnd.nextInt(500)) + "us");
    }
    w.tail("sub   r14, 1");
    w.tail("jgt   r14, 0, " + loop);
    w.tail("exit  0");
  }
}
