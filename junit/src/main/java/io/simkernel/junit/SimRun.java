package io.simkernel.junit;

import io.simkernel.api.run.RunResult;
import io.simkernel.api.trace.TraceEvent;
import java.util.List;

/**
 * One checked run of a scenario, as a user property sees it.
 *
 * @param seed the seed the scenario was generated from (or -1 for a given text)
 * @param scenario the scenario's text
 * @param result the kernel's result (processes, exit statuses, stop reason, event hash)
 * @param stdout what the simulated programs wrote to fd 1
 * @param stderr what they wrote to fd 2
 * @param events every kernel event, in order
 */
public record SimRun(long seed, String scenario, RunResult result, String stdout, String stderr,
    List<TraceEvent> events) {}
