/**
 * Processes: the process table, PID allocation, and the lifecycle split by concern — creation
 * ({@link io.simkernel.kernel.proc.Forks}: fork and vfork, kernel/fork.c {@code copy_process})
 * and termination ({@link io.simkernel.kernel.proc.Exits}: kernel/exit.c {@code do_exit},
 * {@code exit_notify}, {@code forget_original_parent}, {@code release_task}). Waiting lives in
 * {@code wait}, signal delivery in {@code signal}, exec in {@code loader}.
 *
 * <p>States: {@link io.simkernel.kernel.proc.TaskState}, with its transition table; the one place
 * a state changes is {@link io.simkernel.kernel.proc.ProcessTable#advance}.
 *
 * <p>A parent's children are a {@link io.simkernel.kernel.proc.ChildList}: Linux's children list
 * (creation and adoption order, FK-7, RP-3) with O(1)/O(log n) removal and an index of its
 * zombies in list order, kept up to date by {@link io.simkernel.kernel.proc.ProcessTable#advance}
 * (issue 9: reaping a million children).
 *
 * <p>Invariants (DESIGN.md, posix-semantics §20): at most one record per PID, PID 1 always exists
 * (I-1); every process but init has a live parent — a parent is never a zombie because children
 * are reparented before their parent becomes one (I-2, TM-8) — except a process made by the
 * Windows personality's CreateProcess, which has no Linux parent (ppid 0) and is released as it
 * terminates (createprocess-and-multiprocessing A26; package {@code win}); a zombie has no children, no memory,
 * no files and no timers (ST-4, I-3); PID numbers are not reused while a process, group or session
 * uses them (PID-5, I-4); per-user counts equal the records (I-11).
 */
package io.simkernel.kernel.proc;
