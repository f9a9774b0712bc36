package io.simkernel.api.run;

import io.simkernel.api.WaitStatus;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a run: why it stopped, the main program's wait status, counters, the rolling
 * hash of every event (equal for equal runs), and the fate of the processes.
 *
 * @param mainStatus wait status of the main program (the {@code run} program, or init when it
 *     is the only one), or -1 if it had not ended
 * @param processes the first {@link #MAX_RECORDS} processes that ended, in the order they ended
 * @param leftAlive processes still alive (not zombie) at the end, with what they were doing
 * @param zombies zombies left at the end
 * @param memory frames, faults, copy-on-write, fork copies, OOM kills and per-process memory
 * @param metrics what the scenario's {@code metric name, value} instructions recorded: each
 *     name (in the order first recorded) with its values in the order recorded, the first
 *     {@link #MAX_METRIC_VALUES} of each
 */
public record RunResult(
    StopReason reason,
    String detail,
    int mainPid,
    int mainStatus,
    long virtualNs,
    long wallNs,
    long events,
    long eventHash,
    long instructions,
    long processesCreated,
    long forks,
    long execs,
    long signalsGenerated,
    long minorFaults,
    List<ProcessRecord> processes,
    List<ProcessRecord> leftAlive,
    List<ProcessRecord> zombies,
    MemoryStats memory,
    Map<String, List<Long>> metrics) {

  /** How many values of one metric a result keeps. */
  public static final int MAX_METRIC_VALUES = 100_000;

  public RunResult {
    metrics = metrics == null ? Map.of() : metrics;
  }

  /** A result without metrics. */
  public RunResult(StopReason reason, String detail, int mainPid, int mainStatus, long virtualNs,
      long wallNs, long events, long eventHash, long instructions, long processesCreated,
      long forks, long execs, long signalsGenerated, long minorFaults,
      List<ProcessRecord> processes, List<ProcessRecord> leftAlive, List<ProcessRecord> zombies,
      MemoryStats memory) {
    this(reason, detail, mainPid, mainStatus, virtualNs, wallNs, events, eventHash, instructions,
        processesCreated, forks, execs, signalsGenerated, minorFaults, processes, leftAlive,
        zombies, memory, Map.of());
  }

  /** How many process records a result keeps in full. */
  public static final int MAX_RECORDS = 1000;

  /** The exit status a shell (and {@code simkernel run}) reports. */
  public int shellStatus() {
    if (reason.isLimit()) {
      return 124;
    }
    if (mainStatus < 0) {
      return 124;
    }
    return WaitStatus.shellStatus(mainStatus);
  }
}
