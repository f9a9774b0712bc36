package io.simkernel.kernel.sched;

import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;

/**
 * One virtual CPU: the process on it, its slice, the segment in flight (start time, why and when
 * it stops), and what is needed to roll the segment back: a register snapshot and an undo log of
 * memory words written.
 */
public final class Cpu {
  /** Why the segment in flight stops. */
  public enum Stop {
    /** At a system call (or runtime call), to be executed at the stop time. */
    SYSCALL,
    /** At a page fault, to be handled at the stop time; the instruction is retried. */
    FAULT,
    /** At an arithmetic trap (division by zero: SIGFPE). */
    TRAP,
    /** The slice ran out. */
    SLICE,
    /** Interrupted by a signal (after a rollback); deliver at the stop time. */
    INTERRUPT,
    /** {@code ret} to the exit trampoline: main returned. */
    MAIN_RETURN,
    /** {@code ret} to the sigreturn trampoline: a handler returned. */
    SIGRETURN,
    /** The instruction budget ({@code insns_max}) ran out. */
    INSN_LIMIT,
    /** Nothing runs: pick the next process from the run queue at the stop time. */
    DISPATCH,
    /** The process is in do_exit; at the stop time it becomes a zombie and the CPU moves on. */
    EXITING
  }

  private final int index;
  int current;
  int previous;
  char previousState = 'R';
  long sliceEnd;
  int generation;
  boolean eventPending;
  Stop stop;
  long stopTime;
  long segmentStart;
  boolean inKernel;
  final long[] snapRegs = new long[16];
  int snapPc;
  long snapSp;
  long snapCompute;
  final LongArrayList undo = new LongArrayList(64);
  long busyNs;
  // what stopped a FAULT or TRAP segment
  int faultCode;
  long faultAddress;
  boolean faultWrite;
  int trapSignal;
  int trapCode;

  Cpu(int index) {
    this.index = index;
  }

  public int index() {
    return index;
  }

  /** PID of the process on this CPU, 0 when idle. */
  public int current() {
    return current;
  }

  public long sliceEnd() {
    return sliceEnd;
  }

  public Stop stop() {
    return stop;
  }

  public long stopTime() {
    return stopTime;
  }

  public long segmentStart() {
    return segmentStart;
  }

  public int generation() {
    return generation;
  }

  /** Whether the CPU is executing a system call for its process right now. */
  public boolean inKernel() {
    return inKernel;
  }

  /** Records a memory word about to be overwritten, so the segment can be rolled back. */
  public void logWrite(long address, long oldValue) {
    undo.add(address);
    undo.add(oldValue);
  }

  /** The undo log: address, old value pairs in write order. */
  public LongArrayList undoLog() {
    return undo;
  }

  /** Ends the segment in flight: it stops for {@code why} at virtual time {@code t}. */
  public void stopAt(Stop why, long t) {
    stop = why;
    stopTime = t;
  }

  /** Records a page fault for the kernel to resolve (see {@link io.simkernel.kernel.mm.MemoryFault}). */
  public void setFault(int code, long address, boolean write) {
    faultCode = code;
    faultAddress = address;
    faultWrite = write;
  }

  /** Records a trap: the signal it raises, its si_code and si_addr. */
  public void setTrap(int signal, int code, long address) {
    trapSignal = signal;
    trapCode = code;
    faultAddress = address;
  }

  public int faultCode() {
    return faultCode;
  }

  public long faultAddress() {
    return faultAddress;
  }

  public boolean faultWrite() {
    return faultWrite;
  }

  public int trapSignal() {
    return trapSignal;
  }

  public int trapCode() {
    return trapCode;
  }

  /** Marks the CPU as executing a system call for its process (no rollback while it does). */
  public void setInKernel(boolean k) {
    inKernel = k;
  }

  /** Virtual ns this CPU spent running processes. */
  public long busyNs() {
    return busyNs;
  }
}
