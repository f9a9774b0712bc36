package io.simkernel.kernel.ipc;

import io.simkernel.api.Errno;
import io.simkernel.kernel.wait.WaitQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

/**
 * The kernel's counting semaphores: POSIX named semaphores ({@code sem_open}, sem_overview(7)) and
 * the unnamed ones the multiprocessing runtime builds its {@code Lock} on (B27: a SemLock of
 * value 1 that lives in the kernel, not in any process's heap — that is why it works across
 * processes).
 *
 * <p>A post with sleepers hands the unit straight to the longest sleeper (its pid is recorded as
 * granted and it is woken) instead of raising the count, so the count stays 0 while anyone sleeps
 * and the woken waiter cannot lose the unit to a process that was not waiting. A holder that dies
 * never gives its unit back (sem_overview(7); B29). The kernel does not need to know who holds a
 * unit, but the deadlock report does: each semaphore remembers the pids that took units and have
 * not posted since (a post by a non-holder, legal for a Lock, forgets the oldest taker), so a
 * sleeper in {@code sem_wait}/{@code mp.acquire} is reported as waiting for those holders.
 *
 * <p>Invariants ({@code semaphores}): every count is ≥ 0; a semaphore has sleepers only while its
 * count is 0; a Lock's one unit is in exactly one place — the count, a woken waiter, or a holder
 * (dead holders included).
 */
public final class Semaphores {
  /** SEM_VALUE_MAX of glibc (INT_MAX). */
  public static final long SEM_VALUE_MAX = Integer.MAX_VALUE;

  /** One semaphore: its count, its sleepers (FIFO) and the sleepers a post has woken. */
  public static final class Sem {
    private final String name;
    private final long max;
    private long count;
    private final WaitQueue waiters = new WaitQueue();
    private final IntArrayList granted = new IntArrayList(1);
    /** Pids that took a unit and have not posted since, oldest first (for the wait-for graph). */
    private final IntArrayList holders = new IntArrayList(1);

    Sem(String name, long value, long max) {
      this.name = name;
      this.count = value;
      this.max = max;
    }

    public String name() {
      return name;
    }

    public long count() {
      return count;
    }

    public WaitQueue waiters() {
      return waiters;
    }

    /**
     * Takes a unit for {@code pid}: one a post handed to it, or a free one. False when the caller
     * must sleep.
     */
    public boolean tryTake(int pid) {
      if (granted.remove(pid)) {
        holders.add(pid);
        return true;
      }
      if (count > 0) {
        count--;
        holders.add(pid);
        return true;
      }
      return false;
    }

    /**
     * Records that {@code pid} posted: it no longer holds its unit; a post by a process that took
     * none (another process releasing a Lock) ends the oldest taker's hold.
     */
    public void released(int pid) {
      if (!holders.remove(pid) && !holders.isEmpty()) {
        holders.removeAtIndex(0);
      }
    }

    /** The pids holding units, in the order they took them (dead ones included: B29). */
    public IntArrayList holders() {
      return IntArrayList.newList(holders);
    }

    /**
     * Gives a unit back: to the longest sleeper (returned, to be woken) or to the count (0 is
     * returned). -EOVERFLOW past the maximum (sem_post(3)); for a Lock, -EINVAL means "released
     * too many times".
     */
    public long post() {
      int pid = waiters.pollFirst();
      if (pid != 0) {
        granted.add(pid);
        return pid;
      }
      if (count >= max) {
        return max == SEM_VALUE_MAX ? Errno.EOVERFLOW.negated() : Errno.EINVAL.negated();
      }
      count++;
      return 0;
    }

    /** A unit handed to {@code pid} that it will not take (it died): passed on. */
    public int forfeit(int pid) {
      if (!granted.remove(pid)) {
        return 0;
      }
      return (int) post();
    }

    String violation() {
      if (count < 0) {
        return "semaphore " + label() + " has count " + count;
      }
      if (count > 0 && !waiters.isEmpty()) {
        return "semaphore " + label() + " has count " + count + " and " + waiters.size()
            + " sleepers";
      }
      if (max == 1 && count + granted.size() + holders.size() != 1) {
        return "Lock " + label() + " has its unit in " + (count + granted.size() + holders.size())
            + " places (count " + count + ", handed to " + granted + ", held by " + holders + ")";
      }
      return null;
    }

    private String label() {
      return name == null ? "(unnamed)" : "\"" + name + "\"";
    }
  }

  private final List<Sem> all = new ArrayList<>();
  private final TreeMap<String, Integer> byName = new TreeMap<>();

  /**
   * sem_open(name, O_CREAT, 0600, value): the semaphore of that name, created with {@code value}
   * when it does not exist (an existing one keeps its count). Returns a handle (≥ 1) or -errno.
   */
  public long open(String name, long value) {
    if (name.isEmpty() || name.length() > 251 || name.indexOf('/', 1) >= 0) {
      return name.length() > 251 ? Errno.ENAMETOOLONG.negated() : Errno.EINVAL.negated();
    }
    Integer h = byName.get(name);
    if (h != null) {
      return h;
    }
    if (value < 0 || value > SEM_VALUE_MAX) {
      return Errno.EINVAL.negated();
    }
    all.add(new Sem(name, value, SEM_VALUE_MAX));
    byName.put(name, all.size());
    return all.size();
  }

  /** An unnamed semaphore of {@code value} that never exceeds {@code max} (a SemLock). */
  public long create(long value, long max) {
    all.add(new Sem(null, value, max));
    return all.size();
  }

  /** The semaphore of a handle, or null for a bad one. */
  public Sem get(long handle) {
    return handle < 1 || handle > all.size() ? null : all.get((int) handle - 1);
  }

  /** Every unit handed to a process that died before taking it goes on; pids to wake returned. */
  public IntArrayList forfeitAll(int pid) {
    IntArrayList wake = new IntArrayList(0);
    for (Sem s : all) {
      int w = s.forfeit(pid);
      if (w > 0) {
        wake.add(w);
      }
    }
    return wake;
  }

  /** The semaphore whose sleepers queue is {@code q} and its handle, or null. */
  public Sem sleepingOn(WaitQueue q) {
    for (Sem s : all) {
      if (s.waiters() == q) {
        return s;
      }
    }
    return null;
  }

  /** The handle of {@code s} (≥ 1). */
  public int handleOf(Sem s) {
    return all.indexOf(s) + 1;
  }

  /** The invariant: counts ≥ 0, sleepers only at count 0; null when it holds. */
  public String violation() {
    for (Sem s : all) {
      String v = s.violation();
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
