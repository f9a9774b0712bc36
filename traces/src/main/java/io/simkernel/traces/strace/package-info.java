/**
 * The {@code strace -f} importer: a real log in, a scenario that replays it out, and a check of
 * the replay against what really happened ({@code simkernel import-strace}, docs/import-strace.md).
 *
 * <h2>The pipeline</h2>
 *
 * <ol>
 *   <li>{@link io.simkernel.traces.strace.StraceReader} cuts each line ({@code LineParser}) and
 *       joins every {@code <unfinished ...>} with its {@code <... NAME resumed>} by TID
 *       (trace-formats.md A.2). A joined call takes the slot of its first half, so the events
 *       stay in the order they started, which is the order a process made them.
 *   <li>{@link io.simkernel.traces.strace.ProcessTree} attaches tasks to the clones that created
 *       them in two passes, because a child's first lines — even its whole life — may come
 *       before its parent's {@code clone(...) = PID} line (caveat 5). Threads are folded into
 *       their process: the simulator has none.
 *   <li>{@code Dispositions} walks each process's signal state ({@code SignalTracker}) through
 *       rt_sigaction, rt_sigprocmask, handler entry and rt_sigreturn, fork (FK-3) and execve
 *       (EX-2, EX-3). That tells which calls change nothing (and can be left out), and what a
 *       {@code --- SIGX ---} line was: a handler run, a default action, or a signal the process
 *       ignored that only a traced process sees (caveat 1).
 *   <li>{@code ScenarioWriter} and {@code ProcessEmitter} write one program per exec'd image and
 *       the code of every process in it, each instruction citing its log line.
 *   <li>{@link io.simkernel.traces.strace.ReplayCheck} runs the scenario and compares it with
 *       {@link io.simkernel.traces.strace.Expectations}: a hand-checked
 *       {@link io.simkernel.traces.strace.GroundTruth} or the facts of the log itself
 *       ({@link io.simkernel.traces.strace.LogFacts}), derived by the same rules the corpus's
 *       truths were drafted with — on the 13 captures the two agree exactly.
 * </ol>
 *
 * <h2>Why the scenario looks the way it does</h2>
 *
 * <p><b>Replay, not re-implementation.</b> A process does what the log shows it doing, call by
 * call, and nothing else: the simulator decides the rest — who gets which PID, when a signal
 * is delivered, which child a {@code wait4(-1)} returns, whether a second SIGCHLD coalesces.
 * That is what makes the check meaningful: the facts are the kernel's, not the importer's.
 * The time between two calls is {@code compute} when very short (a moment of user code) and
 * {@code sleep} otherwise, so that concurrent processes meet in the same order as in the
 * capture, on any number of simulated CPUs (a long compute would hold a CPU that a process just
 * woken needs: {@link io.simkernel.traces.strace.ImportOptions}).
 *
 * <p><b>PIDs.</b> The simulator allocates consecutively from 2 (PID-3, PID-8), so the k-th
 * process created is predictably 2 + k; kill and wait targets and the handler dispatch use
 * those numbers, and a header comment lists the map. The check does not trust the prediction:
 * it matches processes by structure (the k-th fork of a process is its k-th clone) and reports
 * a wrong prediction as a fact of its own.
 *
 * <p><b>Images.</b> A fork child runs its parent's image from the fork (FK-2), so its code is a
 * label in the same program ({@code fork; jz r0, pPID}). Every successful execve starts a fresh
 * program (EX-1) — two processes that exec {@code /usr/bin/sleep} do different things, so each
 * gets its own image. A failed execve names a path the scenario does not define, so the
 * simulator fails it with ENOENT (EX-9); other errnos (EACCES) are approximated as ENOENT and
 * said so, the simulator having no permission bits.
 *
 * <p><b>Handlers.</b> The log shows what a handler did at each delivery — the calls between
 * {@code --- SIGX ---} and rt_sigreturn — and that differs between deliveries (bash's SIGCHLD
 * handler reaps nothing the first time and a child the next). A handler label therefore
 * dispatches on the process and on a per-process delivery count kept in a data word, private
 * to each process after fork by copy-on-write. A gap during which a handler may run is slept by
 * {@code nap}, which resumes a sleep the handler interrupted (an interrupted nanosleep returns
 * EINTR, HA-5), so the recorded gap is kept whole.
 *
 * <p><b>Masks.</b> bash brackets almost everything with rt_sigprocmask. A run of them with no
 * other replayed call in between becomes one instruction with its net effect (HA-9), or none:
 * only the mask at the next call that matters can change what happens. A call interrupted with
 * ERESTART* and made again after the handler is replayed once: the simulator restarts it itself
 * (WT-7, HA-5).
 *
 * <p><b>Pipes.</b> {@code Descriptors} follows every pipe descriptor from pipe/pipe2 through
 * fork (inherited) and dup2 to its close; the calls on them (pipe, dup2, close, read, write)
 * are replayed on simulated pipes with the logged descriptor numbers and byte counts, so a
 * full pipe blocks and a write with no reader left gets EPIPE and SIGPIPE from the simulated
 * kernel (pipe(7)). When the log does not trace close (the corpus does not), the closes are
 * inferred: a descriptor above 2 is closed after its last use (a fork counts only if the
 * child uses its copy: bash closes a pipeline's write end before forking the reader), and a
 * read end still open when a write failed with EPIPE is closed between that write and the last
 * one that succeeded — the EPIPE proves it was closed by then.
 *
 * <p><b>Fault counts.</b> {@code MemoryWork} replays the writes behind getrusage's
 * {@code ru_minflt}: the growth between two calls as writes to that many pages of an arena
 * (copy-on-write pages after a fork first, then fresh ones), the start-up count before a
 * process's first call synced to the logged one, and a RUSAGE_CHILDREN total's remainder
 * written by the children; each replayed getrusage reports its result on stderr for the check.
 *
 * <p><b>Deaths.</b> A process killed by a signal that a traced call sent (kill, tgkill as
 * raise, sigqueue, a parent-death signal) waits for it, with slack; the signal comes from the
 * replayed call — or from the simulated kernel, for a SIGPIPE after a replayed write to a pipe
 * with no reader. A signal the simulator cannot produce yet — a fault, a sender outside the
 * trace — is stood in for by {@code exit 128+N} at the recorded time, and
 * {@link io.simkernel.traces.strace.Unreplayable} carries the reason to the check, whose report
 * says which facts differ and what the simulator lacks.
 *
 * <h2>The corpus caveats (traces/README.md), as rules of the check</h2>
 *
 * <ol>
 *   <li>A {@code --- SIGCHLD ---} line of a process whose SIGCHLD is SIG_DFL is a ptrace
 *       artifact: its match is a simulated signal_generate with result "ignored" (SG-11, CH-3).
 *   <li>SIGKILL has no {@code ---} line: the delivery is inferred from
 *       {@code +++ killed by SIGKILL +++} and the kill call, and matched to the simulator's.
 *   <li>Standard signals coalesce (SG-13, CH-5): the number of deliveries per process and
 *       signal is a fact, and the report says how many generations coalesced.
 *   <li>Reaps outside the trace: strace reaps the root, played by init; orphans are reaped by
 *       init (ZB-4); with SIGCHLD ignored the kernel auto-reaps (ZB-1).
 * </ol>
 *
 * <h2>Errors and determinism</h2>
 *
 * A malformed or truncated log gets exactly one
 * {@link io.simkernel.traces.strace.StraceException}, {@code FILE:LINE: error: WHAT; expected
 * WHAT}; a last line without its newline that does not parse is called truncated, and a log
 * that ends before a process does says so (DESIGN.md rule 5). Only ordered collections
 * (TreeMap, LinkedHashMap, lists) are iterated, so the same log always gives the same
 * scenario, byte for byte (rule 1).
 */
package io.simkernel.traces.strace;
