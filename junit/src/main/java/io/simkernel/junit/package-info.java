/**
 * JUnit 5 integration: a user's own {@code @TestFactory} turns generated scenarios into
 * {@link org.junit.jupiter.api.DynamicTest}s, one per seed, each a checked run (every kernel
 * invariant after every event) judged by the user's properties; a failing seed is shrunk to a
 * minimal scenario that still fails the same way, written to a {@code .sks} file whose path the
 * assertion message gives (with the scenario itself).
 *
 * <p>Why a module of its own: {@code sim-api}'s generators and shrinker stay free of any test
 * library (a seed in, a scenario out), the kernel does not depend on JUnit, and users who want
 * the integration add one test-scoped dependency, {@code io.simkernel:simkernel-junit}.
 * Why {@code DynamicTest}s rather than an extension: a seed is data, not a method; a factory
 * shows each seed as a test of its own in any IDE and report, needs no annotation processing
 * or parameter resolution, and composes with whatever else the user's class does.
 *
 * <p>See {@link io.simkernel.junit.SimProperties} and docs/property-testing.md.
 */
package io.simkernel.junit;
