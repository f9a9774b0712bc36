package io.simkernel.traces.export;

import java.util.ArrayList;
import java.util.List;

/**
 * One process as the exporters see it, built up from the events: identity, lifetime, fate,
 * counters, and (when recording) the state slices and instant marks of its timeline. One
 * {@code Task} per process incarnation: a PID reused after it was freed gets a new one.
 */
public final class Task {
  /** An interval in one state; {@code label} adds what it waited for, or which signal. */
  public record Slice(TaskState state, long startNs, long endNs, String label) {}

  /** Something that happened at an instant (a signal, an exec, an exit, a reparenting). */
  public record Mark(long timeNs, String category, String name, String detail) {}

  final int index;
  final int pid;
  final int firstPpid;
  int ppid;
  String comm;
  String image;
  final long startNs;
  long exitNs = -1;
  int status = -1;
  long freeNs = -1;
  /** The reaper's PID; -1 auto-reaped; 0 not reaped. */
  int reapedBy;
  long cpuNs;
  int forks;
  int execs;
  int signalsReceived;
  int signalsDelivered;
  long faults;
  long writes;
  long bytesWritten;

  TaskState state;
  long since;
  String label;
  int cpu = -1;
  /** The CPU it last ran on (kept while it sleeps), or -1. */
  int lastCpu = -1;
  /** The letter of its last sleep: 'S' interruptible, 'D' uninterruptible. */
  char sleep = 'S';
  /** Whether the open RUNNABLE interval began with a wake-up (see Tasks#act). */
  boolean wokenRunnable;
  final List<Slice> slices;
  final List<Mark> marks;

  Task(int index, int pid, int ppid, String comm, String image, long startNs, boolean record) {
    this.index = index;
    this.pid = pid;
    this.firstPpid = ppid;
    this.ppid = ppid;
    this.comm = comm;
    this.image = image;
    this.startNs = startNs;
    this.slices = record ? new ArrayList<>() : null;
    this.marks = record ? new ArrayList<>() : null;
  }

  /** Position in creation order, from 0: unique even when PIDs are reused. */
  public int index() {
    return index;
  }

  public int pid() {
    return pid;
  }

  /** The parent now (after any reparenting). */
  public int ppid() {
    return ppid;
  }

  /** The parent at creation. */
  public int firstPpid() {
    return firstPpid;
  }

  /** The command name ({@code comm}): the last path component of the image. */
  public String comm() {
    return comm;
  }

  /** The image's path (inherited at fork, replaced by exec), or null if never seen. */
  public String image() {
    return image;
  }

  public long startNs() {
    return startNs;
  }

  /** When it exited, or -1. */
  public long exitNs() {
    return exitNs;
  }

  /** Its wait status, or -1 while alive. */
  public int status() {
    return status;
  }

  /** When it was released, or -1. */
  public long freeNs() {
    return freeNs;
  }

  /** Who reaped it: a PID, -1 when auto-reaped, 0 when not reaped (yet). */
  public int reapedBy() {
    return reapedBy;
  }

  /** Time in the RUNNING state, as the trace shows it. */
  public long cpuNs() {
    return cpuNs;
  }

  public int forks() {
    return forks;
  }

  public int execs() {
    return execs;
  }

  public int signalsReceived() {
    return signalsReceived;
  }

  public int signalsDelivered() {
    return signalsDelivered;
  }

  public long faults() {
    return faults;
  }

  public long writes() {
    return writes;
  }

  public long bytesWritten() {
    return bytesWritten;
  }

  /** The state now (at the point the events have reached). */
  public TaskState state() {
    return state;
  }

  /** The CPU it runs on now, or -1 when it is not running. */
  public int cpu() {
    return cpu;
  }

  /** The CPU it last ran on, or -1 if it never ran. */
  public int lastCpu() {
    return lastCpu;
  }

  /** The {@code /proc/PID/stat} letter of its state now ('S' or 'D' for a sleep). */
  public char stateLetter() {
    return state == TaskState.BLOCKED ? sleep : state.letter();
  }

  /** The recorded slices, in time order (empty when not recording). */
  public List<Slice> slices() {
    return slices == null ? List.of() : slices;
  }

  /** The recorded instant marks, in time order (empty when not recording). */
  public List<Mark> marks() {
    return marks == null ? List.of() : marks;
  }
}
