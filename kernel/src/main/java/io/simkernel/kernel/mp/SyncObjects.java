package io.simkernel.kernel.mp;

import io.simkernel.kernel.ipc.Semaphores;
import io.simkernel.kernel.proc.Process;
import io.simkernel.kernel.wait.WaitQueue;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;

/**
 * {@code multiprocessing.Lock} and {@code Queue} (B26–B31). A Lock is a kernel semaphore of value
 * 1 and maximum 1 (B27: SemLock), so its state lives in the kernel and works across processes; a
 * holder that dies never releases it (B16, B29). A Queue's items go through a kernel buffer; a
 * {@code put} only appends to the producer's own buffer, which its feeder thread moves to the
 * queue later (B31). Here the feeder has run by the producer's next {@code mp.*} call or its
 * normal exit (exit hook); a producer that leaves by the raw {@code exit} ({@code os._exit}) or
 * a signal first loses what it put (EXP-45). Items of one producer keep their order.
 */
final class SyncObjects {
  /** A queue: its items (FIFO) and the processes sleeping in {@code get}. */
  private static final class Channel {
    final LongArrayList items = new LongArrayList();
    final WaitQueue getters = new WaitQueue();
  }

  private final MpRuntime rt;
  private final List<Channel> queues = new ArrayList<>();

  SyncObjects(MpRuntime rt) {
    this.rt = rt;
  }

  long lock() {
    return rt.host.semaphores().create(1, 1);
  }

  private Semaphores.Sem sem(long h) {
    Semaphores.Sem s = rt.host.semaphores().get(h);
    if (s == null || s.name() != null) {
      throw new MpError("NameError", "no Lock " + h);
    }
    return s;
  }

  /** {@code acquire(timeout=None)}: r0 = 1 when taken, 0 when the timeout ran out (EXP-37). */
  int acquire(long h, long timeout, boolean timed) {
    Semaphores.Sem s = sem(h);
    Process p = rt.p;
    long now = rt.host.now();
    if (s.tryTake(p.pid())) {
      p.setWakeAt(-1);
      return rt.set(0, 1);
    }
    if (timed && p.wakeAt() < 0) {
      p.setWakeAt(now + Math.max(timeout, 0));
    }
    if (timed && now >= p.wakeAt()) {
      p.setWakeAt(-1);
      return rt.set(0, 0);
    }
    if (rt.host.hasDeliverable(p)) {
      return MpRuntime.RESTART;
    }
    rt.host.block(p, s.waiters(), timed ? p.wakeAt() : -1, "mp.acquire");
    return MpRuntime.BLOCKED;
  }

  /** {@code release()}: the unit goes to the longest waiter or back to the count. */
  int release(long h) {
    Semaphores.Sem s = sem(h);
    long r = s.post();
    if (r < 0) {
      throw MpError.value("semaphore or lock released too many times");
    }
    s.released(rt.p.pid());
    if (r > 0) {
      Process w = rt.host.process((int) r);
      if (w != null) {
        rt.host.wake(w);
      }
    }
    return MpRuntime.DONE;
  }

  long queue() {
    queues.add(new Channel());
    return queues.size();
  }

  private Channel channel(long h) {
    if (h < 1 || h > queues.size()) {
      throw new MpError("NameError", "no Queue " + h);
    }
    return queues.get((int) h - 1);
  }

  /** {@code put(x)}: into the producer's buffer (B31). */
  int put(long q, long item) {
    channel(q);
    rt.s.unflushed.add(q);
    rt.s.unflushed.add(item);
    rt.charge(MpCosts.PICKLE_NS);
    return MpRuntime.DONE;
  }

  /** The feeder thread: the producer's buffered items reach their queues, getters wake. */
  void flush() {
    LongArrayList u = rt.s.unflushed;
    for (int i = 0; i < u.size(); i += 2) {
      Channel c = channel(u.get(i));
      c.items.add(u.get(i + 1));
      for (int pid : c.getters.drain()) {
        Process w = rt.host.process(pid);
        if (w != null) {
          rt.host.wake(w);
        }
      }
    }
    u.clear();
  }

  /** {@code get()}: the oldest item; sleeps while the queue is empty. */
  int get(int rd, long q) {
    Channel c = channel(q);
    Process p = rt.p;
    if (!c.items.isEmpty()) {
      rt.charge(MpCosts.PICKLE_NS);
      return rt.set(rd, c.items.removeAtIndex(0));
    }
    if (rt.host.hasDeliverable(p)) {
      return MpRuntime.RESTART;
    }
    rt.host.block(p, c.getters, -1, "mp.get");
    return MpRuntime.BLOCKED;
  }
}
