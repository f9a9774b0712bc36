package io.simkernel.traces.export;

/**
 * The states an exported timeline shows for a process, derived from the events (the kernel's
 * own states are finer; these are what a person looking at a timeline asks about).
 */
public enum TaskState {
  /** On a CPU: from a switch to it (or its first action after a wake-up) until it leaves. */
  RUNNING("running", 'R', "#2e9e4f"),
  /** Ready but waiting for a CPU: created, woken, continued, or preempted at a slice's end. */
  RUNNABLE("runnable", 'R', "#a5d6a7"),
  /** Asleep in the kernel (waiting for a child, a timer, a pipe, a signal...). */
  BLOCKED("blocked", 'S', "#f0a030"),
  /** Stopped by a job-control signal, until SIGCONT. */
  STOPPED("stopped", 'T', "#d04040"),
  /** Exited, not yet reaped: only its PID and exit status are left. */
  ZOMBIE("zombie", 'Z', "#8a8a8a");

  private final String label;
  private final char letter;
  private final String color;

  TaskState(String label, char letter, String color) {
    this.label = label;
    this.letter = letter;
    this.color = color;
  }

  /** The word shown on the timeline. */
  public String label() {
    return label;
  }

  /** The {@code /proc/PID/stat} letter (as ftrace's {@code prev_state} prints it). */
  public char letter() {
    return letter;
  }

  /** The colour the HTML timeline paints it (also its legend). */
  public String color() {
    return color;
  }
}
