package io.simkernel.kernel.sched;

import io.simkernel.kernel.proc.Process;
import java.util.function.IntUnaryOperator;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;

/**
 * The CPUs and the run queue (see the package documentation for the policy), and the segment
 * machinery: starting a segment with a snapshot, and rolling it back to an interruption time.
 */
public final class Scheduler {
  private final Cpu[] cpus;
  private final long timeslice;
  private final UserCode code;
  private int[] ring = new int[64];
  private int head;
  private int size;
  /** The state letter of a process leaving a CPU, for sched_switch's prev_state. */
  private IntUnaryOperator stateOf = pid -> 'R';

  public Scheduler(int ncpus, long timesliceNs, UserCode code) {
    cpus = new Cpu[ncpus];
    for (int i = 0; i < ncpus; i++) {
      cpus[i] = new Cpu(i);
    }
    this.timeslice = timesliceNs;
    this.code = code;
  }

  public int cpuCount() {
    return cpus.length;
  }

  public Cpu cpu(int i) {
    return cpus[i];
  }

  public long timeslice() {
    return timeslice;
  }

  // -- the run queue: a FIFO ring of PIDs

  /** Appends a runnable process at the tail. */
  public void enqueue(int pid) {
    if (size == ring.length) {
      int[] bigger = new int[ring.length * 2];
      for (int i = 0; i < size; i++) {
        bigger[i] = ring[(head + i) % ring.length];
      }
      ring = bigger;
      head = 0;
    }
    ring[(head + size) % ring.length] = pid;
    size++;
  }

  /** Removes and returns the head, or 0 when the queue is empty. */
  public int dequeue() {
    if (size == 0) {
      return 0;
    }
    int pid = ring[head];
    head = (head + 1) % ring.length;
    size--;
    return pid;
  }

  public int queued() {
    return size;
  }

  /** The queued PIDs, head first (for invariant checks). */
  public int[] queuedPids() {
    int[] a = new int[size];
    for (int i = 0; i < size; i++) {
      a[i] = ring[(head + i) % ring.length];
    }
    return a;
  }

  /** Whether the PID is in the run queue (for invariant checks; linear). */
  public boolean isQueued(int pid) {
    for (int i = 0; i < size; i++) {
      if (ring[(head + i) % ring.length] == pid) {
        return true;
      }
    }
    return false;
  }

  /** The CPU a process is running on, or null. */
  public Cpu cpuOf(int pid) {
    for (Cpu c : cpus) {
      if (c.current == pid) {
        return c;
      }
    }
    return null;
  }

  /** The lowest-numbered idle CPU without a pending dispatch, or null. */
  public Cpu idleCpu() {
    for (Cpu c : cpus) {
      if (c.current == 0 && !c.eventPending) {
        return c;
      }
    }
    return null;
  }

  // -- CPU assignment and segments

  /** Puts a process on a CPU with a fresh slice starting at {@code start}. */
  public void assign(Cpu c, int pid, long start) {
    c.current = pid;
    c.sliceEnd = start + timeslice;
  }

  /**
   * Where {@link #release} reads the leaving process's state letter: {@code R} (it was preempted
   * or yielded), {@code S}/{@code D} (it blocked), {@code T} (stopped), {@code Z} (exited), or
   * {@code X} (exited and already released). Linux's sched_switch records {@code prev_state} as
   * the task leaves the CPU ({@code __trace_sched_switch_state}, include/trace/events/sched.h).
   */
  public void recordStatesWith(IntUnaryOperator letterOf) {
    this.stateOf = letterOf;
  }

  /** Takes the process off its CPU, noting the state it leaves in (sched_switch prev_state). */
  public void release(Cpu c) {
    if (c.current != 0) {
      c.previous = c.current;
      c.previousState = (char) stateOf.applyAsInt(c.current);
    }
    c.current = 0;
    c.generation++;
  }

  /** The last process that ran on the CPU (0 if none), for sched_switch's prev field. */
  public int previous(Cpu c) {
    return c.previous;
  }

  /**
   * The state letter the last process left the CPU in ({@code R} when none ran yet: Linux's idle
   * task, swapper, is runnable) — sched_switch's {@code prev_state}.
   */
  public char previousState(Cpu c) {
    return c.previousState;
  }

  /** Cancels the CPU's scheduled event (its segment end); returns the new generation. */
  public int invalidate(Cpu c) {
    return ++c.generation;
  }

  public void setEventPending(Cpu c, boolean pending) {
    c.eventPending = pending;
  }

  public boolean eventPending(Cpu c) {
    return c.eventPending;
  }

  /**
   * Runs a segment of {@code p}'s user code from {@code start} until the slice ends or {@code
   * limit} (a CPU-time timer's expiry), snapshotting for rollback.
   */
  public void startSegment(Cpu c, Process p, long start, long limit) {
    System.arraycopy(p.regs(), 0, c.snapRegs, 0, Process.REGISTERS);
    c.snapPc = p.pc();
    c.snapSp = p.sp();
    c.snapCompute = p.computeLeft();
    c.undo.clear();
    c.segmentStart = start;
    if (start >= c.sliceEnd) {
      c.stopAt(Cpu.Stop.SLICE, start);
      return;
    }
    code.run(c, p, start, Math.min(c.sliceEnd, limit));
  }

  /**
   * Rolls the segment in flight back and re-executes it exactly up to virtual time {@code t}
   * (or to the segment start, if {@code t} is before it), leaving the process stopped there for
   * an {@link Cpu.Stop#INTERRUPT}. Deterministic: the segment is pure, so re-execution reproduces
   * it instruction for instruction.
   */
  public void interrupt(Cpu c, Process p, long t) {
    LongArrayList log = c.undo;
    for (int i = log.size() - 2; i >= 0; i -= 2) {
      p.mm().store(log.get(i), log.get(i + 1));
    }
    log.clear();
    System.arraycopy(c.snapRegs, 0, p.regs(), 0, Process.REGISTERS);
    p.setPc(c.snapPc);
    p.setSp(c.snapSp);
    p.setComputeLeft(c.snapCompute);
    long horizon = Math.max(t, c.segmentStart);
    if (horizon > c.segmentStart) {
      code.run(c, p, c.segmentStart, horizon);
    }
    if (c.stop == Cpu.Stop.SLICE || horizon == c.segmentStart) {
      c.stopAt(Cpu.Stop.INTERRUPT, horizon);
    }
  }

  /**
   * Parks the CPU at a point without running user code: its next event, at {@code t}, is
   * {@code why} (a dispatch, a system call to execute, a return to user mode).
   */
  public void park(Cpu c, Cpu.Stop why, long t) {
    c.undo.clear();
    c.segmentStart = t;
    c.stopAt(why, t);
  }

  /** Charges CPU busy time. */
  public void chargeBusy(Cpu c, long ns) {
    c.busyNs += ns;
  }
}
