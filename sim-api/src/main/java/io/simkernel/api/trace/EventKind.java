package io.simkernel.api.trace;

/**
 * Every kind of kernel event, named after the Linux tracepoint where one exists
 * ({@code include/trace/events/sched.h}, {@code signal.h}, {@code exceptions.h}), else the
 * simulator's own. The meaning of a {@link TraceEvent}'s generic fields per kind:
 *
 * <table>
 *   <caption>fields per kind</caption>
 *   <tr><th>kind</th><th>pid</th><th>a</th><th>b</th><th>c</th><th>text</th></tr>
 *   <tr><td>sched_process_fork</td><td>parent</td><td>child</td><td>1 for vfork</td><td></td><td>comm</td></tr>
 *   <tr><td>sched_process_exec</td><td>pid</td><td>old pid (= pid)</td><td></td><td></td><td>path</td></tr>
 *   <tr><td>sched_process_exit</td><td>pid</td><td>wait status</td><td></td><td></td><td>comm</td></tr>
 *   <tr><td>sched_process_wait</td><td>waiter</td><td>child reported</td><td>status</td><td>1 if reaped</td><td></td></tr>
 *   <tr><td>sched_process_free</td><td>pid</td><td>reaper</td><td>1 if auto-reaped</td><td></td><td></td></tr>
 *   <tr><td>sched_switch</td><td>next pid (0 idle)</td><td>prev pid</td><td>prev state letter (R S D T Z X)</td><td></td><td></td></tr>
 *   <tr><td>sched_wakeup</td><td>pid</td><td>waker pid (0: a timer)</td><td></td><td></td><td></td></tr>
 *   <tr><td>sched_block</td><td>pid</td><td>state letter</td><td></td><td></td><td>what it waits for</td></tr>
 *   <tr><td>signal_generate</td><td>target</td><td>signal</td><td>sender</td><td>result: 0 delivered, 1 ignored, 2 already pending, 3 overflow, 4 lost info</td><td></td></tr>
 *   <tr><td>signal_deliver</td><td>pid</td><td>signal</td><td>si_code</td><td>handler address or action</td><td></td></tr>
 *   <tr><td>reparent</td><td>orphan</td><td>old parent</td><td>new parent</td><td></td><td></td></tr>
 *   <tr><td>page_fault_user</td><td>pid</td><td>address</td><td>1 if write</td><td>fault kind: 0 zero-fill, 1 file (page cache), 2 cow-copy, 3 cow-reuse</td><td></td></tr>
 *   <tr><td>write</td><td>pid</td><td>fd</td><td>bytes</td><td>hash of the bytes</td><td></td></tr>
 *   <tr><td>task_stop / task_continue</td><td>pid</td><td>signal</td><td></td><td></td><td></td></tr>
 *   <tr><td>limit</td><td>pid running</td><td></td><td></td><td></td><td>which limit</td></tr>
 *   <tr><td>create_process</td><td>creator</td><td>child</td><td>creation flags</td><td>1 if handles inherited</td><td>image path</td></tr>
 *   <tr><td>image_load</td><td>pid</td><td>pages mapped</td><td>entry (instruction index)</td><td></td><td>image path</td></tr>
 *   <tr><td>handle_open / handle_close</td><td>owner</td><td>handle value</td><td>object type: 1 process, 2 thread, 3 job</td><td>object id (pid, or job number)</td><td></td></tr>
 * </table>
 */
public enum EventKind {
  SCHED_PROCESS_FORK("sched_process_fork"),
  SCHED_PROCESS_EXEC("sched_process_exec"),
  SCHED_PROCESS_EXIT("sched_process_exit"),
  SCHED_PROCESS_WAIT("sched_process_wait"),
  SCHED_PROCESS_FREE("sched_process_free"),
  SCHED_SWITCH("sched_switch"),
  SCHED_WAKEUP("sched_wakeup"),
  SCHED_BLOCK("sched_block"),
  SIGNAL_GENERATE("signal_generate"),
  SIGNAL_DELIVER("signal_deliver"),
  REPARENT("reparent"),
  PAGE_FAULT_USER("page_fault_user"),
  WRITE("write"),
  TASK_STOP("task_stop"),
  TASK_CONTINUE("task_continue"),
  LIMIT("limit"),
  CREATE_PROCESS("create_process"),
  IMAGE_LOAD("image_load"),
  HANDLE_OPEN("handle_open"),
  HANDLE_CLOSE("handle_close"),
  JOB_ASSIGN("job_assign"),
  JOB_TERMINATE("job_terminate");

  private final String tracepoint;

  EventKind(String tracepoint) {
    this.tracepoint = tracepoint;
  }

  /** The tracepoint name, as in a trace file. */
  public String tracepoint() {
    return tracepoint;
  }
}
