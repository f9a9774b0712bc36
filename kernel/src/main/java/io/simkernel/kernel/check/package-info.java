/**
 * Whole-kernel invariant checkers: DESIGN.md's invariants and posix-semantics §20, stated once,
 * as code, and run after every event in checked mode (on in tests) and by the property tests.
 *
 * <p>Each {@link io.simkernel.kernel.check.Invariant} has a name and a description; a violation
 * stops the run with {@link io.simkernel.kernel.check.InvariantViolation}, whose message names the
 * invariant, the virtual time, the process and its state — enough to start debugging without a
 * re-run. The cheap always-on assertions live in the subsystems themselves (for example
 * {@code ProcessTable.advance}'s transition check); these are the expensive, global ones.
 *
 * <p>{@link io.simkernel.kernel.check.WaitForGraph} is the liveness side: when a run deadlocks it
 * describes what each blocked process waits for (pipe ends' holders, children, the child an
 * {@code mp.join} joins, the holders of a semaphore or Lock) and the first cycle.
 */
package io.simkernel.kernel.check;
