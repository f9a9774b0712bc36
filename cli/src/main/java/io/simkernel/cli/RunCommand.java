package io.simkernel.cli;

import io.simkernel.api.run.RunResult;
import io.simkernel.api.run.StopReason;
import io.simkernel.api.scenario.Scenario;
import io.simkernel.kernel.Kernel;
import io.simkernel.kernel.KernelOptions;
import io.simkernel.kernel.asm.ScenarioException;
import io.simkernel.kernel.asm.ScenarioParser;
import io.simkernel.traces.format.TraceFiles;
import io.simkernel.traces.format.TraceHeader;
import io.simkernel.traces.format.TraceWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code simkernel run FILE.sks [--seed N] [--trace FILE] [--report FILE] [--quiet]}. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Runs a scenario and reports how its processes ended.",
        "Standard output and standard error carry exactly the bytes the simulated processes",
        "write to fd 1 and fd 2; a report follows on standard error."})
final class RunCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE.sks", description = "the scenario to run")
  Path file;

  @Option(names = "--seed", paramLabel = "N", description = "override the scenario's seed")
  Long seed;

  @Option(names = "-D", paramLabel = "NAME=VALUE",
      description = "set a parameter the scenario declares with `param NAME=DEFAULT` (repeatable)")
  java.util.List<String> defines = new java.util.ArrayList<>();

  @Option(names = "--trace", paramLabel = "FILE", description = "write every kernel event to FILE: JSON Lines, or the compact binary form when FILE ends in .sktrace")
  Path trace;

  @Option(names = "--report", paramLabel = "FILE", description = "write the report to FILE instead of standard error")
  Path report;

  @Option(names = "--quiet", description = "no report")
  boolean quiet;

  @Option(names = "--checked", description = "check every kernel invariant after every event (slower)")
  boolean checked;

  @Option(names = "--profile", description = "add where the wall time went (interpreter, system calls, memory, signals, tracing, event loop) to the report; the run itself is unchanged")
  boolean profile;

  @Override
  public Integer call() throws IOException {
    Scenario scenario;
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      scenario = ScenarioParser.parse(file.toString(), text,
          io.simkernel.cli.sweep.Defines.single(defines));
    } catch (NoSuchFileException e) {
      System.err.println("simkernel: " + file + ": no such file");
      return Main.EXIT_TOOL_FAILED;
    } catch (java.nio.charset.MalformedInputException e) {
      System.err.println(file + ":1:1: error: the file is not UTF-8 text; expected a scenario (.sks)");
      return Main.EXIT_TOOL_FAILED;
    } catch (IOException e) {
      System.err.println("simkernel: cannot read " + file + ": " + e.getMessage());
      return Main.EXIT_TOOL_FAILED;
    } catch (ScenarioException e) {
      System.err.println(e.format());
      return Main.EXIT_TOOL_FAILED;
    } catch (IllegalArgumentException e) { // a malformed -D
      System.err.println("simkernel: " + e.getMessage());
      return Main.EXIT_TOOL_FAILED;
    }
    if (seed != null) {
      scenario = scenario.withConfig(scenario.config().withSeed(seed));
    }
    // raw bytes through System.out/err (PrintStream.write(byte[]) does no conversion)
    OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
    OutputStream err = new BufferedOutputStream(System.err, 1 << 12);
    KernelOptions options = KernelOptions.of(out, err).withChecked(checked);
    RunResult result;
    io.simkernel.kernel.Profiler profiler;
    TraceWriter writer = null;
    try {
      if (trace != null) {
        try {
          writer = TraceFiles.create(trace, TraceHeader.of(scenario, Main.version()));
        } catch (IOException e) {
          // before anything ran: a bad --trace path is the user's error, not the tool's
          System.err.println("simkernel: cannot write the trace " + trace + ": "
              + (e instanceof NoSuchFileException ? "no such directory" : e.getMessage()));
          return Main.EXIT_TOOL_FAILED;
        }
        options = options.withSink(writer);
      }
      Kernel kernel = Kernel.boot(scenario, options);
      profiler = profile ? kernel.enableProfiling() : null;
      result = kernel.run();
      out.flush();
      err.flush();
      if (writer != null) {
        writer.finish(result);
      }
    } finally {
      if (writer != null) {
        writer.close();
      }
    }
    writeReport(scenario, result, profiler);
    if (result.reason() == StopReason.INVARIANT_VIOLATION) {
      return Main.EXIT_TOOL_FAILED;
    }
    return result.shellStatus();
  }

  private void writeReport(Scenario scenario, RunResult result,
      io.simkernel.kernel.Profiler profiler) throws IOException {
    if (quiet && report == null && profiler == null) {
      return;
    }
    // --quiet --profile: the profile alone
    String text = quiet && report == null ? "" : Report.format(scenario, result);
    if (profiler != null) {
      text += profiler.format(result.events(), result.instructions());
    }
    if (report != null) {
      Files.writeString(report, text, StandardCharsets.UTF_8);
    } else {
      System.err.write(text.getBytes(StandardCharsets.UTF_8));
      System.err.flush();
    }
  }
}
