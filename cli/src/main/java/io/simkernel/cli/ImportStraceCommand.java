package io.simkernel.cli;

import io.simkernel.traces.strace.CheckReport;
import io.simkernel.traces.strace.Expectations;
import io.simkernel.traces.strace.GroundTruth;
import io.simkernel.traces.strace.ImportOptions;
import io.simkernel.traces.strace.ImportResult;
import io.simkernel.traces.strace.ReplayCheck;
import io.simkernel.traces.strace.StraceException;
import io.simkernel.traces.strace.StraceImporter;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code simkernel import-strace LOG [-o OUT.sks]} and
 * {@code simkernel import-strace --check LOG [--truth ground-truth.json]}: turns a real
 * {@code strace -f -tt -T} log into a scenario, and optionally replays it and compares the
 * simulated run with what really happened (docs/import-strace.md).
 */
@Command(name = "import-strace", mixinStandardHelpOptions = true,
    description = {"Turns an `strace -f -tt -T` log into a scenario that replays it.",
        "Without --check the scenario goes to OUT.sks, or to standard output.",
        "With --check it is run, and the simulated process tree, exit statuses,",
        "killing signals, signal deliveries and reaps are compared with the ground",
        "truth (or with the facts of the log itself): one line per fact, `match`",
        "or `MISMATCH ... expected ... got ...`. See docs/import-strace.md."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"  0:The scenario was written; with --check: every fact matches.",
        "  1:--check: some fact does not match (the report says which, and why).",
        "125:A malformed or truncated log or ground truth, or a bad command line."})
final class ImportStraceCommand implements Callable<Integer> {
  @Parameters(paramLabel = "LOG", description = "the strace output (strace -f -tt [-T] -o LOG)")
  Path log;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT.sks",
      description = "write the scenario to this file")
  Path output;

  @Option(names = "--check", description = "replay the scenario and compare it with what happened")
  boolean check;

  @Option(names = "--truth", paramLabel = "ground-truth.json",
      description = "with --check: the facts to compare with (default: derived from the log)")
  Path truth;

  @Option(names = "--cpus", paramLabel = "N", defaultValue = "2",
      description = "CPUs of the simulated machine (default: ${DEFAULT-VALUE})")
  int cpus;

  @Override
  public Integer call() throws IOException {
    if (truth != null && !check) {
      System.err.println("simkernel: import-strace: --truth needs --check");
      return Main.EXIT_TOOL_FAILED;
    }
    if (cpus < 1 || cpus > 256) {
      System.err.println("simkernel: import-strace: --cpus must be between 1 and 256");
      return Main.EXIT_TOOL_FAILED;
    }
    try {
      String text = read(log, StandardCharsets.ISO_8859_1);
      if (text == null) {
        return Main.EXIT_TOOL_FAILED;
      }
      ImportResult imported = StraceImporter.importLog(log.toString(), text,
          ImportOptions.defaults().withCpus(cpus));
      if (output != null) {
        Files.writeString(output, imported.text(), StandardCharsets.UTF_8);
      } else if (!check) {
        System.out.print(imported.text());
      }
      if (!check) {
        return 0;
      }
      return check(imported);
    } catch (StraceException e) {
      System.err.println(e.format());
      return Main.EXIT_TOOL_FAILED;
    }
  }

  private int check(ImportResult imported) throws IOException {
    String name = output != null ? output.toString() : log + ".sks";
    CheckReport report;
    if (truth != null) {
      String json = read(truth, StandardCharsets.UTF_8);
      if (json == null) {
        return Main.EXIT_TOOL_FAILED;
      }
      Expectations facts = GroundTruth.read(truth.toString(), json, imported.tree());
      report = ReplayCheck.check(imported, facts, name);
    } else {
      report = ReplayCheck.check(imported, name);
    }
    System.out.print(report.format());
    System.out.flush();
    return report.exitCode();
  }

  /**
   * The file's text, or null after a message. A log is read as Latin-1, which never fails:
   * strace escapes every byte it does not print, and a stray byte is then a parse error with a
   * line number, not a decoding crash.
   */
  private static String read(Path file, Charset charset) {
    try {
      return Files.readString(file, charset);
    } catch (NoSuchFileException e) {
      System.err.println("simkernel: " + file + ": no such file");
      return null;
    } catch (IOException e) {
      System.err.println("simkernel: cannot read " + file + ": " + e.getMessage());
      return null;
    }
  }
}
