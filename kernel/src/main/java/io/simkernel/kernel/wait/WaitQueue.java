package io.simkernel.kernel.wait;

import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

/**
 * The processes sleeping on one event, in the order they went to sleep. Only the data structure:
 * putting a process to sleep and making it runnable again is the kernel's {@code Waits} service,
 * which keeps {@code Process.blockedOn} and this queue consistent.
 */
public final class WaitQueue {
  private final IntArrayList sleepers = new IntArrayList(1);

  public void add(int pid) {
    sleepers.add(pid);
  }

  /** Removes a sleeper (woken by a signal or a timeout); false when it was not here. */
  public boolean remove(int pid) {
    return sleepers.remove(pid);
  }

  public boolean isEmpty() {
    return sleepers.isEmpty();
  }

  public int size() {
    return sleepers.size();
  }

  public boolean contains(int pid) {
    return sleepers.contains(pid);
  }

  /** Removes and returns the longest sleeper, or 0 when empty (wake one). */
  public int pollFirst() {
    return sleepers.isEmpty() ? 0 : sleepers.removeAtIndex(0);
  }

  /** Removes every sleeper, returning them in FIFO order (wake all). */
  public int[] drain() {
    int[] all = sleepers.toArray();
    sleepers.clear();
    return all;
  }
}
