/**
 * The {@code simkernel} command line (picocli). DESIGN.md's contract: {@code run}'s stdout and
 * stderr carry exactly the simulated console's fd 1 and fd 2 bytes while the run goes on; the
 * report follows on stderr (or {@code --report FILE}) unless {@code --quiet}; the exit status is
 * the main program's as a shell reports it (128+N when killed by signal N), 124 when a limit
 * stopped the run, 125 when the tool itself failed — a malformed scenario
 * ({@code FILE:LINE:COL: error: ...}, nothing run) or a bad command line (a usage message).
 */
package io.simkernel.cli;
