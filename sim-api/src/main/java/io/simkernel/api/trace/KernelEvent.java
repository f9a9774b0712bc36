package io.simkernel.api.trace;

import java.util.Objects;

/**
 * A kernel event with named, typed fields: one record per {@link EventKind}, so a reader writes
 * {@code fork.child()} rather than {@code e.a()}. The kernel emits the generic {@link TraceEvent}
 * (cheap, one shape for every kind); {@link #of(TraceEvent)} gives the typed view and {@link
 * #toTraceEvent()} goes back, losslessly: {@code KernelEvent.of(e).toTraceEvent().equals(e)}.
 *
 * <p>{@link #of} is strict: a generic slot a kind does not use must be 0 (and the text absent),
 * a flag must be 0 or 1, a PID or signal must fit an {@code int}. What cannot be represented is
 * rejected with an {@link IllegalArgumentException} naming the event, the field and the value,
 * rather than dropped — a converter that loses data would make two different traces look equal.
 *
 * <p>Java 17 has no pattern matching in {@code switch} (preview only), so code that handles every
 * kind switches on {@link #kind()} — the compiler checks that enum switch for exhaustiveness —
 * and casts to the record of that kind.
 */
public sealed interface KernelEvent {

  /** When and where the event happened, and the run's rolling hash up to and including it. */
  Stamp stamp();

  /** The kind: always the one that belongs to the record's class. */
  EventKind kind();

  /** The process the event is about: the generic {@code pid} field (see each record). */
  int pid();

  /** The generic form, as the kernel emitted it. */
  TraceEvent toTraceEvent();

  /** Position in the run, from 0. */
  default long seq() {
    return stamp().seq();
  }

  /** Virtual time in nanoseconds. */
  default long timeNs() {
    return stamp().timeNs();
  }

  /** The CPU the event happened on, or -1 when none was involved (a timer, init's reaping). */
  default int cpu() {
    return stamp().cpu();
  }

  /** The rolling hash of the run up to and including this event. */
  default long hash() {
    return stamp().hash();
  }

  /** The typed view of a generic event; see the class comment for what is rejected. */
  static KernelEvent of(TraceEvent e) {
    return KernelEvents.of(e);
  }

  /**
   * The fields every event has.
   *
   * @param seq position in the run, from 0
   * @param timeNs virtual time in nanoseconds
   * @param cpu the CPU, or -1
   * @param hash the rolling hash of the run up to and including this event ({@link TraceHash})
   */
  record Stamp(long seq, long timeNs, int cpu, long hash) {
    static Stamp of(TraceEvent e) {
      return new Stamp(e.seq(), e.timeNs(), e.cpu(), e.hash());
    }

    TraceEvent event(EventKind kind, int pid, long a, long b, long c, String text) {
      return new TraceEvent(seq, timeNs, cpu, kind, pid, a, b, c, text, hash);
    }
  }

  /**
   * {@code sched_process_fork}: a process was created by {@code fork}/{@code vfork} (or by init
   * starting the {@code run} program). Generic fields: pid = parent, a = child, b = vfork, c =
   * parentPages, text = parentComm.
   *
   * @param parent the creating process
   * @param child the new process's PID
   * @param vfork whether it was a {@code vfork} (the parent sleeps until the child execs or exits)
   * @param parentPages page-table entries the parent had mapped (what a fork copies)
   * @param parentComm the parent's command name, which the child starts with
   */
  record SchedProcessFork(Stamp stamp, int parent, int child, boolean vfork, long parentPages,
      String parentComm) implements KernelEvent {
    public SchedProcessFork {
      Objects.requireNonNull(stamp);
      Objects.requireNonNull(parentComm);
    }

    @Override
    public EventKind kind() {
      return EventKind.SCHED_PROCESS_FORK;
    }

    @Override
    public int pid() {
      return parent;
    }

    @Override
    public TraceEvent toTraceEvent() {
      return stamp.event(kind(), parent, child, vfork ? 1 : 0, parentPages, parentComm);
    }
  }

  /**
   * {@code sched_process_exec}: a process loaded a new image ({@code execve}, or the boot of the
   * {@code run} program). Generic fields: pid, a = oldPid, text = filename.
   *
   * @param oldPid the PID before the exec (equal to {@code pid}: the simulator has no threads)
   * @param filename the image's path
   */
  record SchedProcessExec(Stamp stamp, int pid, int oldPid, String filename)
      implements KernelEvent {
    public SchedProcessExec {
      Objects.requireNonNull(stamp);
      Objects.requireNonNull(filename);
    }

    @Override
    public EventKind kind() {
      return EventKind.SCHED_PROCESS_EXEC;
    }

    @Override
    public TraceEvent toTraceEvent() {
      return stamp.event(kind(), pid, oldPid, 0, 0, filename);
    }
  }

  /**
   * {@code sched_process_exit}: a process began to exit (do_exit); it becomes a zombie once the
   * exit's cost has been charged. Generic fields: pid, a = status, text = comm.
   *
   * @param status the wait status it exits with, as {@code waitpid} will report it
   * @param comm its command name
   */
  record SchedProcessExit(Stamp stamp, int pid, int status, String comm) implements KernelEvent {
    public SchedProcessExit {
      Objects.requireNonNull(stamp);
      Objects.requireNonNull(comm);
    }

    @Override
    public EventKind kind() {
      return EventKind.SCHED_PROCESS_EXIT;
    }

    @Override
    public TraceEvent toTraceEvent() {
      return stamp.event(kind(), pid, status, 0, 0, comm);
    }
  }

  /**
   * {@code sched_process_wait}: a wait call reported a child (Linux fires its tracepoint when
   * {@code do_wait} starts; the simulator's marks the result). Generic fields: pid = waiter, a =
   * child, b = status, c = reaped.
   *
   * @param waiter the waiting process
   * @param child the child reported
   * @param status the wait status reported (exited, killed, stopped or continued)
   * @param reaped whether the child was reaped (false for stop/continue reports and WNOWAIT)
   */
  record SchedProcessWait(Stamp stamp, int waiter, int child, int status, boolean reaped)
      implements KernelEvent {
    public SchedProcessWait {
      Objects.requireNonNull(stamp);
    }

    @Override
    public EventKind kind() {
      return EventKind.SCHED_PROCESS_WAIT;
    }

    @Override
    public int pid() {
      return waiter;
    }

    @Override
    public TraceEvent toTraceEvent() {
      return stamp.event(kind(), waiter, child, status, reaped ? 1 : 0, null);
    }
  }

  /**
   * {@code sched_process_free}: a zombie was released and its PID freed. Generic fields: pid, a =
   * reaper, b = autoReaped.
   *
   * @param reaper the process that reaped it (its parent, or init after reparenting)
   * @param autoReaped whether it was released without a wait (its parent ignored SIGCHLD or set
   *     {@code SA_NOCLDWAIT})
   */
  record SchedProcessFree(Stamp stamp, int pid, int reaper, boolean autoReaped)
      implements KernelEvent {
    public SchedProcessFree {
      Objects.requireNonNull(stamp);
    }

    @Override
    public EventKind kind() {
      return EventKind.SCHED_PROCESS_FREE;
    }

    @Override
    public TraceEvent toTraceEvent() {
      return stamp.event(kind(), pid, reaper, autoReaped ? 1 : 0, 0, null);
    }
  }

  /**
   * {@code sched_switch}: a CPU switched to another process. Generic fields: pid = nextPid, a =
   * prevPid, b = prevState.
   *
   * @param nextPid the process now running
   * @param prevPid the last process that ran on this CPU (0: none yet) — it may have left the
   *     CPU earlier, when it blocked; a process re-dispatched on the CPU it last ran on gets no
   *     switch event
   * @param prevState the state letter the previous task left the CPU in, as Linux's {@code
   *     prev_state}: {@code 'R'} preempted or yielding (and for prev 0, the idle task), {@code
   *     'S'}/{@code 'D'} asleep, {@code 'T'} stopped, {@code 'Z'} exited (a zombie), {@code 'X'}
   *     exited and released; 0 only in traces recorded before the kernel recorded it
   */
  record SchedSwitch(Stamp stamp, int nextPid, int prevPid, int prevState) implements KernelEvent {
    public SchedSwitch {
      Objects.requireNonNull(stamp);
    }

    @Override
    public EventKind kind() {
      return EventKind.SCHED_SWITCH;
    }

    @Override
    public int pid() {
      return nextPid;
    }

    @Override
    public TraceEvent toTraceEvent() {
      return stamp.event(kind(), nextPid, prevPid, prevState, 0, null);
    }
  }

  /**
   * {@code sched_wakeup}: a sleeping process became runnable. Generic fields: pid, a = waker.
   *
   * @param waker the process whose action woke it (Linux's {@code common_pid} of the
   *     tracepoint: the exiting child, the signal's sender, the pipe's writer), or 0 when no
   *     process did — a timer (the interrupt context), or a trace recorded before the kernel
   *     recorded wakers
   */
  record SchedWakeup(Stamp stamp, int pid, int waker) implements KernelEvent {
    public SchedWakeup {
      Objects.requireNonNull(stamp);
    }

    @Override
    public EventKind kind() {
      return EventKind.SCHED_WAKEUP;
    }

    @Override
    public TraceEvent toTraceEvent() {
      return stamp.event(kind(), pid, waker, 0, 0, null);
    }
  }

  /**
   * {@code sched_block} (the simulator's own): a process went to sleep. Generic fields: pid, a =
   * state, text = cause.
   *
   * @param state the sleep's state letter: {@code 'S'} interruptible, {@code 'D'} uninterruptible
   * @param cause what it waits for, in words
   */
  record SchedBlock(Stamp stamp, int pid, char state, String cause) implements KernelEvent {
    public SchedBlock {
      Objects.requireNonNull(stamp);
      Objects.requireNonNull(cause);
    }

    @Override
    public EventKind kind() {
      return EventKind.SCHED_BLOCK;
    }

    @Override
    public TraceEvent toTraceEvent() {
      return stamp.event(kind(), pid, state, 0, 0, cause);
    }
  }

  /**
   * {@code signal_generate}: a signal was sent. Generic fields: pid = target, a = signal, b =
   * sender, c = result.
   *
   * @param target the process it was sent to
   * @param sender the sending process, or 0 for the kernel (timers, faults)
   * @param result as the Linux tracepoint reports it: 0 delivered (queued), 1 ignored, 2 already
   *     pending (a standard signal coalesced), 3 overflow (queue full), 4 lost info
   */
  record SignalGenerate(Stamp stamp, int target, int signal, int sender, int result)
      implements KernelEvent {
    public SignalGenerate {
      Objects.requireNonNull(stamp);
    }

    @Override
    public EventKind kind() {
      return EventKind.SIGNAL_GENERATE;
    }

    @Override
    public int pid() {
      return target;
    }

    @Override
    public TraceEvent toTraceEvent() {
      return stamp.event(kind(), target, signal, sender, result, null);
    }
  }

  /**
   * {@code signal_deliver}: a process took a pending signal to act on it (a handler, or a
   * default action that terminates or stops it). Generic fields: pid, a = signal, b = code, c =
   * handler.
   *
   * @param code the siginfo's {@code si_code}
   * @param handler the handler's address, or 0 for the default action
   */
  record SignalDeliver(Stamp stamp, int pid, int signal, int code, long handler)
      implements KernelEvent {
    public SignalDeliver {
      Objects.requireNonNull(stamp);
    }

    @Override
    public EventKind kind() {
      return EventKind.SIGNAL_DELIVER;
    }

    @Override
    public TraceEvent toTraceEvent() {
      return stamp.event(kind(), pid, signal, code, handler, null);
    }
  }

  /**
   * {@code reparent} (the simulator's own): an orphan got a new parent. Generic fields: pid =
   * orphan, a = oldParent, b = newParent.
   *
   * @param newParent the nearest subreaper, or init
   */
  record Reparent(Stamp stamp, int orphan, int oldParent, int newParent) implements KernelEvent {
    public Reparent {
      Objects.requireNonNull(stamp);
    }

    @Override
    public EventKind kind() {
      return EventKind.REPARENT;
    }

    @Override
    public int pid() {
      return orphan;
    }

    @Override
    public TraceEvent toTraceEvent() {
      return stamp.event(kind(), orphan, oldParent, newParent, 0, null);
    }
  }

  /**
   * {@code page_fault_user}: a user-mode page fault was resolved. Generic fields: pid, a =
   * address, b = write, c = faultKind.
   *
   * @param faultKind 0 zero-fill, 1 file/image page (page cache), 2 copy-on-write copy, 3
   *     copy-on-write reuse (the last sharer keeps the frame)
   */
  record PageFaultUser(Stamp stamp, int pid, long address, boolean write, int faultKind)
      implements KernelEvent {
    public PageFaultUser {
      Objects.requireNonNull(stamp);
    }

    @Override
    public EventKind kind() {
      return EventKind.PAGE_FAULT_USER;
    }

    @Override
    public TraceEvent toTraceEvent() {
      return stamp.event(kind(), pid, address, write ? 1 : 0, faultKind, null);
    }
  }

  /**
   * {@code write} (the simulator's own): a process wrote to a file descriptor. Generic fields:
   * pid, a = fd, b = bytes, c = bytesHash.
   *
   * @param bytesHash FNV-1a hash of the bytes written: replay compares output without storing it
   */
  record Write(Stamp stamp, int pid, int fd, long bytes, long bytesHash) implements KernelEvent {
    public Write {
      Objects.requireNonNull(stamp);
    }

    @Override
    public EventKind kind() {
      return EventKind.WRITE;
    }

    @Override
    public TraceEvent toTraceEvent() {
      return stamp.event(kind(), pid, fd, bytes, bytesHash, null);
    }
  }

  /**
   * {@code task_stop} (the simulator's own): a process stopped (job control). Generic fields:
   * pid, a = signal.
   *
   * @param signal the stop signal (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU)
   */
  record TaskStop(Stamp stamp, int pid, int signal) implements KernelEvent {
    public TaskStop {
      Objects.requireNonNull(stamp);
    }

    @Override
    public EventKind kind() {
      return EventKind.TASK_STOP;
    }

    @Override
    public TraceEvent toTraceEvent() {
      return stamp.event(kind(), pid, signal, 0, 0, null);
    }
  }

  /**
   * {@code task_continue} (the simulator's own): a stopped process was continued. Generic fields:
   * pid, a = signal.
   *
   * @param signal SIGCONT
   */
  record TaskContinue(Stamp stamp, int pid, int signal) implements KernelEvent {
    public TaskContinue {
      Objects.requireNonNull(stamp);
    }

    @Override
    public EventKind kind() {
      return EventKind.TASK_CONTINUE;
    }

    @Override
    public TraceEvent toTraceEvent() {
      return stamp.event(kind(), pid, signal, 0, 0, null);
    }
  }

  /**
   * {@code limit} (the simulator's own): a limit stopped the run while this process ran.
   * Generic fields: pid, text = limit.
   *
   * @param limit the limit's name, as on the {@code kernel} line ({@code insns_max})
   */
  record Limit(Stamp stamp, int pid, String limit) implements KernelEvent {
    public Limit {
      Objects.requireNonNull(stamp);
      Objects.requireNonNull(limit);
    }

    @Override
    public EventKind kind() {
      return EventKind.LIMIT;
    }

    @Override
    public TraceEvent toTraceEvent() {
      return stamp.event(kind(), pid, 0, 0, 0, limit);
    }
  }

  /**
   * {@code create_process} (the simulator's own): {@code CreateProcess} built a new process from
   * an image (createprocess-and-multiprocessing A1, A2). Generic fields: pid = creator, a = child,
   * b = flags, c = inheritHandles, text = image.
   *
   * @param flags the creation flags ({@code CREATE_SUSPENDED} ...)
   * @param inheritHandles whether {@code bInheritHandles} was set (A13)
   * @param image the path of the image the child runs
   */
  record CreateProcess(Stamp stamp, int creator, int child, long flags, boolean inheritHandles,
      String image) implements KernelEvent {
    public CreateProcess {
      Objects.requireNonNull(stamp);
      Objects.requireNonNull(image);
    }

    @Override
    public EventKind kind() {
      return EventKind.CREATE_PROCESS;
    }

    @Override
    public int pid() {
      return creator;
    }

    @Override
    public TraceEvent toTraceEvent() {
      return stamp.event(kind(), creator, child, flags, inheritHandles ? 1 : 0, image);
    }
  }

  /**
   * {@code image_load} (the simulator's own): an image was mapped into a fresh address space
   * (A2, A37) by CreateProcess or execve. Generic fields: pid, a = pages, b = entry,
   * c = relocatedBase, text = image.
   *
   * @param pages pages of the image mapped (what the cost model charges for)
   * @param entry the entry point, as an instruction index
   * @param relocatedBase 0 when the image was mapped at its preferred base; else the base it was
   *     relocated to (A36)
   */
  record ImageLoad(Stamp stamp, int pid, long pages, long entry, long relocatedBase, String image)
      implements KernelEvent {
    public ImageLoad {
      Objects.requireNonNull(stamp);
      Objects.requireNonNull(image);
    }

    @Override
    public EventKind kind() {
      return EventKind.IMAGE_LOAD;
    }

    @Override
    public TraceEvent toTraceEvent() {
      return stamp.event(kind(), pid, pages, entry, relocatedBase, image);
    }
  }

  /**
   * {@code handle_open} (the simulator's own): a Win32 handle was created in a process's handle
   * table (A4, A14). Generic fields: pid = owner, a = handle, b = objectType, c = objectId.
   *
   * @param objectType 1 process, 2 thread, 3 job
   * @param objectId the process's PID (process and thread objects) or the job's number
   */
  record HandleOpen(Stamp stamp, int pid, long handle, int objectType, long objectId)
      implements KernelEvent {
    public HandleOpen {
      Objects.requireNonNull(stamp);
    }

    @Override
    public EventKind kind() {
      return EventKind.HANDLE_OPEN;
    }

    @Override
    public TraceEvent toTraceEvent() {
      return stamp.event(kind(), pid, handle, objectType, objectId, null);
    }
  }

  /**
   * {@code handle_close} (the simulator's own): a handle was closed, by {@code CloseHandle} or by
   * its owner's exit (A21). Fields as {@link HandleOpen}.
   */
  record HandleClose(Stamp stamp, int pid, long handle, int objectType, long objectId)
      implements KernelEvent {
    public HandleClose {
      Objects.requireNonNull(stamp);
    }

    @Override
    public EventKind kind() {
      return EventKind.HANDLE_CLOSE;
    }

    @Override
    public TraceEvent toTraceEvent() {
      return stamp.event(kind(), pid, handle, objectType, objectId, null);
    }
  }

  /**
   * {@code job_assign} (the simulator's own): a process became a member of a job object (A27).
   * Generic fields: pid = the member, a = job, b = how.
   *
   * @param job the job's number (as in {@code handle_open}'s object id)
   * @param how 0 AssignProcessToJobObject, 1 a CreateProcess child of a member, 2 a fork child
   */
  record JobAssign(Stamp stamp, int pid, long job, int how) implements KernelEvent {
    public JobAssign {
      Objects.requireNonNull(stamp);
    }

    @Override
    public EventKind kind() {
      return EventKind.JOB_ASSIGN;
    }

    @Override
    public TraceEvent toTraceEvent() {
      return stamp.event(kind(), pid, job, how, 0, null);
    }
  }

  /**
   * {@code job_terminate} (the simulator's own): every member of a job is being terminated
   * (A27, A28). Generic fields: pid = the process whose call or exit caused it (0: none), a =
   * job, b = exit code given to the members, c = cause.
   *
   * @param cause 0 TerminateJobObject, 1 the last handle of a KILL_ON_JOB_CLOSE job closed
   */
  record JobTerminate(Stamp stamp, int pid, long job, long code, int cause)
      implements KernelEvent {
    public JobTerminate {
      Objects.requireNonNull(stamp);
    }

    @Override
    public EventKind kind() {
      return EventKind.JOB_TERMINATE;
    }

    @Override
    public TraceEvent toTraceEvent() {
      return stamp.event(kind(), pid, job, code, cause, null);
    }
  }
}
