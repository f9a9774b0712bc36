package io.simkernel.traces.strace;

import io.simkernel.api.scenario.Scenario;
import io.simkernel.kernel.asm.ScenarioParser;
import java.util.List;

/**
 * A log turned into a scenario.
 *
 * @param tree the log's process tree
 * @param text the scenario ({@code .sks} text)
 * @param pids the PID map the scenario assumes
 * @param approximations what the replay does differently from the log, one line each
 * @param unreplayable deaths the replay cannot reproduce
 * @param omitted the left-out calls by category, on one line
 */
public record ImportResult(ProcessTree tree, String text, PidMap pids,
    List<String> approximations, List<Unreplayable> unreplayable, String omitted) {

  /** The scenario, assembled; {@code name} is the file name its errors would cite. */
  public Scenario scenario(String name) {
    return ScenarioParser.parse(name, text);
  }
}
