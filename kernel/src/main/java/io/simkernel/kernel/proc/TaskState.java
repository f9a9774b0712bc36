package io.simkernel.kernel.proc;

/**
 * The scheduling/lifecycle state of a process, with the Linux name of each state
 * ({@code include/linux/sched.h}) and its {@code /proc/[pid]/stat} letter (posix-semantics ST-1).
 * Whether a {@link #TASK_RUNNING} process is on a CPU or in the run queue is the scheduler's
 * business, as in Linux.
 *
 * <p>Transitions (ST-2; anything else is a kernel bug, caught by {@link #canAdvanceTo}):
 *
 * <pre>
 *   TASK_RUNNING         → TASK_INTERRUPTIBLE (blocks), TASK_UNINTERRUPTIBLE (vfork parent),
 *                          TASK_STOPPED (stop signal delivered), EXIT_ZOMBIE (exit),
 *                          EXIT_DEAD (exit, auto-reaped)
 *   TASK_INTERRUPTIBLE   → TASK_RUNNING (the awaited event, or a deliverable signal)
 *   TASK_UNINTERRUPTIBLE → TASK_RUNNING (the awaited event), EXIT_ZOMBIE/EXIT_DEAD (SIGKILL, VF-3)
 *   TASK_STOPPED         → TASK_RUNNING (SIGCONT or SIGKILL, ST-3)
 *   EXIT_ZOMBIE          → EXIT_DEAD (reaped by a wait, ZB-3, or auto-reaped on adoption, RP-4)
 * </pre>
 */
public enum TaskState {
  /** {@code R}: runnable or running. */
  TASK_RUNNING('R'),
  /** {@code S}: interruptible sleep (wait, pause, sleep, pipe read...). */
  TASK_INTERRUPTIBLE('S'),
  /** {@code D}: uninterruptible sleep (a vfork parent waiting for its child). */
  TASK_UNINTERRUPTIBLE('D'),
  /** {@code T}: stopped by a job-control signal. */
  TASK_STOPPED('T'),
  /** {@code Z}: terminated, not yet reaped. */
  EXIT_ZOMBIE('Z'),
  /** {@code X}: being released; never reported. */
  EXIT_DEAD('X');

  private final char letter;

  TaskState(char letter) {
    this.letter = letter;
  }

  /** The {@code /proc/[pid]/stat} state letter. */
  public char letter() {
    return letter;
  }

  /** Whether the transition table above allows {@code this → to}. */
  public boolean canAdvanceTo(TaskState to) {
    return switch (this) {
      case TASK_RUNNING -> to != TASK_RUNNING;
      case TASK_INTERRUPTIBLE, TASK_STOPPED -> to == TASK_RUNNING;
      case TASK_UNINTERRUPTIBLE -> to == TASK_RUNNING || to == EXIT_ZOMBIE || to == EXIT_DEAD;
      case EXIT_ZOMBIE -> to == EXIT_DEAD;
      case EXIT_DEAD -> false;
    };
  }

  /** Alive: not a zombie and not dead. */
  public boolean isAlive() {
    return this != EXIT_ZOMBIE && this != EXIT_DEAD;
  }
}
