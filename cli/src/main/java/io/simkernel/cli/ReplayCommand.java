package io.simkernel.cli;

import io.simkernel.traces.format.TraceFiles;
import io.simkernel.traces.format.TraceFormatException;
import io.simkernel.traces.format.TraceReader;
import io.simkernel.traces.replay.ReplayResult;
import io.simkernel.traces.replay.Replayer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code simkernel replay TRACE [--checked]}: re-runs a trace and reports the first divergence. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Re-runs a recorded trace (JSON Lines or .sktrace) — its embedded scenario, with"
        + " the recorded seed and configuration — and compares the run with it event by event.%n",
        "Prints `replay: N events match, hash H` and exits 0, or shows the first divergence (the"
            + " event on both sides and the events before it) and exits 1."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"  0:Every event and the end record match.",
        "  1:The re-run diverged from the trace.",
        "125:The trace is malformed, truncated or cannot be replayed; or a bad command line."})
final class ReplayCommand implements Callable<Integer> {
  @Parameters(paramLabel = "TRACE", description = "the trace to replay")
  Path trace;

  @Option(names = "--checked", description = "check every kernel invariant after every event")
  boolean checked;

  @Override
  public Integer call() throws IOException {
    ReplayResult result;
    try (TraceReader reader = TraceFiles.open(trace)) {
      result = Replayer.replay(reader, checked, Main.version());
    } catch (NoSuchFileException e) {
      System.err.println("simkernel: " + trace + ": no such file");
      return Main.EXIT_TOOL_FAILED;
    } catch (TraceFormatException e) {
      System.err.println(e.getMessage());
      return Main.EXIT_TOOL_FAILED;
    } catch (IOException e) {
      System.err.println("simkernel: cannot read " + trace + ": " + e.getMessage());
      return Main.EXIT_TOOL_FAILED;
    }
    System.out.write(result.report().getBytes(StandardCharsets.UTF_8));
    System.out.flush();
    return result instanceof ReplayResult.Match ? 0 : 1;
  }
}
