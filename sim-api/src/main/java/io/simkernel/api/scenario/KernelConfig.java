package io.simkernel.api.scenario;

import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code kernel} line of a scenario: machine size, limits and policies, with DESIGN.md's
 * defaults ({@code cpus=1 timeslice=4ms seed=0 memory=4GiB pid_max=32768}, no {@code nproc} or
 * event limit, {@code time_limit=1h}). Immutable; {@link #with} returns a changed copy.
 */
public record KernelConfig(
    int cpus,
    long timesliceNs,
    long seed,
    long memoryBytes,
    int pidMax,
    long nproc,
    String init,
    long timeLimitNs,
    long eventsMax,
    long insnsMax,
    TieBreak tieBreak,
    ImmutableMap<String, String> extra) {

  /** How events at the same virtual time are ordered (both total and deterministic). */
  public enum TieBreak {
    /** Strict insertion order: the event scheduled first fires first (the default). */
    INSERTION,
    /** A seeded pseudo-random permutation of same-time events, to shake out order dependence. */
    RANDOM
  }

  /** No limit. */
  public static final long UNLIMITED = -1;

  public static final KernelConfig DEFAULTS = new KernelConfig(1, 4_000_000L, 0, 4L << 30, 32768,
      UNLIMITED, null, 3_600_000_000_000L, UNLIMITED, 1_000_000_000L, TieBreak.INSERTION,
      ImmutableMap.of());

  /** The option names the {@code kernel} line accepts, each with a one-line description. */
  public static final ImmutableMap<String, String> OPTIONS = ImmutableMap.<String, String>builder()
      .put("cpus", "number of virtual CPUs, 1..256 (default 1)")
      .put("timeslice", "round-robin time slice, a duration (default 4ms)")
      .put("seed", "seed of the run's one random generator (default 0)")
      .put("memory", "physical memory, a size (default 4GiB)")
      .put("pid_max", "one past the largest PID, 301..4194304 (default 32768)")
      .put("nproc", "RLIMIT_NPROC of every process, or unlimited (default unlimited)")
      .put("init", "path of a program to run as PID 1 instead of the built-in reaper")
      .put("time_limit", "virtual time after which the run is stopped (default 1h)")
      .put("events_max", "number of kernel events after which the run is stopped (default unlimited)")
      .put("insns_max", "number of VM instructions after which the run is stopped (default 10^9)")
      .put("tiebreak", "order of same-time events: insertion or random (default insertion)")
      .put("fork", "fork memory policy: classic or ondemand (default classic)")
      .put("mp_bootstrap_check", "multiprocessing bootstrapping check: on or off (default on)")
      .put("core", "RLIMIT_CORE soft limit of every process, a size or unlimited (default 0)")
      .buildOrThrow();

  public KernelConfig with(String key, String value, long parsed) {
    Map<String, String> x = new LinkedHashMap<>(extra);
    KernelConfig c = this;
    switch (key) {
      case "cpus" -> c = new KernelConfig((int) parsed, timesliceNs, seed, memoryBytes, pidMax, nproc, init, timeLimitNs, eventsMax, insnsMax, tieBreak, extra);
      case "timeslice" -> c = new KernelConfig(cpus, parsed, seed, memoryBytes, pidMax, nproc, init, timeLimitNs, eventsMax, insnsMax, tieBreak, extra);
      case "seed" -> c = withSeed(parsed);
      case "memory" -> c = new KernelConfig(cpus, timesliceNs, seed, parsed, pidMax, nproc, init, timeLimitNs, eventsMax, insnsMax, tieBreak, extra);
      case "pid_max" -> c = new KernelConfig(cpus, timesliceNs, seed, memoryBytes, (int) parsed, nproc, init, timeLimitNs, eventsMax, insnsMax, tieBreak, extra);
      case "nproc" -> c = new KernelConfig(cpus, timesliceNs, seed, memoryBytes, pidMax, parsed, init, timeLimitNs, eventsMax, insnsMax, tieBreak, extra);
      case "init" -> c = new KernelConfig(cpus, timesliceNs, seed, memoryBytes, pidMax, nproc, value, timeLimitNs, eventsMax, insnsMax, tieBreak, extra);
      case "time_limit" -> c = new KernelConfig(cpus, timesliceNs, seed, memoryBytes, pidMax, nproc, init, parsed, eventsMax, insnsMax, tieBreak, extra);
      case "events_max" -> c = new KernelConfig(cpus, timesliceNs, seed, memoryBytes, pidMax, nproc, init, timeLimitNs, parsed, insnsMax, tieBreak, extra);
      case "insns_max" -> c = new KernelConfig(cpus, timesliceNs, seed, memoryBytes, pidMax, nproc, init, timeLimitNs, eventsMax, parsed, tieBreak, extra);
      case "tiebreak" -> c = new KernelConfig(cpus, timesliceNs, seed, memoryBytes, pidMax, nproc, init, timeLimitNs, eventsMax, insnsMax, TieBreak.values()[(int) parsed], extra);
      default -> {
        x.put(key, value);
        c = new KernelConfig(cpus, timesliceNs, seed, memoryBytes, pidMax, nproc, init, timeLimitNs, eventsMax, insnsMax, tieBreak, ImmutableMap.copyOf(x));
      }
    }
    return c;
  }

  public KernelConfig withSeed(long newSeed) {
    return new KernelConfig(cpus, timesliceNs, newSeed, memoryBytes, pidMax, nproc, init,
        timeLimitNs, eventsMax, insnsMax, tieBreak, extra);
  }

  /** An option kept as text for subsystems that read it ({@code fork}, {@code core}, ...). */
  public String option(String key, String fallback) {
    return extra.getOrDefault(key, fallback);
  }

  /** {@code key=value ...} for trace headers and reports, in a fixed order. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append("cpus=").append(cpus).append(" timeslice=").append(timesliceNs).append("ns")
        .append(" seed=").append(seed).append(" memory=").append(memoryBytes)
        .append(" pid_max=").append(pidMax).append(" nproc=").append(nproc < 0 ? "unlimited" : nproc)
        .append(" time_limit=").append(timeLimitNs).append("ns")
        .append(" events_max=").append(eventsMax < 0 ? "unlimited" : eventsMax)
        .append(" insns_max=").append(insnsMax < 0 ? "unlimited" : insnsMax)
        .append(" tiebreak=").append(tieBreak.name().toLowerCase(java.util.Locale.ROOT));
    if (init != null) {
      sb.append(" init=").append(init);
    }
    extra.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
    return sb.toString();
  }
}
