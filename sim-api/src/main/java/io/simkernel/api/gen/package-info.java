/**
 * Seeded generators of scenarios for property tests: a seed in, the text of a {@code .sks}
 * scenario out.
 *
 * <h2>Why text, and why here</h2>
 *
 * A generator that produced kernel objects would tie property tests to one test framework and one
 * version of the kernel's internals. A generator that produces the scenario language — the public
 * contract users write by hand — has neither problem: its output can be run by any test, by
 * {@code simkernel run}, pasted into a bug report, diffed between seeds and shrunk line by line.
 * A failing seed is reproduced by its text alone; the generator need not even exist by then. So
 * the package lives in {@code sim-api}, depends on nothing but the JDK and Guava, and knows no
 * test library (the project writes its own property tests instead of using one: seeded
 * generators, and invariant checkers the kernel also runs in checked mode).
 *
 * <h2>Determinism</h2>
 *
 * {@link io.simkernel.api.gen.ScenarioGenerator#generate} is a pure function of its
 * configuration and seed. The only randomness is one {@link java.util.SplittableRandom} made
 * from the seed, drawn from in a fixed order; nothing iterates a hash-ordered collection, reads a
 * clock or depends on a previous call. The same seed gives the same text on any JVM, which is
 * what lets a seed number stand for a scenario in a test report.
 *
 * <h2>What a scenario looks like</h2>
 *
 * One program, a tree of process bodies. The main program is body {@code n0}; each {@code fork}
 * in a body leads, in the child, to a body of its own ({@code jz r0, nK}), generated later,
 * breadth first, until the configured number of processes or depth is reached. A body is
 * straight-line code — weighted actions from {@link io.simkernel.api.gen.ScenarioGenerator.Action}
 * — ending in one {@code exit}; the only loops are wait loops, which end when the children are
 * gone ({@code -ECHILD}) or a counter runs out. No loop contains a fork, so each body runs at most
 * once, sleeps and computations are bounded, and no signal used has a handler or stops a
 * process: every generated run ends, on its own, with every process reaped. A parent may also
 * never wait, or exit early: its zombies and orphans go to init or to a subreaper, which is the
 * point — the kernel's reparenting and reaping are what is under test.
 *
 * <p>Every print has one shape, {@code n<id> <verb> [<args>] -> <result> [status 0x<hex>]},
 * with the verbs {@code wait}, {@code waitpid <pid> <wnohang>}, {@code reaped}, {@code polled},
 * {@code kill <pid> <signal>}, {@code ids} ({@code pid P ppid Q}), {@code value},
 * {@code subreaper} ({@code begin} before the {@code prctl}, its result after) and
 * {@code exit <code>} ({@code begin}, just before the call). A checker reads the console back
 * and holds each result against the kernel's trace; the prints are also what makes the outputs
 * of two seeds differ.
 *
 * <h2>Swarm testing</h2>
 *
 * {@link io.simkernel.api.gen.ScenarioGenerator.Config#swarm} draws a configuration per seed
 * with some actions switched off entirely and the rest weighted at random (Groce et al., "Swarm
 * Testing", ISSTA 2012; TigerBeetle's VOPR draws its fault probabilities per seed the same way).
 * One fixed mix makes every scenario look alike: with kills always present, a parent rarely
 * lives long enough to be a subreaper for anything. Leaving features out of some runs lets the
 * others interact undisturbed, so rarer combinations — all forks and early exits, subreapers
 * with no waits — are reached far more often.
 *
 * <h2>Families beyond the process tree</h2>
 *
 * {@link io.simkernel.api.gen.ScenarioGenerator.Family} groups the actions: the process tree
 * (the defaults), SIGCHLD ignored, exec, pipes and memory ({@link io.simkernel.api.gen.IoActions}
 * writes the last three), CreateProcess with waits, exit codes, TerminateProcess, handle
 * inheritance and KILL_ON_JOB_CLOSE jobs ({@code WinActions}), regular files ({@code
 * FileActions}) and semaphores and multiprocessing Locks guarding shared memory ({@code
 * LockActions}) — each as self-contained blocks that reap, end or close what they create. Where
 * the text alone determines a result the block prints {@code -> A expect B}, and {@link
 * io.simkernel.api.gen.SelfChecks} holds A against B. A subsystem still to come adds a family,
 * its actions and a block writer; swarm mode draws it when asked to ({@code Config.swarm(seed,
 * families)}). The families after MEMORY, and what their blocks need before the bodies are
 * written ({@code Extras}: image exit codes, a data file), draw from random streams of their own,
 * so that a seed of the older families keeps its text.
 *
 * <h2>What it does not do</h2>
 *
 * Signal handlers and masks, stops and process groups are left to {@link
 * io.simkernel.api.gen.SignalStormGenerator}; {@code mp.start} and queues, Win32 suspension of
 * running threads and file permissions are not generated yet. It does not shrink: {@link
 * io.simkernel.api.gen.Shrinker} works on the text, whoever wrote it.
 */
package io.simkernel.api.gen;
