package io.simkernel.traces.strace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The real captures of shared/traces, copied to test resources (trace + ground truth). */
final class Corpus {
  private Corpus() {}

  /** Every workload of the corpus. */
  static final String[] ALL = {"bash-bg-wait", "subshell-exit3", "kill-term-sleeping",
      "sigkill-child", "pipeline-sigpipe", "exec-errors", "double-fork-daemon", "zombie-reap",
      "sigchld-ign-echild", "sigprocmask-term", "fork-cow-faults", "py-mp-fork", "py-mp-spawn"};

  static String trace(String workload) {
    return resource("/strace/" + workload + "/trace.strace");
  }

  static String truth(String workload) {
    return resource("/strace/" + workload + "/ground-truth.json");
  }

  static ImportResult imported(String workload) {
    return StraceImporter.importLog(workload + "/trace.strace", trace(workload));
  }

  static Expectations truthOf(String workload, ImportResult r) {
    return GroundTruth.read(workload + "/ground-truth.json", truth(workload), r.tree());
  }

  private static String resource(String path) {
    try (InputStream in = Corpus.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
