package io.simkernel.api.run;

import java.util.List;

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
    MemoryStats memory) {

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
    if ((mainStatus & 0x7F) == 0) {
      return (mainStatus >> 8) & 0xFF;
    }
    return 128 + (mainStatus & 0x7F);
  }
}
