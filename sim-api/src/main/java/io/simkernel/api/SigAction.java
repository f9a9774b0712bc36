package io.simkernel.api;

/** The default action of a signal (posix-semantics §11, man signal.7). */
public enum SigAction {
  /** Terminate the process. */
  TERM,
  /** Terminate and dump core (when RLIMIT_CORE allows: TM-6). */
  CORE,
  /** Ignore. */
  IGN,
  /** Stop the process (TASK_STOPPED). */
  STOP,
  /** Continue a stopped process. */
  CONT
}
