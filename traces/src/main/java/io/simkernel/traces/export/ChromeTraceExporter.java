package io.simkernel.traces.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.simkernel.traces.format.TraceReader;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Chrome trace-event JSON, as Perfetto and {@code chrome://tracing} open it (the object form,
 * {@code displayTimeUnit} first): one process track per simulated process, named by PID and
 * image; a complete ({@code X}) slice per state interval (running, runnable, blocked with its
 * cause, stopped, zombie); thread-scoped instants for signals, execs, exits and reaping; flow
 * arrows parent to child at each fork and sender to receiver for each signal; a "processes"
 * counter (alive, zombies) on a "kernel" track, pid 0.
 *
 * <p>Times are in microseconds with three decimals, so nanoseconds survive. Slices on a track
 * never overlap (they come from one state machine), as Perfetto requires. A PID reused after
 * it was freed gets its own track, numbered PID + 10,000,000 x (incarnation - 1) — larger than
 * any PID the kernel allocates — and still named by its real PID.
 */
public final class ChromeTraceExporter {
  private static final JsonFactory JSON = JsonFactory.builder()
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
  static final int REUSE_STRIDE = 10_000_000;

  private ChromeTraceExporter() {}

  public static void export(TraceReader in, OutputStream out) throws IOException {
    write(Timeline.read(in, true), out);
  }

  static void write(Timeline tl, OutputStream out) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("displayTimeUnit", "ns");
      otherData(g, tl);
      g.writeArrayFieldStart("traceEvents");
      Map<Integer, Integer> tracks = chromePids(tl);
      meta(g, "process_name", 0, "kernel");
      for (Task t : tl.tasks().all()) {
        int pid = tracks.get(t.index());
        meta(g, "process_name", pid, name(t));
        metaNumber(g, "process_sort_index", pid, t.index() + 1);
        meta(g, "thread_name", pid, t.comm());
        for (Task.Slice s : t.slices()) {
          slice(g, pid, s);
        }
        for (Task.Mark m : t.marks()) {
          instant(g, pid, m);
        }
      }
      for (Tasks.Flow f : tl.tasks().flows()) {
        flow(g, f, tracks);
      }
      for (Tasks.Count c : tl.tasks().counts()) {
        counter(g, c);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  /** "pid 3: /bin/zombie" — the track's name: the real PID and the (last) image. */
  static String name(Task t) {
    return "pid " + t.pid() + ": " + (t.image() != null ? t.image() : t.comm());
  }

  /** Track number per task index: its PID, or PID + stride x n for the n-th reuse. */
  static Map<Integer, Integer> chromePids(Timeline tl) {
    Map<Integer, Integer> seen = new HashMap<>();
    Map<Integer, Integer> tracks = new HashMap<>();
    for (Task t : tl.tasks().all()) {
      int n = seen.merge(t.pid(), 1, Integer::sum) - 1;
      tracks.put(t.index(), t.pid() + REUSE_STRIDE * n);
    }
    return tracks;
  }

  private static void otherData(JsonGenerator g, Timeline tl) throws IOException {
    g.writeObjectFieldStart("otherData");
    g.writeStringField("generator", "simkernel export --format chrome");
    g.writeStringField("simulator", tl.header().simulator());
    g.writeStringField("scenario", tl.header().scenario());
    g.writeNumberField("seed", tl.header().seed());
    g.writeStringField("config", tl.header().config());
    g.writeNumberField("events", tl.events());
    g.writeStringField("end", tl.end().toString());
    g.writeEndObject();
  }

  private static void meta(JsonGenerator g, String what, int pid, String name) throws IOException {
    g.writeStartObject();
    g.writeStringField("ph", "M");
    g.writeStringField("name", what);
    g.writeNumberField("pid", pid);
    g.writeNumberField("tid", pid);
    g.writeObjectFieldStart("args");
    g.writeStringField("name", name);
    g.writeEndObject();
    g.writeEndObject();
    g.writeRaw('\n');
  }

  private static void metaNumber(JsonGenerator g, String what, int pid, int v) throws IOException {
    g.writeStartObject();
    g.writeStringField("ph", "M");
    g.writeStringField("name", what);
    g.writeNumberField("pid", pid);
    g.writeNumberField("tid", pid);
    g.writeObjectFieldStart("args");
    g.writeNumberField("sort_index", v);
    g.writeEndObject();
    g.writeEndObject();
    g.writeRaw('\n');
  }

  private static void slice(JsonGenerator g, int pid, Task.Slice s) throws IOException {
    g.writeStartObject();
    g.writeStringField("ph", "X");
    g.writeStringField("name", s.label());
    g.writeStringField("cat", "state");
    g.writeNumberField("pid", pid);
    g.writeNumberField("tid", pid);
    g.writeFieldName("ts");
    g.writeNumber(micros(s.startNs()));
    g.writeFieldName("dur");
    g.writeNumber(micros(s.endNs() - s.startNs()));
    g.writeObjectFieldStart("args");
    g.writeStringField("state", s.state().label());
    g.writeNumberField("start_ns", s.startNs());
    g.writeNumberField("end_ns", s.endNs());
    g.writeEndObject();
    g.writeEndObject();
    g.writeRaw('\n');
  }

  private static void instant(JsonGenerator g, int pid, Task.Mark m) throws IOException {
    g.writeStartObject();
    g.writeStringField("ph", "i");
    g.writeStringField("s", "t");
    g.writeStringField("name", m.name());
    g.writeStringField("cat", m.category());
    g.writeNumberField("pid", pid);
    g.writeNumberField("tid", pid);
    g.writeFieldName("ts");
    g.writeNumber(micros(m.timeNs()));
    g.writeObjectFieldStart("args");
    g.writeNumberField("time_ns", m.timeNs());
    if (!m.detail().isEmpty()) {
      g.writeStringField("detail", m.detail());
    }
    g.writeEndObject();
    g.writeEndObject();
    g.writeRaw('\n');
  }

  /** A v1 flow: {@code s} on the source's track, {@code f} bound to the enclosing slice. */
  private static void flow(JsonGenerator g, Tasks.Flow f, Map<Integer, Integer> tracks)
      throws IOException {
    flowEnd(g, "s", f, tracks.get(f.from().index()), f.fromNs());
    flowEnd(g, "f", f, tracks.get(f.to().index()), f.toNs());
  }

  private static void flowEnd(JsonGenerator g, String ph, Tasks.Flow f, int pid, long ns)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("ph", ph);
    if (ph.equals("f")) {
      g.writeStringField("bp", "e");
    }
    g.writeNumberField("id", f.id());
    g.writeStringField("name", f.name());
    g.writeStringField("cat", f.category());
    g.writeNumberField("pid", pid);
    g.writeNumberField("tid", pid);
    g.writeFieldName("ts");
    g.writeNumber(micros(ns));
    g.writeEndObject();
    g.writeRaw('\n');
  }

  private static void counter(JsonGenerator g, Tasks.Count c) throws IOException {
    g.writeStartObject();
    g.writeStringField("ph", "C");
    g.writeStringField("name", "processes");
    g.writeNumberField("pid", 0);
    g.writeNumberField("tid", 0);
    g.writeFieldName("ts");
    g.writeNumber(micros(c.timeNs()));
    g.writeObjectFieldStart("args");
    g.writeNumberField("alive", c.alive());
    g.writeNumberField("zombies", c.zombies());
    g.writeEndObject();
    g.writeEndObject();
    g.writeRaw('\n');
  }

  /** Nanoseconds as microseconds with exactly three decimals (no floating point rounding). */
  static String micros(long ns) {
    long us = ns / 1000;
    int frac = (int) (ns % 1000);
    return us + "." + (frac < 10 ? "00" : frac < 100 ? "0" : "") + frac;
  }
}
