package io.simkernel.cli.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.simkernel.api.run.MemoryStats;
import io.simkernel.api.run.RunResult;
import io.simkernel.api.run.StopReason;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One run's result: a row of the sweep's CSV and a line of its JSON Lines. Every cell is kept as
 * the text it is written as, so reading a result file and writing it again (resume, merge)
 * reproduces it byte for byte; the JSON {@link #detail()} carries what does not fit a table
 * (why the run ended, the event hash, every value of every metric, the command that reproduces
 * it).
 */
public final class Row implements Comparable<Row> {
  /** The columns after the parameters, in order. */
  public static final List<String> STATS = List.of("seed", "exit_status", "virtual_ns", "wall_ns",
      "events", "forks", "minor_faults", "cow_copies", "frames_peak", "zombies_max", "signals");
  /** The last columns: what identifies the run and the simulator that made it. */
  public static final List<String> PROVENANCE =
      List.of("rep", "simkernel_version", "scenario_sha256");
  /** A CSV column for a metric whose name is taken by a fixed column gets this prefix. */
  static final String METRIC_PREFIX = "metric.";
  /** The exit status of a run that simkernel itself failed, as {@code simkernel run} uses. */
  public static final int TOOL_FAILED = 125;

  private static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);

  private final Point point;
  private final long rep;
  private final List<String> stats;
  private final SortedMap<String, String> metrics;
  private final String version;
  private final String scenarioHash;
  private final ObjectNode detail;

  Row(Point point, long rep, List<String> stats, SortedMap<String, String> metrics,
      String version, String scenarioHash, ObjectNode detail) {
    if (stats.size() != STATS.size()) {
      throw new IllegalArgumentException("a row needs " + STATS.size() + " statistics");
    }
    this.point = point;
    this.rep = rep;
    this.stats = List.copyOf(stats);
    this.metrics = Collections.unmodifiableSortedMap(new TreeMap<>(metrics));
    this.version = version;
    this.scenarioHash = scenarioHash;
    this.detail = detail;
  }

  /** The row of a finished run. */
  static Row of(Task t, RunResult r, long zombiesMax, String version, String hash,
      String reproduce) {
    MemoryStats m = r.memory() == null ? MemoryStats.NONE : r.memory();
    int exit = r.reason() == StopReason.INVARIANT_VIOLATION ? TOOL_FAILED : r.shellStatus();
    List<String> stats = List.of(Long.toString(t.seed()), Integer.toString(exit),
        Long.toString(r.virtualNs()), Long.toString(r.wallNs()), Long.toString(r.events()),
        Long.toString(r.forks()), Long.toString(r.minorFaults()), Long.toString(m.cowCopies()),
        Long.toString(m.framesPeak()), Long.toString(zombiesMax),
        Long.toString(r.signalsGenerated()));
    SortedMap<String, String> means = new TreeMap<>();
    ObjectNode values = JSON.objectNode();
    for (Map.Entry<String, List<Long>> e : r.metrics().entrySet()) {
      means.put(e.getKey(), mean(e.getValue()));
      e.getValue().forEach(values.putArray(e.getKey())::add);
    }
    ObjectNode d = JSON.objectNode();
    d.put("reason", r.reason().name());
    d.put("detail", r.detail() == null ? "" : r.detail());
    d.put("main_pid", r.mainPid());
    d.put("main_status", r.mainStatus());
    d.put("event_hash", String.format(Locale.ROOT, "%016x", r.eventHash()));
    d.put("instructions", r.instructions());
    d.put("processes", r.processesCreated());
    d.put("execs", r.execs());
    d.put("zombies_left", r.zombies().size());
    d.set("metric_values", values);
    d.put("reproduce", reproduce);
    return new Row(t.point(), t.rep(), stats, means, version, hash, d);
  }

  /** The row of a run that failed inside simkernel: rerun by the next resume. */
  static Row failed(Task t, String error, String version, String hash, String reproduce) {
    List<String> stats = new ArrayList<>(Collections.nCopies(STATS.size(), "0"));
    stats.set(0, Long.toString(t.seed()));
    stats.set(1, Integer.toString(TOOL_FAILED));
    ObjectNode d = JSON.objectNode();
    d.put("reason", "INTERNAL_ERROR");
    d.put("detail", error);
    d.put("reproduce", reproduce);
    return new Row(t.point(), t.rep(), stats, new TreeMap<>(), version, hash, d);
  }

  /**
   * The mean of a metric's values, exactly to three decimals (half-even), without trailing
   * zeros: one value is written as it was recorded.
   */
  static String mean(List<Long> values) {
    if (values.isEmpty()) {
      return "";
    }
    BigInteger sum = BigInteger.ZERO;
    for (long v : values) {
      sum = sum.add(BigInteger.valueOf(v));
    }
    BigDecimal m = new BigDecimal(sum).divide(BigDecimal.valueOf(values.size()), 3,
        RoundingMode.HALF_EVEN);
    return canonical(m);
  }

  static String canonical(BigDecimal d) {
    return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
  }

  public Point point() {
    return point;
  }

  public long rep() {
    return rep;
  }

  /** The value of a column of {@link #STATS}. */
  public String stat(String column) {
    return stats.get(STATS.indexOf(column));
  }

  public long seed() {
    return Long.parseLong(stats.get(0));
  }

  public int exitStatus() {
    return Integer.parseInt(stats.get(1));
  }

  /** Metric name → the CSV text of its mean, by name. */
  public SortedMap<String, String> metrics() {
    return metrics;
  }

  public String version() {
    return version;
  }

  public String scenarioHash() {
    return scenarioHash;
  }

  /** The JSON detail, or null for a row read from a CSV file alone. */
  public ObjectNode detail() {
    return detail == null ? null : detail.deepCopy();
  }

  /** Its point and replicate: what a grid's {@link Task#key()} is. */
  public String key() {
    return point.describe() + " rep=" + rep;
  }

  /** Whether this row is the result of {@code t} made by this simulator and scenario. */
  boolean completes(Task t, String simVersion, String hash) {
    return exitStatus() != TOOL_FAILED && rep == t.rep() && point.equals(t.point())
        && seed() == t.seed() && version.equals(simVersion) && scenarioHash.equals(hash);
  }

  /** Equal results: every cell but {@code wall_ns}, which measures the host, not the run. */
  public boolean sameResultAs(Row o) {
    for (int i = 0; i < STATS.size(); i++) {
      if (!STATS.get(i).equals("wall_ns") && !stats.get(i).equals(o.stats.get(i))) {
        return false;
      }
    }
    return point.equals(o.point) && rep == o.rep && metrics.equals(o.metrics)
        && version.equals(o.version) && scenarioHash.equals(o.scenarioHash);
  }

  @Override
  public int compareTo(Row o) {
    int c = point.compareTo(o.point);
    return c != 0 ? c : Long.compare(rep, o.rep);
  }

  // ------------------------------------------------------------------ CSV cells

  /** The cells of this row under a header of the given parameters and metrics. */
  List<String> cells(List<String> metricNames) {
    List<String> out = new ArrayList<>(point.values());
    out.addAll(stats);
    for (String m : metricNames) {
      out.add(metrics.getOrDefault(m, ""));
    }
    out.add(Long.toString(rep));
    out.add(version);
    out.add(scenarioHash);
    return out;
  }

  // ------------------------------------------------------------------ JSON Lines

  /** The JSON Lines record: the CSV's cells by name, then the detail. */
  ObjectNode toJson() {
    ObjectNode o = JSON.objectNode();
    ObjectNode params = o.putObject("params");
    for (int i = 0; i < point.names().size(); i++) {
      params.put(point.names().get(i), point.values().get(i));
    }
    for (int i = 0; i < STATS.size(); i++) {
      o.put(STATS.get(i), new BigInteger(stats.get(i)));
    }
    ObjectNode m = o.putObject("metrics");
    metrics.forEach((k, v) -> m.put(k, v.isEmpty() ? null : new BigDecimal(v)));
    o.put("rep", rep);
    o.put("simkernel_version", version);
    o.put("scenario_sha256", scenarioHash);
    if (detail != null) {
      o.set("detail", detail.deepCopy());
    }
    return o;
  }

  /** A row from its JSON Lines record. */
  static Row fromJson(JsonNode o) {
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = need(o, "params").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      names.add(e.getKey());
      values.add(e.getValue().asText());
    }
    List<String> stats = new ArrayList<>();
    for (String s : STATS) {
      stats.add(need(o, s).bigIntegerValue().toString());
    }
    SortedMap<String, String> metrics = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> ms = need(o, "metrics").fields();
    while (ms.hasNext()) {
      Map.Entry<String, JsonNode> e = ms.next();
      metrics.put(e.getKey(), e.getValue().isNull() ? "" : canonical(e.getValue().decimalValue()));
    }
    JsonNode d = o.get("detail");
    return new Row(new Point(names, values), need(o, "rep").asLong(), stats, metrics,
        need(o, "simkernel_version").asText(), need(o, "scenario_sha256").asText(),
        d instanceof ObjectNode od ? od : null);
  }

  private static JsonNode need(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("no `" + field + "` field");
    }
    return v;
  }
}
