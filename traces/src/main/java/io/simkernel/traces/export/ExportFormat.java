package io.simkernel.traces.export;

import io.simkernel.traces.format.TraceReader;
import java.io.IOException;
import java.io.OutputStream;

/** The formats {@code simkernel export} writes, each with its conventional file extension. */
public enum ExportFormat {
  /** Chrome trace-event JSON, for Perfetto ({@link ChromeTraceExporter}). */
  CHROME(".json"),
  /** A self-contained HTML timeline ({@link HtmlTimelineExporter}). */
  HTML(".html"),
  /** ftrace text lines ({@link FtraceExporter}). */
  FTRACE(".txt"),
  /** One CSV row per process ({@link CsvSummaryExporter}). */
  CSV(".csv");

  private final String extension;

  ExportFormat(String extension) {
    this.extension = extension;
  }

  public String extension() {
    return extension;
  }

  /** Reads {@code in} to its end and writes the export to {@code out} (not closed). */
  public void export(TraceReader in, OutputStream out) throws IOException {
    switch (this) {
      case CHROME -> ChromeTraceExporter.export(in, out);
      case HTML -> HtmlTimelineExporter.export(in, out);
      case FTRACE -> FtraceExporter.export(in, out);
      case CSV -> CsvSummaryExporter.export(in, out);
    }
  }
}
