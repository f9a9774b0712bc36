package io.simkernel.api.run;

/**
 * What became of one process: its identity, the wait status it ended with (-1 while alive),
 * when it ended, and who reaped it (0 when not reaped; -1 when auto-reaped).
 */
public record ProcessRecord(int pid, int ppid, String command, char state, int status,
    long exitNs, int reapedBy) {

  public boolean exited() {
    return status >= 0;
  }
}
