package io.simkernel.cli.sweep;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts of a results CSV with XChart: one line per value of the series column, each point the
 * mean of the rows sharing that x (and series) value — the seeds of a sweep, and any other
 * parameter left free — with an error bar of one standard deviation of those rows. SVG (through
 * VectorGraphics2D) for documents, PNG for everything else.
 */
public final class Plot {
  /**
   * What to draw.
   *
   * @param series the column that splits rows into lines, or null for one line
   * @param where {@code name=value} filters every row must pass
   * @param yScale what y values are divided by (1000 for µs from ns columns)
   * @param yUnit the unit's name for the axis title, or null
   */
  public record Spec(List<Path> csvs, String x, String y, String series, Map<String, String> where,
      double yScale, String yUnit, String title, boolean logX, boolean logY, int width,
      int height) {}

  /** One line of the chart: x values ascending, their means and standard deviations. */
  public record Line(String name, double[] x, double[] mean, double[] sd, int[] n) {}

  private Plot() {}

  /**
   * Reads the CSV files and groups their rows into lines. Several files are read as one table
   * (each by its own header), so that measurements from elsewhere — real Linux, say — can be
   * drawn beside a sweep's.
   *
   * @throws IllegalArgumentException for a missing column, a non-numeric x or y, or no rows
   */
  public static List<Line> lines(Spec s) throws IOException {
    // series → x → y values; TreeMaps so that lines and points come out in a stable order
    TreeMap<String, TreeMap<Double, List<Double>>> groups = new TreeMap<>(Point.VALUE_ORDER);
    for (Path csv : s.csvs()) {
      read(s, csv, groups);
    }
    if (groups.isEmpty()) {
      throw new IllegalArgumentException(String.join(", ", s.csvs().stream().map(Path::toString)
          .toList()) + ": no row has a value for " + s.y() + (s.where().isEmpty() ? ""
          : " and passes --where") + "; expected at least one");
    }
    List<Line> out = new ArrayList<>();
    groups.forEach((name, byX) -> out.add(line(name, byX)));
    return out;
  }

  private static void read(Spec s, Path csv, TreeMap<String, TreeMap<Double, List<Double>>> groups)
      throws IOException {
    List<List<String>> records;
    try {
      records = Csv.parse(Files.readString(csv, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(csv + ": " + e.getMessage());
    }
    if (records.isEmpty()) {
      throw new IllegalArgumentException(csv + ": empty; expected a header line");
    }
    List<String> header = records.get(0);
    int xi = column(csv, header, s.x(), "--x");
    int yi = column(csv, header, s.y(), "--y");
    int si = s.series() == null ? -1 : column(csv, header, s.series(), "--series");
    Map<Integer, String> filters = new TreeMap<>();
    s.where().forEach((k, v) -> filters.put(column(csv, header, k, "--where"), v));
    for (int i = 1; i < records.size(); i++) {
      List<String> r = records.get(i);
      if (r.size() != header.size() || !passes(r, filters)) {
        continue;
      }
      String y = r.get(yi);
      if (y.isEmpty()) {
        continue; // a metric this run did not record
      }
      double xv = number(csv, i + 1, s.x(), r.get(xi));
      double yv = number(csv, i + 1, s.y(), y) / s.yScale();
      groups.computeIfAbsent(si < 0 ? s.y() : r.get(si), k -> new TreeMap<>())
          .computeIfAbsent(xv, k -> new ArrayList<>()).add(yv);
    }
  }

  private static boolean passes(List<String> r, Map<Integer, String> filters) {
    for (Map.Entry<Integer, String> f : filters.entrySet()) {
      if (!r.get(f.getKey()).equals(f.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static Line line(String name, TreeMap<Double, List<Double>> byX) {
    int n = byX.size();
    double[] x = new double[n];
    double[] mean = new double[n];
    double[] sd = new double[n];
    int[] count = new int[n];
    int i = 0;
    for (Map.Entry<Double, List<Double>> e : byX.entrySet()) {
      List<Double> v = e.getValue();
      double sum = 0;
      for (double d : v) {
        sum += d;
      }
      double m = sum / v.size();
      double sq = 0;
      for (double d : v) {
        sq += (d - m) * (d - m);
      }
      x[i] = e.getKey();
      mean[i] = m;
      sd[i] = v.size() > 1 ? Math.sqrt(sq / (v.size() - 1)) : 0; // sample standard deviation
      count[i] = v.size();
      i++;
    }
    return new Line(name, x, mean, sd, count);
  }

  private static int column(Path csv, List<String> header, String name, String option) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException(option + " " + name + ": " + csv + " has no such"
          + " column; expected one of " + String.join(", ", header));
    }
    return i;
  }

  private static double number(Path csv, int line, String col, String v) {
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(csv + ":" + line + ": `" + v + "` in column " + col
          + " is not a number; expected numbers on the axes (use --series for words)");
    }
  }

  /** Builds the chart. */
  public static XYChart chart(Spec s, List<Line> lines) {
    String yTitle = s.yUnit() == null ? s.y() : s.y() + " (" + s.yUnit() + ")";
    String title = s.title() != null ? s.title() : s.y() + " against " + s.x()
        + (s.series() == null ? "" : ", by " + s.series());
    XYChart chart = new XYChartBuilder().width(s.width()).height(s.height()).title(title)
        .xAxisTitle(s.x()).yAxisTitle(yTitle).build();
    XYStyler st = chart.getStyler();
    st.setLegendPosition(Styler.LegendPosition.InsideNW);
    st.setLegendVisible(s.series() != null);
    st.setXAxisLogarithmic(s.logX());
    st.setYAxisLogarithmic(s.logY());
    st.setErrorBarsColorSeriesColor(true);
    st.setMarkerSize(7);
    st.setLocale(Locale.ROOT); // tick labels must not depend on the host's language
    for (Line l : lines) {
      checkLogarithmic(s, l);
      XYSeries series = chart.addSeries(s.series() == null ? l.name() : s.series() + "="
          + l.name(), l.x(), l.mean(), l.sd());
      series.setMarker(SeriesMarkers.CIRCLE);
    }
    return chart;
  }

  /** A logarithmic axis has no place for 0, nor for an error bar reaching down to it. */
  private static void checkLogarithmic(Spec s, Line l) {
    for (int i = 0; i < l.x().length; i++) {
      if (s.logX() && l.x()[i] <= 0) {
        throw new IllegalArgumentException("--log-x: " + s.x() + " = " + l.x()[i] + " (line "
            + l.name() + ") is not positive; expected positive values on a logarithmic axis"
            + " (leave it out with --where, or drop --log-x)");
      }
      if (s.logY() && l.mean()[i] - l.sd()[i] <= 0) {
        throw new IllegalArgumentException("--log-y: " + s.y() + " at " + s.x() + " = "
            + l.x()[i] + " (line " + l.name() + ") reaches 0 or below with its error bar;"
            + " expected positive values on a logarithmic axis (drop --log-y)");
      }
    }
  }

  /**
   * Writes the chart as SVG or PNG, by the output's extension.
   *
   * @throws IllegalArgumentException for another extension
   */
  public static void write(XYChart chart, Path out) throws IOException {
    String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!name.endsWith(".svg") && !name.endsWith(".png")) {
      throw new IllegalArgumentException("-o " + out + ": unknown chart format; expected a file"
          + " name ending in .svg or .png");
    }
    Path tmp = ResultFiles.temporaryBeside(out);
    try {
      try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp,
          java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE))) {
        if (name.endsWith(".svg")) {
          VectorGraphicsEncoder.saveVectorGraphic(chart, os,
              VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } else {
          BitmapEncoder.saveBitmap(chart, os, BitmapEncoder.BitmapFormat.PNG);
        }
      }
      ResultFiles.moveInto(tmp, out);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
