/**
 * {@code simkernel check}: property testing as a product. For each seed a scenario is generated
 * ({@link io.simkernel.api.gen.ScenarioGenerator}, optionally in swarm mode), run in checked mode
 * (every kernel invariant after every event) twice — the two runs must agree event for event —
 * and judged by the liveness rules and any user properties. The first failure is shrunk
 * ({@link io.simkernel.api.gen.Shrinker}) to a minimal scenario that still fails the same way,
 * written as a {@code .sks} file with the one-line command that reproduces it.
 *
 * <p>Seeds run in parallel on all cores, one simulation per task; what is reported never depends
 * on the threads' timing: the failure reported is the lowest failing seed among those run.
 */
package io.simkernel.cli.check;
