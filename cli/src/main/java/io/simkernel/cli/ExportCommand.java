package io.simkernel.cli;

import io.simkernel.traces.export.ExportFormat;
import io.simkernel.traces.format.TraceFiles;
import io.simkernel.traces.format.TraceFormatException;
import io.simkernel.traces.format.TraceReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code simkernel export --format chrome|html|ftrace|csv TRACE [-o FILE]}. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Converts a trace (JSON Lines or .sktrace) for other tools:",
        "  chrome  Chrome trace-event JSON, which Perfetto (ui.perfetto.dev) opens",
        "  html    a self-contained HTML timeline (no network needed)",
        "  ftrace  ftrace text lines in the Linux kernel's format",
        "  csv     one row per process: parent, command, lifetime, status, reaper, CPU time..."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"  0:The export was written.",
        "125:The trace is malformed or truncated, the output cannot be written, or a bad"
            + " command line."})
final class ExportCommand implements Callable<Integer> {
  @Option(names = {"-f", "--format"}, required = true, paramLabel = "FORMAT",
      converter = FormatConverter.class,
      description = "chrome, html, ftrace or csv")
  ExportFormat format;

  @Parameters(paramLabel = "TRACE", description = "the trace to export")
  Path trace;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "where to write (default: standard output); written atomically")
  Path output;

  @Override
  public Integer call() throws IOException {
    Path partial = null;
    try (TraceReader reader = TraceFiles.open(trace)) {
      if (output == null) {
        OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
        format.export(reader, out);
        out.flush();
        return 0;
      }
      try {
        partial = TraceFiles.createPartial(output);
      } catch (IOException e) {
        System.err.println("simkernel: cannot write " + output + ": "
            + (e instanceof NoSuchFileException ? "no such directory" : e.getMessage()));
        return Main.EXIT_TOOL_FAILED;
      }
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
        format.export(reader, out);
      }
      Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      partial = null;
      return 0;
    } catch (NoSuchFileException e) {
      System.err.println("simkernel: " + e.getFile() + ": no such file or directory");
      return Main.EXIT_TOOL_FAILED;
    } catch (TraceFormatException e) {
      System.err.println(e.getMessage());
      return Main.EXIT_TOOL_FAILED;
    } catch (IOException e) {
      System.err.println("simkernel: export failed: " + e.getMessage());
      return Main.EXIT_TOOL_FAILED;
    } finally {
      if (partial != null) {
        Files.deleteIfExists(partial);
      }
    }
  }

  /** Formats by their lower-case names, as the help lists them. */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<ExportFormat> {
    @Override
    public ExportFormat convert(String value) {
      for (ExportFormat f : ExportFormat.values()) {
        if (f.name().equalsIgnoreCase(value)) {
          return f;
        }
      }
      throw new picocli.CommandLine.TypeConversionException("unknown format '" + value
          + "'; expected chrome, html, ftrace or csv");
    }
  }
}
