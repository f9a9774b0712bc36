package io.simkernel.traces.replay;

import io.simkernel.api.trace.TraceEvent;
import io.simkernel.traces.format.Hex;
import io.simkernel.traces.format.TraceEnd;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a replay found: every event matched, or where the re-run first went another way. */
public sealed interface ReplayResult {

  /** The text {@code simkernel replay} prints. */
  String report();

  /**
   * Every event and the end record matched.
   *
   * @param events how many events matched
   * @param end the (equal) end record
   */
  record Match(long events, TraceEnd end) implements ReplayResult {
    @Override
    public String report() {
      return "replay: " + events + " events match, hash " + Hex.of(end.hash()) + " (" + end.reason()
          + ")\n";
    }
  }

  /**
   * The first difference. At an event, both {@code recorded} and {@code replayed} are set, or
   * one is null when that side had already ended; when every event matched but the runs ended
   * differently, both are null and the end records differ.
   *
   * @param index the event's position (the number of events that matched before it)
   * @param timeNs the virtual time of the difference
   * @param preceding up to the {@link Replayer#CONTEXT} events before it (equal on both sides)
   * @param recordedEnd the trace's end record, when the difference is at the end
   * @param replayedEnd the re-run's end record, when the difference is at the end
   * @param versions who recorded and who replayed, when they differ (else "")
   */
  record Divergence(long index, long timeNs, TraceEvent recorded, TraceEvent replayed,
      List<TraceEvent> preceding, TraceEnd recordedEnd, TraceEnd replayedEnd, String versions)
      implements ReplayResult {
    public Divergence {
      preceding = List.copyOf(preceding);
    }

    @Override
    public String report() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "replay: divergence at event %d, virtual time %d ns"
          + " (%.6f ms)%n", index, timeNs, timeNs / 1e6));
      if (recorded == null && replayed == null) {
        sb.append("  every event matched, but the runs ended differently:\n");
        sb.append("  recorded: ").append(recordedEnd).append('\n');
        sb.append("  replayed: ").append(replayedEnd).append('\n');
      } else {
        sb.append("  recorded: ").append(recorded == null ? "(the trace ends here: " + recordedEnd
            + ")" : describe(recorded)).append('\n');
        sb.append("  replayed: ").append(replayed == null ? "(the re-run ended here: " + replayedEnd
            + ")" : describe(replayed)).append('\n');
        if (recorded != null && replayed != null) {
          sb.append("  differs in: ").append(String.join(", ", differences(recorded, replayed)))
              .append('\n');
        }
      }
      sb.append(preceding.isEmpty() ? "  no events before it\n"
          : "  the " + preceding.size() + " events before it (equal in both):\n");
      for (TraceEvent e : preceding) {
        sb.append("    ").append(describe(e)).append('\n');
      }
      if (!versions.isEmpty()) {
        sb.append("  ").append(versions).append('\n');
      }
      return sb.toString();
    }
  }

  /** One event on one line, every field shown (a reader compares them by eye). */
  static String describe(TraceEvent e) {
    return "#" + e.seq() + " t=" + e.timeNs() + "ns cpu=" + e.cpu() + " " + e.kind().tracepoint()
        + " pid=" + e.pid() + " a=" + e.a() + " b=" + e.b() + " c=" + e.c()
        + (e.text() == null ? "" : " text=\"" + e.text() + "\"") + " hash=" + Hex.of(e.hash());
  }

  /** The names of the fields in which two events differ, in the trace's field order. */
  static List<String> differences(TraceEvent x, TraceEvent y) {
    List<String> d = new ArrayList<>();
    add(d, "seq", x.seq() != y.seq());
    add(d, "t", x.timeNs() != y.timeNs());
    add(d, "cpu", x.cpu() != y.cpu());
    add(d, "ev", x.kind() != y.kind());
    add(d, "pid", x.pid() != y.pid());
    add(d, "a", x.a() != y.a());
    add(d, "b", x.b() != y.b());
    add(d, "c", x.c() != y.c());
    add(d, "text", !java.util.Objects.equals(x.text(), y.text()));
    add(d, "hash", x.hash() != y.hash());
    return d;
  }

  private static void add(List<String> d, String field, boolean differs) {
    if (differs) {
      d.add(field);
    }
  }
}
