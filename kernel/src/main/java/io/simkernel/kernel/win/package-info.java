/**
 * The Windows personality's objects: per-process handle tables and the process, thread and job
 * objects they refer to (shared/reference/createprocess-and-multiprocessing.md, Part A). The
 * system calls that use them ({@code CreateProcess}, {@code WaitForSingleObject}, ...) are in
 * the kernel's {@code Win32} class; this package owns the objects, their counts and lifetimes.
 *
 * <p>What it owns. {@link io.simkernel.kernel.win.WinObjects} — the object manager — holds every
 * {@link io.simkernel.kernel.win.HandleTable} (by owner PID), every
 * {@link io.simkernel.kernel.win.ProcessObject} (by PID) and every
 * {@link io.simkernel.kernel.win.JobObject}. Handles are NT's: multiples of 4 from 4, a freed
 * slot reused first (ReactOS ntoskrnl/ex/handle.c), each with its inherit and protect-from-close
 * attributes (A13). {@link io.simkernel.kernel.win.CommandLine} splits a command line into argv
 * and finds the module to run (A3).
 *
 * <p>One kernel, one process table. A process made by {@code CreateProcess} is an ordinary
 * {@code Process} in the same {@code ProcessTable}, with a fresh address space mapped from its
 * image and its thread at the entry point (A2, A17) — but it has <em>no Linux parent</em>: its
 * {@code ppid} is 0 (as for a process whose parent lies outside its PID namespace), it is in no
 * child list, its end sends no SIGCHLD, {@code waitpid} never finds it, and when it terminates it
 * is released at once, with nobody to reap it and nothing to reparent (A26). The creator is kept
 * only as {@link io.simkernel.kernel.win.ProcessObject#creatorPid} (InheritedFromUniqueProcessId,
 * A17), never updated. The Linux children such a process forks are ordinary Linux children: at
 * its end they go to init like any orphans. Any process, whichever personality made it, may use
 * Win32 calls; a fork child gets a copy of its parent's whole handle table (as it gets the
 * descriptors) and stays in its parent's job.
 *
 * <p>Object states and lifetimes (A6, A21, A25, A28). A process object is <em>alive</em> (exit
 * code {@code STILL_ACTIVE}, 259) while its process runs, then <em>signalled</em> (the exit code
 * set, every waiter woken); it exists while its process runs or a handle — or a thread object —
 * refers to it, and for all that time holds a reference on the PID in the PID allocator, the
 * mechanism process groups and sessions use (PID-5): the "Windows zombie" keeps its PID and exit
 * code until the last handle is closed, and waiting frees nothing. A thread object (the one
 * thread of a single-threaded process; its TID is the PID) exists while a handle refers to it
 * and keeps its process object. A job exists while a handle is open or a member is alive; with
 * {@code KILL_ON_JOB_CLOSE}, closing its last handle — also by the holder's exit, which closes all
 * of a process's handles (A21) — terminates every member (A28). Exit order, as ReactOS's
 * {@code PspExitThread}: exit code set, handle table closed, job left, process object signalled.
 *
 * <p>Invariants (kernel/check WinInvariants, after every event in checked mode): no handle refers
 * to a freed object and every object's handle count equals the entries referring to it; only
 * live processes have handle tables; a process object holds its PID (allocated, naming no other
 * process) and is signalled exactly when its process has ended; a job's members are live
 * processes whose object names that job, each listed once. The PID-reference invariant counts
 * process objects among a PID's users; the parent invariant exempts CreateProcess children.
 *
 * <p>Mirrors: ReactOS ntoskrnl/ps (process.c PspCreateProcess, kill.c PspExitThread and
 * PspDeleteProcess, job.c), ntoskrnl/ob (handle duplication with the inherit-only callback),
 * ntoskrnl/ex/handle.c; dll/win32/kernel32 proc.c CreateProcessInternalW; Microsoft's Win32
 * documentation for CreateProcess, the job limits and "Parsing C command-line arguments".
 */
package io.simkernel.kernel.win;
