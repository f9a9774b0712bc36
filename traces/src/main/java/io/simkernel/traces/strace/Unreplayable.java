package io.simkernel.traces.strace;

/**
 * A death the scenario cannot reproduce because the signal came from something the simulator
 * does not model (the kernel's SIGPIPE for a write to a closed pipe, a fault, a sender outside
 * the trace). The scenario ends that process with {@code exit 128+N} at the recorded time
 * instead, and {@code --check} reports the facts that therefore differ, with this reason.
 *
 * @param pid the real PID
 * @param signo the signal that killed it
 * @param line the {@code +++ killed by +++} line
 * @param reason what caused the signal and what the simulator lacks
 * @param feature the missing part of the simulator, in a word ("pipes", "faults", "outside")
 */
public record Unreplayable(int pid, int signo, int line, String reason, String feature) {}
