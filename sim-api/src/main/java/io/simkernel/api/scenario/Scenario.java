package io.simkernel.api.scenario;

import com.google.common.collect.ImmutableList;
import com.google.common.hash.Hashing;
import io.simkernel.api.program.ProgramImage;
import java.nio.charset.StandardCharsets;

/**
 * A parsed, assembled scenario: the kernel configuration, the images, plain files and
 * directories it installs in the simulated file system, and the program to run. Immutable;
 * {@link #sourceHash()} identifies the source text in trace headers.
 */
public record Scenario(
    String sourceName,
    String sourceText,
    KernelConfig config,
    ImmutableList<ProgramImage> programs,
    RunCommand run,
    ImmutableList<FileEntry> files) {

  /** A scenario without plain files or directories of its own. */
  public Scenario(String sourceName, String sourceText, KernelConfig config,
      ImmutableList<ProgramImage> programs, RunCommand run) {
    this(sourceName, sourceText, config, programs, run, ImmutableList.of());
  }

  /** SHA-256 of the source text, hex: what a trace header records to re-run it. */
  public String sourceHash() {
    return Hashing.sha256().hashString(sourceText, StandardCharsets.UTF_8).toString();
  }

  /** The image installed at {@code path}, or null. */
  public ProgramImage program(String path) {
    for (ProgramImage p : programs) {
      if (p.path().equals(path)) {
        return p;
      }
    }
    return null;
  }

  public Scenario withConfig(KernelConfig c) {
    return new Scenario(sourceName, sourceText, c, programs, run, files);
  }
}
