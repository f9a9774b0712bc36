/**
 * Experiments: parameter sweeps, their result files, merging shards, and charts — what
 * {@code simkernel sweep}, {@code merge} and {@code plot} do (docs/experiments.md is the user's
 * guide).
 *
 * <h2>The promise</h2>
 *
 * A sweep's result is a function of three things only: the scenario file, the grid (the
 * {@code -D} values and {@code --seeds}), and the simulator version. Not of the number of
 * threads, not of the order in which runs finish, not of how the grid was cut into shards or
 * whether it was interrupted and resumed, not of which other values the grid holds. Everything
 * in this package exists to keep that promise, because a researcher who cannot trust that a
 * re-run gives the same table cannot trust the table. The one exception is the {@code wall_ns}
 * column, which measures the host on purpose; tests compare everything else byte for byte.
 *
 * <h2>How each part keeps it</h2>
 *
 * <ul>
 *   <li><b>One simulation per task.</b> {@link io.simkernel.cli.sweep.Sweep} runs each run in
 *       its own {@code Kernel}, sharing only the immutable parsed
 *       {@link io.simkernel.api.scenario.Scenario}; the kernel has no static mutable state (an
 *       ArchUnit test in the kernel says so), so threads cannot influence each other. The
 *       simulated console is discarded: a sweep records what the scenario measures with
 *       {@code metric}, not what it prints.
 *   <li><b>Seeds from the point, not from the position.</b> {@link
 *       io.simkernel.cli.sweep.Point#seedFor} hashes (SHA-256) the parameter values and the
 *       replicate number, nothing else. A seed drawn from a sequence, or from the run's index in
 *       the grid, would change every later run when a value is added; this one changes no other
 *       run, ever, and a shard computes exactly the seeds the whole grid would. Every declared
 *       parameter is part of the point, at its default when not swept, so sweeping a parameter
 *       over just its default gives the same seeds as not sweeping it.
 *   <li><b>Order from the values.</b> Rows are sorted by {@link
 *       io.simkernel.cli.sweep.Point#compareTo} (parameters in declaration order, numbers as
 *       numbers) and then replicate, and the CSV header is computed from the rows
 *       ({@link io.simkernel.cli.sweep.ResultFiles#csv}). Neither depends on the command line or
 *       on completion order, so {@link io.simkernel.cli.sweep.Merge} can rebuild the unsharded
 *       file from shard files alone, byte for byte.
 *   <li><b>Text in, text out.</b> Every cell is kept as the text it was written as
 *       ({@link io.simkernel.cli.sweep.Row}); a metric's mean is computed exactly (big decimals,
 *       three places, half-even) and written without trailing zeros. Reading a file and writing
 *       it again cannot change it, so resume and merge are exact.
 *   <li><b>A journal for free.</b> The JSON Lines file is appended to, a line per finished run,
 *       flushed at once; the CSV and the sorted JSON Lines are written only at the end, each
 *       atomically. A sweep killed at any moment loses at most the runs in flight, and the next
 *       one finds the rest. A row counts as done only when it was made by the same simulator
 *       version from the same scenario text (its SHA-256): change either and the run is redone.
 *   <li><b>Shards deal round-robin.</b> {@link io.simkernel.cli.sweep.Grid#shard} gives shard
 *       {@code i} the tasks {@code i, i+n, i+2n...} of the canonical list, so each shard gets a
 *       fair share of small and large points, and the shards partition the grid exactly.
 * </ul>
 *
 * <h2>Reproducing one row</h2>
 *
 * Each row carries its parameters, its seed, the simulator version and the scenario's SHA-256;
 * {@code simkernel run FILE -D name=value... --seed SEED} with that file and version gives the
 * same run, event for event (the JSON Lines' {@code detail.reproduce} spells out the command and
 * {@code detail.event_hash} is the hash {@code run}'s report prints).
 *
 * <h2>Where the columns come from</h2>
 *
 * Counters come from {@link io.simkernel.api.run.RunResult} and its
 * {@link io.simkernel.api.run.MemoryStats}; {@code zombies_max} is counted here from the
 * kernel's {@code sched_process_exit} and {@code sched_process_free} events
 * ({@code ZombieCounter}), since the result only lists the zombies left at the end. Metrics are
 * what the scenario's {@code metric name, value} instructions recorded: the CSV holds each one's
 * mean over the run, the JSON Lines every value.
 */
package io.simkernel.cli.sweep;
