/**
 * The multiprocessing runtime ({@code mp.*}): CPython's {@code multiprocessing} (3.11.7) as a
 * library over the kernel's system calls, so the article's behaviours can be run and watched.
 *
 * <p><b>What it owns.</b> Each process that uses it has an {@link io.simkernel.kernel.mp.MpState}:
 * what {@code current_process()} is (name, identity, daemon flag), the {@code Process} objects of
 * its heap ({@link io.simkernel.kernel.mp.PyProcess}), its start method, atexit handlers and the
 * exit hook's progress. Fork copies it with the heap (B2); spawn gives the exec'd child a fresh
 * one that re-runs {@code main} as {@code __mp_main__} (B5) and hands over to the target when
 * main returns; forkserver children are forked by a server process that reaps them
 * ({@link io.simkernel.kernel.mp.ForkServer}, B4). Queues are owned here; Locks are the kernel's semaphores (ipc, B27).
 *
 * <p><b>How it runs.</b> An {@code mp.*} instruction stops the VM like a system call; {@link
 * io.simkernel.kernel.mp.MpRuntime} runs it and reports the outcome as a system call does (done,
 * blocked — run again on waking, jumped, exited, restart after a signal). Blocking calls ({@code
 * join}, {@code acquire}, {@code get}, the exit hook's joins) sleep on the kernel's wait queues
 * (a child's exit wakes its parent's child-wait queue; a timeout is the process's timer). A
 * process whose {@code main}, target or atexit handler returns to the exit trampoline is handed
 * to the runtime ({@code mainReturned}): the end of a spawned child's re-run module starts the
 * target; the end of a target or of the main program runs the exit hook
 * ({@link io.simkernel.kernel.mp.ExitHook}, B19).
 *
 * <p><b>States of a Process object</b> (B18's repr): initial (no pid) → started (pid, exitcode
 * None) → stopped (exitcode known; the zombie reaped by the poll that learned it, B13, B24) →
 * closed. Of a process: running {@code main} (or bootstrapping, spawn) → running the target →
 * exiting (atexit handlers, terminate daemons, join the rest) → exited.
 *
 * <p><b>Invariants.</b> The children set of a process only holds started objects it created;
 * the exit hook only moves forward (atexit → terminate → join → exit); a Lock's count is 0 or 1
 * and has sleepers only at 0 (the kernel's {@code semaphores} invariant).
 *
 * <p><b>Sources mirrored.</b> CPython 3.11.7 {@code Lib/multiprocessing/process.py} (start,
 * join, is_alive, exitcode, terminate, close, _bootstrap), {@code popen_fork.py}, {@code
 * popen_spawn_posix.py}, {@code spawn.py} ({@code _check_not_importing_main}), {@code util.py}
 * ({@code _exit_function}), {@code synchronize.py} (SemLock), {@code queues.py}; the rules are
 * Part B of the reference (B1–B31), checked against the observed results of Part D.
 */
package io.simkernel.kernel.mp;
