package io.simkernel.traces.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.simkernel.traces.format.TraceReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A self-contained HTML page with the same timeline as the Chrome export: one row per process
 * with its state slices, marks for signals and lifecycle events, arrows for forks and signals,
 * and the process counts — drawn as SVG by a script inlined in the page, with its data inlined
 * as JSON. No network, no external file: the page works when mailed or opened from disk.
 *
 * <p>The page is {@code timeline.html} (a resource beside this class) with two holes: the title
 * and the data. The data is JSON inside a {@code <script type="application/json">} element; every
 * {@code <} in it is escaped (as the JSON escape for U+003C), so no text in a trace can close
 * the element.
 */
public final class HtmlTimelineExporter {
  private static final JsonFactory JSON = new JsonFactory();

  private HtmlTimelineExporter() {}

  public static void export(TraceReader in, OutputStream out) throws IOException {
    Timeline tl = Timeline.read(in, true);
    String page = fill(template(), escapeHtml("simkernel timeline: " + tl.header().scenario()),
        data(tl).replace("<", "\\u003c"));
    out.write(page.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Fills both holes at once, so text in one can never be taken for the other hole. */
  static String fill(String template, String title, String data) {
    int t = template.indexOf("@@TITLE@@");
    int d = template.indexOf("@@DATA@@");
    if (t < 0 || d < t) {
      throw new IllegalStateException("timeline.html lacks its @@TITLE@@ and @@DATA@@ holes");
    }
    return template.substring(0, t) + title + template.substring(t + 9, d) + data
        + template.substring(d + 8);
  }

  private static String template() {
    try (InputStream in = HtmlTimelineExporter.class.getResourceAsStream("timeline.html")) {
      if (in == null) {
        throw new IllegalStateException("timeline.html is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The timeline as the page's script reads it (times in ns; see timeline.html). */
  static String data(Timeline tl) throws IOException {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("scenario", tl.header().scenario());
      g.writeStringField("simulator", tl.header().simulator());
      g.writeNumberField("seed", tl.header().seed());
      g.writeStringField("config", tl.header().config());
      g.writeNumberField("events", tl.events());
      g.writeStringField("end", tl.end().toString());
      g.writeNumberField("endNs", tl.end().timeNs());
      g.writeArrayFieldStart("states");
      for (TaskState s : TaskState.values()) {
        g.writeStartObject();
        g.writeStringField("name", s.label());
        g.writeStringField("color", s.color());
        g.writeEndObject();
      }
      g.writeEndArray();
      tasks(g, tl);
      flows(g, tl);
      g.writeArrayFieldStart("counts");
      for (Tasks.Count c : tl.tasks().counts()) {
        g.writeArray(new long[] {c.timeNs(), c.alive(), c.zombies()}, 0, 3);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return w.toString();
  }

  private static void tasks(JsonGenerator g, Timeline tl) throws IOException {
    g.writeArrayFieldStart("tasks");
    for (Task t : tl.tasks().all()) {
      g.writeStartObject();
      g.writeNumberField("pid", t.pid());
      g.writeNumberField("ppid", t.ppid());
      g.writeStringField("name", ChromeTraceExporter.name(t));
      g.writeArrayFieldStart("slices");
      for (Task.Slice s : t.slices()) {
        g.writeStartArray();
        g.writeNumber(s.startNs());
        g.writeNumber(s.endNs());
        g.writeNumber(s.state().ordinal());
        g.writeString(s.label());
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("marks");
      for (Task.Mark m : t.marks()) {
        g.writeStartArray();
        g.writeNumber(m.timeNs());
        g.writeString(m.category());
        g.writeString(m.name());
        g.writeString(m.detail());
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void flows(JsonGenerator g, Timeline tl) throws IOException {
    g.writeArrayFieldStart("flows");
    for (Tasks.Flow f : tl.tasks().flows()) {
      g.writeStartArray();
      g.writeNumber(f.from().index());
      g.writeNumber(f.fromNs());
      g.writeNumber(f.to().index());
      g.writeNumber(f.toNs());
      g.writeString(f.category());
      g.writeString(f.name());
      g.writeEndArray();
    }
    g.writeEndArray();
  }

  static String escapeHtml(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
