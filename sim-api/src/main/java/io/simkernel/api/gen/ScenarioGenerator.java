package io.simkernel.api.gen;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded generator of process-lifecycle scenarios: a seed in, the text of a valid {@code .sks}
 * scenario out. The program is a tree of processes — each one a straight-line body of actions
 * (fork, wait, kill, sleep, ...) ending in {@code exit} — so every run is bounded, and what the
 * kernel must do with it is fully determined by the text. The package documentation explains the
 * choices.
 *
 * <p>Instances are immutable and thread-safe; {@link #generate} is a pure function of the
 * configuration and the seed.
 */
public final class ScenarioGenerator {

  /** The kinds of action a process body is made of; a {@link Config} weighs each one. */
  public enum Action {
    /** {@code fork}; the child runs a generated body of its own. */
    FORK(3),
    /** {@code exit N} before the body's end: the children still running become orphans. */
    EXIT(0),
    /** One blocking {@code wait}, reported with {@code print}. */
    WAIT(2),
    /** {@code waitpid} of one own child or of -1, with or without {@code WNOHANG}. */
    WAITPID(2),
    /** A loop of {@code wait} until {@code -ECHILD}: every child (and adopted orphan) reaped. */
    REAP_ALL(4),
    /** A bounded loop of {@code waitpid -1, WNOHANG} and short sleeps. */
    POLL(9),
    /** {@code sleep D}. */
    SLEEP(1),
    /** {@code compute D}: busy on a CPU, preemptible. */
    COMPUTE(1),
    /** {@code kill} of an own child with SIGTERM or SIGKILL. */
    KILL(3),
    /** {@code getpid} and {@code getppid}, printed (the second changes when orphaned). */
    PRINT_IDS(4),
    /** {@code print} of a generated value, so that outputs differ between seeds. */
    PRINT_VALUE(1),
    /**
     * {@code prctl PR_SET_CHILD_SUBREAPER, 1}: orphaned descendants come here, not to init. A
     * print before and one after bracket the call, so that a checker reading the output knows
     * from when on the process may be, and surely is, a subreaper.
     */
    SUBREAPER(3),
    /**
     * {@code signal SIGCHLD, SIG_IGN}, bracketed by prints like SUBREAPER: from then on the
     * process's children are auto-reaped and its waits end in {@code -ECHILD} (WT, ZB rules).
     */
    IGNORE_SIGCHLD(3, Family.AUTOREAP),
    /**
     * {@code execve} of one of the scenario's other programs ({@code /bin/gx0..2}, which print
     * their ids and exit with their own code), or of a path that does not exist ({@code -ENOENT},
     * and the body goes on).
     */
    EXEC(3, Family.EXEC),
    /**
     * A pipe between this process and a writer child it forks: the child writes a random
     * amount in random chunks (partial and blocking writes past 64 KiB), the parent reads to
     * end-of-file and reaps it; or the parent closes its read end first (the writer dies of
     * SIGPIPE, or ignores it and sees {@code -EPIPE}); or the writer {@code dup2}s the pipe to
     * fd 1 and prints into it.
     */
    PIPE(16, Family.PIPE),
    /**
     * {@code mmap} of anonymous memory, {@code MAP_PRIVATE} or {@code MAP_SHARED}, written,
     * then a fork whose child writes the pages too; the parent reads after reaping the child
     * and prints {@code -> A expect B}: private pages must keep the parent's value (copy-on-write
     * isolation), shared ones show the child's. {@code munmap} at the end.
     */
    MMAP(12, Family.MEMORY),
    /**
     * {@code CreateProcess} of a generated image ({@code /bin/gw0..1}, which print their argc,
     * may fork and reap a Linux child, and end with ExitProcess or exit): run to its end and
     * waited for (a timed wait first, sometimes), created suspended and ended by
     * TerminateProcess, killed by closing a KILL_ON_JOB_CLOSE job, or terminated by a second
     * child that inherited its handle; GetExitCodeProcess and every wait checked against the
     * text ({@code -> A expect B}), every handle closed.
     */
    CREATEPROCESS(16, Family.WINDOWS),
    /**
     * A regular file under {@code /tmp}: written and read back, a descriptor shared with a
     * forked writer (one offset), concurrent {@code O_APPEND} writers, a child's fd 1
     * {@code dup2}'d onto it, or the declared {@code /gdata} read through a {@code dup2}; byte
     * counts, bytes, end-of-file and {@code unlink} checked, every descriptor closed.
     */
    FILE(14, Family.FILES),
    /**
     * A counter in {@code MAP_SHARED} memory incremented by 1..3 forked workers under a
     * {@code sem_open} semaphore or an {@code mp.lock}; the owner checks that no update was
     * lost.
     */
    LOCK(14, Family.LOCKS);

    private final int instructions;
    private final Family family;

    Action(int instructions) {
      this(instructions, Family.PROCESS);
    }

    Action(int instructions, Family family) {
      this.instructions = instructions;
      this.family = family;
    }

    /** How many instructions the action emits in line (labels not counted). */
    public int instructions() {
      return instructions;
    }

    /** The operation family the action belongs to. */
    public Family family() {
      return family;
    }
  }

  /**
   * Families of operations, the unit of {@link Config#swarm(long, java.util.Set)}. The extension
   * point for subsystems still to come: a new family (after the last one) and its
   * actions, a case in the body writer, and swarm draws it when asked to.
   */
  public enum Family {
    /** fork, exit, the wait family, kill, getpid/getppid, subreapers, sleep and compute. */
    PROCESS,
    /** SIGCHLD ignored: auto-reaping. */
    AUTOREAP,
    /** execve of other programs of the scenario, and failing execs. */
    EXEC,
    /** pipes across fork, end-of-file, SIGPIPE/EPIPE, dup2. */
    PIPE,
    /** mmap, memory writes, munmap, MAP_PRIVATE and MAP_SHARED across fork. */
    MEMORY,
    /**
     * CreateProcess, waits with timeouts, exit codes, TerminateProcess, handles and their
     * inheritance, KILL_ON_JOB_CLOSE jobs, in the same tree as the Linux actions. This family
     * and the ones after it are drawn by swarm mode from a stream of their own.
     */
    WINDOWS,
    /** open/read/write/close/dup2/unlink on regular files, offsets shared across fork, O_APPEND. */
    FILES,
    /** sem_open/sem_wait/sem_post and mp.lock/acquire/release guarding shared memory. */
    LOCKS;

    /**
     * Whether swarm mode draws this family's weights from the older stream: the families that
     * existed before CREATEPROCESS, files and locks keep their per-seed draws (and so their
     * texts) whatever is added after them.
     */
    boolean olderStream() {
      return compareTo(MEMORY) <= 0;
    }
  }

  /**
   * What to generate.
   *
   * @param weights relative frequency of each action; a missing action has weight 0
   * @param maxProcesses processes a scenario may create besides init: the main program and
   *     every fork together, at least 1
   * @param maxDepth depth of the process tree; the main program has depth 0
   * @param maxInstructions instructions in one process body, the closing {@code print} and
   *     {@code exit} included, at least 2
   * @param maxSleepNs longest single {@code sleep}, at least 1 µs
   * @param maxComputeNs longest single {@code compute}, at least 1 µs
   * @param minCpus fewest virtual CPUs, at least 1
   * @param maxCpus most virtual CPUs, at most 256
   * @param randomTieBreakPercent chance, 0..100, of {@code tiebreak=random} on the kernel line
   * @param timeLimitNs a {@code time_limit=} for the kernel line, or -1 for none
   */
  public record Config(
      ImmutableMap<Action, Integer> weights,
      int maxProcesses,
      int maxDepth,
      int maxInstructions,
      long maxSleepNs,
      long maxComputeNs,
      int minCpus,
      int maxCpus,
      int randomTieBreakPercent,
      long timeLimitNs) {

    public Config {
      Preconditions.checkNotNull(weights, "weights");
      EnumMap<Action, Integer> w = new EnumMap<>(Action.class); // a fixed order, for describe()
      int sum = 0;
      for (Map.Entry<Action, Integer> e : weights.entrySet()) {
        Preconditions.checkArgument(e.getValue() >= 0, "negative weight for %s", e.getKey());
        w.put(e.getKey(), e.getValue());
        sum += e.getKey() == Action.EXIT ? 0 : e.getValue();
      }
      Preconditions.checkArgument(sum > 0, "some action other than EXIT needs a positive weight");
      weights = ImmutableMap.copyOf(w);
      Preconditions.checkArgument(maxProcesses >= 1, "maxProcesses must be at least 1");
      Preconditions.checkArgument(maxDepth >= 0, "maxDepth must be at least 0");
      Preconditions.checkArgument(maxInstructions >= 2, "maxInstructions must be at least 2");
      Preconditions.checkArgument(maxSleepNs >= 1000 && maxComputeNs >= 1000,
          "durations must allow at least 1us");
      Preconditions.checkArgument(1 <= minCpus && minCpus <= maxCpus && maxCpus <= 256,
          "need 1 <= minCpus <= maxCpus <= 256");
      Preconditions.checkArgument(randomTieBreakPercent >= 0 && randomTieBreakPercent <= 100,
          "randomTieBreakPercent must be 0..100");
      Preconditions.checkArgument(timeLimitNs == -1 || timeLimitNs > 0,
          "timeLimitNs must be positive or -1");
    }

    /** Balanced weights and small trees: up to 16 processes, 5 levels, short sleeps. */
    public static Config defaults() {
      ImmutableMap<Action, Integer> w = ImmutableMap.<Action, Integer>builder()
          .put(Action.FORK, 6).put(Action.EXIT, 1).put(Action.WAIT, 2).put(Action.WAITPID, 3)
          .put(Action.REAP_ALL, 2).put(Action.POLL, 1).put(Action.SLEEP, 3)
          .put(Action.COMPUTE, 2).put(Action.KILL, 1).put(Action.PRINT_IDS, 2)
          .put(Action.PRINT_VALUE, 1).put(Action.SUBREAPER, 1).buildOrThrow();
      return new Config(w, 16, 5, 24, 5_000_000L, 3_000_000L, 1, 4, 10, -1);
    }

    /**
     * Swarm testing (Groce et al., 2012; TigerBeetle's VOPR draws its fault rates the same way):
     * each seed gets its own weights, with about a third of the actions switched off entirely,
     * and its own machine size and durations. A feature that is off cannot crowd out or mask
     * the interplay of the others, so odd combinations — all kills and no waits, only subreapers
     * and early exits — come up far more often than under one fixed mix.
     */
    public static Config swarm(long seed) {
      return swarm(seed, java.util.EnumSet.of(Family.PROCESS));
    }

    /**
     * {@link #swarm(long)} over the actions of the given families (the others get weight 0):
     * {@code swarm(seed, EnumSet.allOf(Family.class))} mixes pipes, memory and exec in too.
     * The draws for the PROCESS actions come first, so the process-only mix of a seed is the
     * same whatever else is enabled.
     */
    public static Config swarm(long seed, java.util.Set<Family> families) {
      // a stream of its own, so that swarm(s) and generate(s) do not draw the same numbers
      SplittableRandom rnd = new SplittableRandom(seed ^ 0x5EEDF00DCAFEL);
      Config base = defaults();
      ImmutableMap.Builder<Action, Integer> w = ImmutableMap.builder();
      for (Action a : Action.values()) {
        if (a.family() == Family.PROCESS) {
          w.put(a, rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(10));
        }
      }
      ImmutableMap<Action, Integer> weights = w.buildOrThrow();
      SplittableRandom newer = new SplittableRandom(seed ^ 0x5EEDF11E5L);
      for (Action a : Action.values()) {
        if (a.family() != Family.PROCESS && families.contains(a.family())) {
          // the newer families weigh up to 10, as much as a PROCESS action: one block of
          // theirs is one action, so at the older families' 1..4 they would rarely be drawn
          weights = a.family().olderStream()
              ? with(weights, a, rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(4))
              : with(weights, a, newer.nextInt(3) == 0 ? 0 : 1 + newer.nextInt(10));
        }
      }
      if (weights.get(Action.FORK) == 0 && rnd.nextBoolean()) {
        weights = with(weights, Action.FORK, 1 + rnd.nextInt(10)); // trees are the point
      }
      if (weights.entrySet().stream().allMatch(e -> e.getKey() == Action.EXIT
          || e.getValue() == 0)) {
        weights = with(weights, Action.SLEEP, 1);
      }
      int maxCpus = 1 + rnd.nextInt(8);
      // limits range from a pair of processes to trees three times the default size
      return new Config(weights, 2 + rnd.nextInt(3 * base.maxProcesses()),
          1 + rnd.nextInt(2 * base.maxDepth()), 4 + rnd.nextInt(2 * base.maxInstructions()),
          1000L * (1 + rnd.nextInt(10_000)), 1000L * (1 + rnd.nextInt(6_000)),
          1 + rnd.nextInt(maxCpus), maxCpus, rnd.nextInt(50), -1);
    }

    private static ImmutableMap<Action, Integer> with(ImmutableMap<Action, Integer> w, Action a,
        int weight) {
      EnumMap<Action, Integer> m = new EnumMap<>(Action.class);
      m.putAll(w);
      m.put(a, weight);
      return ImmutableMap.copyOf(m);
    }

    /** This configuration with other weights (a missing action has weight 0). */
    public Config withWeights(ImmutableMap<Action, Integer> newWeights) {
      return new Config(newWeights, maxProcesses, maxDepth, maxInstructions, maxSleepNs,
          maxComputeNs, minCpus, maxCpus, randomTieBreakPercent, timeLimitNs);
    }

    /** This configuration with one action's weight changed. */
    public Config withWeight(Action action, int weight) {
      return new Config(with(weights, action, weight), maxProcesses, maxDepth, maxInstructions,
          maxSleepNs, maxComputeNs, minCpus, maxCpus, randomTieBreakPercent, timeLimitNs);
    }

    /** This configuration with other tree limits. */
    public Config withLimits(int processes, int depth, int instructions) {
      return new Config(weights, processes, depth, instructions, maxSleepNs, maxComputeNs,
          minCpus, maxCpus, randomTieBreakPercent, timeLimitNs);
    }

    /** This configuration with a {@code time_limit=} (or -1 for none). */
    public Config withTimeLimitNs(long ns) {
      return new Config(weights, maxProcesses, maxDepth, maxInstructions, maxSleepNs,
          maxComputeNs, minCpus, maxCpus, randomTieBreakPercent, ns);
    }

    /** The weight of an action (0 when absent). */
    public int weight(Action a) {
      return weights.getOrDefault(a, 0);
    }

    /** One line, for the header of a generated scenario. */
    public String describe() {
      StringBuilder sb = new StringBuilder("weights");
      for (Action a : Action.values()) {
        if (a.family() == Family.PROCESS || weight(a) > 0) { // older headers stay as they were
          sb.append(' ').append(a.name().toLowerCase(java.util.Locale.ROOT)).append('=')
              .append(weight(a));
        }
      }
      return sb.append("; processes<=").append(maxProcesses).append(" depth<=").append(maxDepth)
          .append(" instructions<=").append(maxInstructions).append(" sleep<=")
          .append(maxSleepNs).append("ns compute<=").append(maxComputeNs).append("ns cpus=")
          .append(minCpus).append("..").append(maxCpus).toString();
    }
  }

  /**
   * One generated process body: node 0 is the main program; every other node is the child a
   * {@code fork} in its parent's body creates.
   *
   * @param id the node's number, in generation (breadth-first) order; labels are {@code n<id>}
   * @param parent the forking node, -1 for the main program
   * @param depth 0 for the main program
   * @param instructions instructions in the body, its closing {@code print} and {@code exit}
   *     included
   * @param exitCode the code of the body's one {@code exit} (a body that execs successfully
   *     ends with the exec'd program's code instead)
   * @param kills {@code kill} instructions in the body
   * @param waits {@code wait}/{@code waitpid} instructions in the body (loops counted once)
   */
  public record Node(int id, int parent, int depth, int instructions, int exitCode, int kills,
      int waits) {}

  /**
   * A generated scenario with what the generator knows about it, for differential checks.
   *
   * @param cpus the {@code cpus=} of the kernel line
   * @param nodes every process body; each runs at most once, since no loop contains a fork
   */
  public record Generated(long seed, String text, int cpus, ImmutableList<Node> nodes) {
    /** Whether any body kills: without kills every node runs to its own {@code exit}. */
    public boolean killsChildren() {
      return nodes.stream().anyMatch(n -> n.kills() > 0);
    }

    /** {@code fork} instructions in the text: one per node but the main program. */
    public int forkSites() {
      return nodes.size() - 1;
    }
  }

  private final Config config;

  public ScenarioGenerator(Config config) {
    this.config = Preconditions.checkNotNull(config, "config");
  }

  public Config config() {
    return config;
  }

  /** The text of a valid {@code .sks} scenario; equal seeds give equal texts. */
  public String generate(long seed) {
    return generateWithFacts(seed).text();
  }

  /** {@link #generate} with what the generator knows of the scenario it wrote. */
  public Generated generateWithFacts(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed); // the only source of randomness
    StringBuilder out = new StringBuilder(4096);
    int cpus = header(out, seed, rnd);
    Extras extras = new Extras(seed); // its own stream: rnd draws nothing for it
    boolean files = config.weight(Action.FILE) > 0;
    if (files) {
      FileActions.declarations(out, extras);
    }
    out.append("program /bin/gen\n");
    if (config.weight(Action.PIPE) > 0 || files) {
      out.append("data\n");
    }
    if (config.weight(Action.PIPE) > 0) {
      out.append("  gbuf: space 64KiB\n"); // the pipe blocks' read and write buffer
    }
    if (files) {
      out.append("  fbuf: space 4KiB\n"); // the file blocks' read buffer
    }
    out.append("text\nmain:\n");
    List<Node> nodes = new ArrayList<>();
    ArrayDeque<int[]> pending = new ArrayDeque<>(); // {id, parent, depth}, breadth-first
    pending.add(new int[] {0, -1, 0});
    int[] created = {1}; // the main program
    while (!pending.isEmpty()) {
      int[] n = pending.poll();
      BodyWriter body = new BodyWriter(config, rnd, extras, n[0], n[2], () -> {
        if (created[0] >= config.maxProcesses()) {
          return -1;
        }
        int child = created[0]++;
        pending.add(new int[] {child, n[0], n[2] + 1});
        return child;
      }, () -> created[0] < config.maxProcesses() && created[0]++ >= 0);
      if (n[0] != 0) {
        out.append("\nn").append(n[0]).append(":  # child of n").append(n[1]).append(", depth ")
            .append(n[2]).append('\n');
      }
      body.write(out);
      nodes.add(new Node(n[0], n[1], n[2], body.instructions(), body.exitCode(), body.kills(),
          body.waits()));
    }
    out.append("end\n");
    if (config.weight(Action.EXEC) > 0) {
      IoActions.execTargets(out, rnd, config);
    }
    if (config.weight(Action.CREATEPROCESS) > 0) {
      WinActions.images(out, extras);
    }
    out.append("\nrun /bin/gen\n");
    return new Generated(seed, out.toString(), cpus, ImmutableList.copyOf(nodes));
  }

  /** The comment block and the kernel line; returns the number of CPUs. */
  private int header(StringBuilder out, long seed, SplittableRandom rnd) {
    int cpus = config.minCpus() + rnd.nextInt(config.maxCpus() - config.minCpus() + 1);
    // from a slice shorter than most computations (preemption everywhere) to the default's
    long[] slicesUs = {100, 1000, 4000, 10_000};
    long slice = slicesUs[rnd.nextInt(slicesUs.length)];
    out.append("# generated by io.simkernel.api.gen.ScenarioGenerator, seed ").append(seed)
        .append("\n# ").append(config.describe()).append('\n')
        .append("kernel cpus=").append(cpus).append(" timeslice=").append(slice).append("us")
        .append(" seed=").append(rnd.nextInt(1_000_000));
    if (rnd.nextInt(100) < config.randomTieBreakPercent()) {
      out.append(" tiebreak=random");
    }
    if (config.timeLimitNs() > 0) {
      out.append(" time_limit=").append(config.timeLimitNs()).append("ns");
    }
    out.append("\n\n");
    return cpus;
  }
}
