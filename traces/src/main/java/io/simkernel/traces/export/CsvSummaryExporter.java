package io.simkernel.traces.export;

import io.simkernel.api.WaitStatus;
import io.simkernel.traces.format.TraceReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One CSV row per process (RFC 4180: comma-separated, CRLF-free, fields quoted when they hold a
 * comma, a quote or a line break), in creation order, for spreadsheets and plotting scripts:
 * who it was, when it lived, how it ended, who reaped it and what it did. Times are virtual
 * nanoseconds; an empty field means "did not happen" (not exited, not freed, not reaped).
 */
public final class CsvSummaryExporter {
  /** The header row: the columns, in order (docs/exporters.md describes each). */
  public static final List<String> COLUMNS = List.of("pid", "ppid", "parent_at_start", "command",
      "image", "start_ns", "exit_ns", "freed_ns", "status", "status_text", "shell_status",
      "reaped_by", "cpu_ns", "forks", "execs", "signals_received", "signals_delivered",
      "page_faults", "writes", "bytes_written");

  private CsvSummaryExporter() {}

  public static void export(TraceReader in, OutputStream os) throws IOException {
    Timeline tl = Timeline.read(in, false);
    Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
    w.write(String.join(",", COLUMNS));
    w.write('\n');
    for (Task t : tl.tasks().all()) {
      w.write(row(t));
      w.write('\n');
    }
    w.flush();
  }

  static String row(Task t) {
    boolean ended = t.status() >= 0;
    String reaper = t.reapedBy() > 0 ? Integer.toString(t.reapedBy())
        : t.reapedBy() < 0 ? "auto" : "";
    String text = ended ? WaitStatus.describe(t.status()) : "alive (" + t.state().label() + ")";
    return String.join(",",
        Integer.toString(t.pid()),
        Integer.toString(t.ppid()),
        Integer.toString(t.firstPpid()),
        quote(t.comm()),
        quote(t.image() == null ? "" : t.image()),
        Long.toString(t.startNs()),
        t.exitNs() < 0 ? "" : Long.toString(t.exitNs()),
        t.freeNs() < 0 ? "" : Long.toString(t.freeNs()),
        ended ? Integer.toString(t.status()) : "",
        quote(text),
        ended ? Integer.toString(WaitStatus.shellStatus(t.status())) : "",
        reaper,
        Long.toString(t.cpuNs()),
        Integer.toString(t.forks()),
        Integer.toString(t.execs()),
        Integer.toString(t.signalsReceived()),
        Integer.toString(t.signalsDelivered()),
        Long.toString(t.faults()),
        Long.toString(t.writes()),
        Long.toString(t.bytesWritten()));
  }

  static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
