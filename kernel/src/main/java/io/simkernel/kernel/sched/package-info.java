/**
 * CPUs, the run queue and the cost model.
 *
 * <p>Owns which process runs on which virtual CPU, the FIFO run queue of runnable processes not on
 * a CPU, time slices, and {@link io.simkernel.kernel.sched.CostModel}, the one source of virtual
 * time charged for kernel work.
 *
 * <p>Scheduling is round-robin with a fixed time slice ({@code kernel timeslice=}): a process runs
 * until it blocks, exits, yields or uses up its slice; a preempted or woken process joins the tail
 * of the queue; an idle CPU takes the head. A wake-up does not preempt a running process. This is
 * SCHED_RR's policy (kernel/sched/rt.c) rather than CFS, chosen because it is simple to reason about
 * in experiments; the cost model charges a context switch on every switch.
 *
 * <p>Each {@link io.simkernel.kernel.sched.Cpu} runs its process's user code in <em>segments</em>:
 * from one synchronisation point (a system call, a fault, the end of a slice) to the next, executed
 * at once and scheduled as one event at the time the segment ends. User code between
 * synchronisation points touches only the process's own registers and private memory, so running
 * it ahead is invisible — unless something (a signal) must interrupt the process inside the
 * segment. Then the CPU rolls the segment back (registers from a snapshot, memory from an undo
 * log) and re-executes it exactly up to the interruption time. This is how the causality rule
 * holds — a process never runs past a pending event that could affect it — without stepping CPUs
 * in lockstep.
 *
 * <p>Invariants: a process is on at most one CPU or in the run queue, never both; only
 * {@code TASK_RUNNING} processes are on a CPU or queued.
 */
package io.simkernel.kernel.sched;
