package io.simkernel.cli;

import io.simkernel.cli.sweep.Defines;
import io.simkernel.cli.sweep.Plot;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code simkernel plot results.csv [more.csv...] --x mib --y fork_ns --series fork -o chart.svg}. */
@Command(name = "plot", mixinStandardHelpOptions = true,
    description = {"Draws a chart of a results CSV as SVG or PNG (XChart).",
        "Each point is the mean of the rows sharing its x and series values (the seeds),",
        "with an error bar of one standard deviation."})
final class PlotCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE.csv", arity = "1..*",
      description = "results of `simkernel sweep` (or any CSV with a header); several are read as"
          + " one table")
  List<Path> csvs;

  @Option(names = "--x", required = true, paramLabel = "COLUMN", description = "the x axis")
  String x;

  @Option(names = "--y", required = true, paramLabel = "COLUMN", description = "the y axis")
  String y;

  @Option(names = "--series", paramLabel = "COLUMN", description = "one line per value of it")
  String series;

  @Option(names = "--where", paramLabel = "COLUMN=VALUE",
      description = "only rows with that value (repeatable)")
  List<String> where = new ArrayList<>();

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.svg|FILE.png",
      description = "the chart; the format follows the extension")
  Path output;

  @Option(names = "--y-unit", paramLabel = "ns|us|ms|s",
      description = "show a nanosecond column in this unit")
  String yUnit;

  @Option(names = "--title", description = "the chart's title")
  String title;

  @Option(names = "--log-x", description = "logarithmic x axis")
  boolean logX;

  @Option(names = "--log-y", description = "logarithmic y axis")
  boolean logY;

  @Option(names = "--width", defaultValue = "800", description = "pixels (default: ${DEFAULT-VALUE})")
  int width;

  @Option(names = "--height", defaultValue = "500", description = "pixels (default: ${DEFAULT-VALUE})")
  int height;

  @Override
  public Integer call() throws IOException {
    System.setProperty("java.awt.headless", "true"); // charts are drawn off screen, servers too
    Plot.Spec s = spec();
    try {
      List<Plot.Line> lines = Plot.lines(s);
      Plot.write(Plot.chart(s, lines), output);
    } catch (NoSuchFileException e) {
      System.err.println("simkernel: " + e.getFile() + ": no such file");
      return Main.EXIT_TOOL_FAILED;
    } catch (IllegalArgumentException e) {
      System.err.println("simkernel: " + e.getMessage());
      return Main.EXIT_TOOL_FAILED;
    }
    return 0;
  }

  private Plot.Spec spec() {
    double scale = 1;
    if (yUnit != null) {
      scale = switch (yUnit) {
        case "ns" -> 1;
        case "us", "µs" -> 1e3;
        case "ms" -> 1e6;
        case "s" -> 1e9;
        default -> throw new CommandLine.ParameterException(spec.commandLine(), "--y-unit "
            + yUnit + ": expected ns, us, ms or s");
      };
    }
    if (width < 100 || height < 100 || width > 10_000 || height > 10_000) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--width and --height: expected"
          + " 100 to 10000 pixels");
    }
    Map<String, String> filters;
    try {
      filters = Defines.single(where);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage().replace("-D",
          "--where"));
    }
    String unit = yUnit == null ? null : yUnit.equals("us") ? "µs" : yUnit;
    return new Plot.Spec(csvs, x, y, series, filters, scale, unit, title, logX, logY, width,
        height);
  }
}
