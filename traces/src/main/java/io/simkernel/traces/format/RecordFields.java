package io.simkernel.traces.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import io.simkernel.api.trace.EventKind;
import io.simkernel.api.trace.TraceEvent;
import io.simkernel.api.trace.TraceHash;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One JSON record of a trace — header, event or end — read field by field from a streaming
 * parser into reusable slots, then checked against what that record must and may hold. Shared
 * by the JSON Lines reader (every record) and the binary reader (its header and end records are
 * JSON objects), so both accept and reject exactly the same things, with the same messages.
 *
 * <p>Which record it is follows from its fields: {@code format} makes a header, {@code end} an
 * end record, anything else an event. A field twice, a field of the wrong type, a field that
 * does not belong to the record, or a missing one is an error naming the field.
 */
final class RecordFields {
  enum Kind { HEADER, EVENT, END }

  // one bit per field, in NAMES order
  private static final String[] NAMES = {"format", "version", "simulator", "scenario",
      "scenario_sha256", "seed", "config", "scenario_text", "seq", "t", "cpu", "ev", "pid", "a",
      "b", "c", "text", "hash", "end", "detail", "events", "main_status"};
  private static final int FORMAT = 1, VERSION = 1 << 1, SIMULATOR = 1 << 2, SCENARIO = 1 << 3;
  private static final int SHA = 1 << 4, SEED = 1 << 5, CONFIG = 1 << 6, SCENARIO_TEXT = 1 << 7;
  private static final int SEQ = 1 << 8, T = 1 << 9, CPU = 1 << 10, EV = 1 << 11, PID = 1 << 12;
  private static final int A = 1 << 13, B = 1 << 14, C = 1 << 15, TEXT = 1 << 16, HASH = 1 << 17;
  private static final int END = 1 << 18, DETAIL = 1 << 19, EVENTS = 1 << 20, MAIN = 1 << 21;

  private static final int HEADER_REQUIRED =
      FORMAT | VERSION | SIMULATOR | SCENARIO | SHA | SEED | CONFIG;
  private static final int EVENT_REQUIRED = SEQ | T | CPU | EV | PID | A | B | C | HASH;
  private static final int END_REQUIRED = END | DETAIL | EVENTS | T | HASH | MAIN;

  /** Tracepoint name to kind: looked up, never iterated. */
  private static final Map<String, EventKind> KINDS = new HashMap<>();

  static {
    for (EventKind k : EventKind.values()) {
      KINDS.put(k.tracepoint(), k);
    }
  }

  private final Function<String, TraceFormatException> error;
  private int seen;
  private long version;
  private long seed;
  private long seq;
  private long t;
  private long cpu;
  private long pid;
  private long a;
  private long b;
  private long c;
  private long hash;
  private long events;
  private long main;
  private String format;
  private String simulator;
  private String scenario;
  private String sha;
  private String config;
  private String scenarioText;
  private String ev;
  private String text;
  private String end;
  private String detail;

  /** {@code error} turns a message into an exception that names the file and position. */
  RecordFields(Function<String, TraceFormatException> error) {
    this.error = error;
  }

  /** Reads the object whose START_OBJECT the parser has just returned, up to its END_OBJECT. */
  void read(JsonParser p) throws IOException {
    seen = 0;
    text = null;
    scenarioText = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken v = p.nextToken();
      switch (f) {
        case "seq" -> seq = number(p, v, SEQ);
        case "t" -> t = number(p, v, T);
        case "cpu" -> cpu = number(p, v, CPU);
        case "ev" -> ev = string(p, v, EV);
        case "pid" -> pid = number(p, v, PID);
        case "a" -> a = number(p, v, A);
        case "b" -> b = number(p, v, B);
        case "c" -> c = number(p, v, C);
        case "text" -> text = string(p, v, TEXT);
        case "hash" -> hash = hex(p, v, HASH);
        case "end" -> end = string(p, v, END);
        case "detail" -> detail = string(p, v, DETAIL);
        case "events" -> events = number(p, v, EVENTS);
        case "main_status" -> main = number(p, v, MAIN);
        case "format" -> format = string(p, v, FORMAT);
        case "version" -> version = number(p, v, VERSION);
        case "simulator" -> simulator = string(p, v, SIMULATOR);
        case "scenario" -> scenario = string(p, v, SCENARIO);
        case "scenario_sha256" -> sha = string(p, v, SHA);
        case "seed" -> seed = number(p, v, SEED);
        case "config" -> config = string(p, v, CONFIG);
        case "scenario_text" -> scenarioText = string(p, v, SCENARIO_TEXT);
        default -> throw error.apply("unknown field \"" + f + "\"");
      }
    }
  }

  Kind kind() {
    return (seen & FORMAT) != 0 ? Kind.HEADER : (seen & END) != 0 ? Kind.END : Kind.EVENT;
  }

  private void mark(int bit) throws TraceFormatException {
    if ((seen & bit) != 0) {
      throw error.apply("field \"" + name(bit) + "\" appears twice");
    }
    seen |= bit;
  }

  private long number(JsonParser p, JsonToken v, int bit) throws IOException {
    mark(bit);
    if (v != JsonToken.VALUE_NUMBER_INT) {
      throw error.apply("field \"" + name(bit) + "\" must be an integer, not " + describe(p, v));
    }
    try {
      return p.getLongValue();
    } catch (InputCoercionException x) {
      throw error.apply("field \"" + name(bit) + "\" is out of range: " + p.getText());
    }
  }

  private String string(JsonParser p, JsonToken v, int bit) throws IOException {
    mark(bit);
    if (v != JsonToken.VALUE_STRING) {
      throw error.apply("field \"" + name(bit) + "\" must be a string, not " + describe(p, v));
    }
    return p.getText();
  }

  private long hex(JsonParser p, JsonToken v, int bit) throws IOException {
    String s = string(p, v, bit);
    try {
      return Hex.parse(s);
    } catch (NumberFormatException x) {
      throw error.apply("field \"" + name(bit) + "\" must be 16 hex digits, not \"" + s + "\"");
    }
  }

  private static String describe(JsonParser p, JsonToken v) throws IOException {
    return switch (v) {
      case VALUE_STRING -> "the string \"" + p.getText() + "\"";
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_NULL -> "null";
      default -> p.getText();
    };
  }

  private static String name(int bit) {
    return NAMES[Integer.numberOfTrailingZeros(bit)];
  }

  private void expect(int required, int allowed, String what) throws TraceFormatException {
    int missing = required & ~seen;
    if (missing != 0) {
      throw error.apply(what + " lacks field \"" + name(Integer.lowestOneBit(missing)) + "\"");
    }
    int extra = seen & ~allowed;
    if (extra != 0) {
      throw error.apply("field \"" + name(Integer.lowestOneBit(extra)) + "\" does not belong in "
          + what);
    }
  }

  TraceHeader header() throws TraceFormatException {
    if (!TraceHeader.FORMAT.equals(format)) {
      throw error.apply("not a simkernel trace: format is \"" + format + "\"; expected \""
          + TraceHeader.FORMAT + "\"");
    }
    expect(HEADER_REQUIRED, HEADER_REQUIRED | SCENARIO_TEXT, "the header");
    if (version > TraceHeader.VERSION) {
      throw error.apply("trace format version " + version + " is newer than this simkernel reads"
          + " (" + TraceHeader.OLDEST_READABLE + " to " + TraceHeader.VERSION + ")");
    }
    if (version < TraceHeader.OLDEST_READABLE) {
      throw error.apply("trace format version " + version + " does not exist");
    }
    if (version >= 2 && scenarioText == null) {
      throw error.apply("the header lacks field \"scenario_text\" (required from version 2)");
    }
    return new TraceHeader((int) version, simulator, scenario, sha, seed, config, scenarioText);
  }

  TraceEvent event() throws TraceFormatException {
    expect(EVENT_REQUIRED, EVENT_REQUIRED | TEXT, "an event");
    EventKind kind = KINDS.get(ev);
    if (kind == null) {
      throw error.apply("unknown event \"" + ev + "\"; expected a tracepoint name such as"
          + " sched_process_fork (docs/trace-format.md lists them)");
    }
    if (cpu != (int) cpu || pid != (int) pid) {
      throw error.apply("field \"" + (cpu != (int) cpu ? "cpu" : "pid") + "\" is out of range");
    }
    return new TraceEvent(seq, t, (int) cpu, kind, (int) pid, a, b, c, text, hash);
  }

  TraceEnd end() throws TraceFormatException {
    expect(END_REQUIRED, END_REQUIRED, "the end record");
    if (main != (int) main) {
      throw error.apply("field \"main_status\" is out of range");
    }
    return new TraceEnd(end, detail, events, t, hash, (int) main);
  }

  /**
   * What is wrong with an event that follows {@code count} events, the last at {@code lastTime}
   * — or null: the checks every reader makes, whatever the encoding.
   */
  static String checkEvent(TraceEvent e, long count, long lastTime) {
    if (e.seq() != count) {
      return "event number (seq) " + e.seq() + " out of sequence; expected " + count;
    }
    if (e.timeNs() < lastTime) {
      return "event #" + e.seq() + " at " + e.timeNs() + " ns goes back in time (the previous"
          + " event was at " + lastTime + " ns)";
    }
    if (e.cpu() < -1) {
      return "event #" + e.seq() + " has cpu " + e.cpu() + "; expected -1 or a CPU number";
    }
    if (e.pid() < 0) {
      return "event #" + e.seq() + " has pid " + e.pid() + "; expected 0 or more";
    }
    return null;
  }

  /** What is wrong with an end record after {@code count} events (or null). */
  static String checkEnd(TraceEnd end, long count, long lastHash, long lastTime) {
    if (end.events() != count) {
      return "the end record counts " + end.events() + " events, but the trace holds " + count;
    }
    if (end.hash() != lastHash) {
      return "the end record's hash " + Hex.of(end.hash()) + " differs from the events' ("
          + Hex.of(lastHash) + "): the file is corrupt";
    }
    if (end.timeNs() < lastTime) {
      return "the end record's time " + end.timeNs() + " ns is before the last event's";
    }
    return null;
  }

  /** The hash of an empty run, for {@link #checkEnd} when there are no events. */
  static long emptyHash() {
    return TraceHash.SEED;
  }
}
