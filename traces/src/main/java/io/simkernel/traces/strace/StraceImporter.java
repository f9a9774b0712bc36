package io.simkernel.traces.strace;

import io.simkernel.kernel.asm.ScenarioException;

/** The entry point: an strace log in, a scenario out ({@link #importLog}). */
public final class StraceImporter {
  private StraceImporter() {}

  /**
   * Reads a log and writes the scenario that replays it. Throws {@link StraceException} for a
   * malformed or truncated log (one error, with its line).
   */
  public static ImportResult importLog(String file, String text, ImportOptions options) {
    ProcessTree tree = ProcessTree.build(StraceReader.read(file, text));
    ImportResult r = ScenarioWriter.write(tree, options);
    try {
      r.scenario(file + ".sks");
    } catch (ScenarioException e) {
      // the importer's own output must assemble; if it does not, that is our bug, not the log's
      throw new IllegalStateException("the generated scenario does not assemble: " + e.format(),
          e);
    }
    return r;
  }

  public static ImportResult importLog(String file, String text) {
    return importLog(file, text, ImportOptions.defaults());
  }
}
