/**
 * Wait queues and the wait family of system calls.
 *
 * <p>{@link io.simkernel.kernel.wait.WaitQueue} is the kernel primitive that later subsystems reuse
 * (pipes, semaphores, pause): an ordered list of sleeping processes, woken one at a time or all
 * at once, in FIFO order, as {@code wait_queue_head_t} with {@code __wake_up} in kernel/sched/wait.c.
 * A process sleeps on at most one queue; an interruptible sleeper is also woken by a deliverable
 * signal (ST-2), which removes it from its queue.
 *
 * <p>{@link io.simkernel.kernel.wait.ChildWait} implements {@code wait}, {@code waitpid} and
 * {@code waitid} exactly as kernel/exit.c's {@code do_wait}: option validation first (WT-4), the
 * eligible set by selector (WT-2, WT-3), children scanned in list order (WT-8), termination before
 * stop before continue, reaping without {@code WNOWAIT} (WT-9), {@code WNOHANG} returning 0, and
 * ECHILD when nothing could ever be reported (WT-6 step 5, WT-13). A blocked wait is re-evaluated
 * from scratch each time it is woken (WT-6, WT-7). The list-order scan is not always a walk:
 * a single PID is looked up directly, and {@code P_ALL} for exits only takes the first zombie
 * in list order from the children list's zombie index ({@link io.simkernel.kernel.proc.ChildList}),
 * the same child the walk would find, so a parent of a million children reaps each in O(log n).
 */
package io.simkernel.kernel.wait;
