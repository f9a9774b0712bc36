package io.simkernel.cli.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reading and writing a sweep's two result files: the CSV (one row per run, for analysis) and
 * the JSON Lines beside it (the same cells plus each run's detail; appended to as runs finish,
 * so it is also the journal a resumed sweep starts from). What is written is a function of the
 * set of rows alone — sorted, with the header computed from the rows — which is what makes a
 * merge of shards byte-identical to the unsharded sweep (but for {@code wall_ns}).
 */
public final class ResultFiles {
  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
      .build();

  private ResultFiles() {}

  /** A result file's rows and the parameter columns they have. */
  public record Loaded(List<String> params, List<Row> rows, int badLines) {}

  /** {@code results.csv} → {@code results.jsonl} (any other name: {@code NAME.jsonl}). */
  public static Path jsonlFor(Path csv) {
    String name = csv.getFileName().toString();
    String stem = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    return csv.resolveSibling(stem + ".jsonl");
  }

  /** The metric columns of a set of rows: every name any row recorded, sorted. */
  static List<String> metricNames(List<Row> rows) {
    TreeSet<String> names = new TreeSet<>();
    for (Row r : rows) {
      names.addAll(r.metrics().keySet());
    }
    return List.copyOf(names);
  }

  /** The CSV text of rows, in the order given, under the header they call for. */
  public static String csv(List<String> params, List<Row> rows) {
    List<String> metrics = metricNames(rows);
    Set<String> taken = new HashSet<>(params); // membership only: order comes from the lists
    taken.addAll(Row.STATS);
    taken.addAll(Row.PROVENANCE);
    List<String> header = new ArrayList<>(params);
    header.addAll(Row.STATS);
    for (String m : metrics) {
      header.add(taken.contains(m) ? Row.METRIC_PREFIX + m : m);
    }
    header.addAll(Row.PROVENANCE);
    StringBuilder sb = new StringBuilder(Csv.line(header));
    for (Row r : rows) {
      sb.append(Csv.line(r.cells(metrics)));
    }
    return sb.toString();
  }

  /** One JSON Lines record. */
  static String jsonLine(Row r) {
    try {
      return JSON.writeValueAsString(r.toJson()) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JSON Lines text of rows, in the order given. */
  public static String jsonl(List<Row> rows) {
    StringBuilder sb = new StringBuilder();
    for (Row r : rows) {
      sb.append(jsonLine(r));
    }
    return sb.toString();
  }

  /**
   * The rows of a sweep CSV.
   *
   * @throws IllegalArgumentException naming the file and what is wrong, for a file that is not
   *     a sweep's CSV
   */
  public static Loaded readCsv(Path file) throws IOException {
    List<List<String>> records;
    try {
      records = Csv.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage());
    }
    if (records.isEmpty()) {
      throw new IllegalArgumentException(file + ": empty; expected a header line");
    }
    List<String> header = records.get(0);
    int seed = header.indexOf("seed");
    int prov = header.size() - Row.PROVENANCE.size();
    if (seed < 0 || seed + Row.STATS.size() > prov
        || !header.subList(seed, seed + Row.STATS.size()).equals(Row.STATS)
        || !header.subList(prov, header.size()).equals(Row.PROVENANCE)) {
      throw new IllegalArgumentException(file + ": not a simkernel sweep CSV; expected the"
          + " columns PARAMS..., " + String.join(", ", Row.STATS) + ", METRICS..., "
          + String.join(", ", Row.PROVENANCE));
    }
    List<String> params = List.copyOf(header.subList(0, seed));
    List<String> metrics = new ArrayList<>();
    for (String m : header.subList(seed + Row.STATS.size(), prov)) {
      String bare = m.startsWith(Row.METRIC_PREFIX) ? m.substring(Row.METRIC_PREFIX.length()) : m;
      boolean prefixed = !bare.equals(m) && (params.contains(bare) || Row.STATS.contains(bare)
          || Row.PROVENANCE.contains(bare));
      metrics.add(prefixed ? bare : m);
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i < records.size(); i++) {
      rows.add(fromCells(file, i + 1, records.get(i), header.size(), params, metrics));
    }
    return new Loaded(params, rows, 0);
  }

  private static Row fromCells(Path file, int line, List<String> c, int width,
      List<String> params, List<String> metrics) {
    if (c.size() != width) {
      throw new IllegalArgumentException(file + ":" + line + ": " + c.size() + " fields;"
          + " expected " + width + ", as in the header");
    }
    int p = params.size();
    int s = p + Row.STATS.size();
    java.util.SortedMap<String, String> m = new java.util.TreeMap<>();
    for (int i = 0; i < metrics.size(); i++) {
      if (!c.get(s + i).isEmpty()) {
        m.put(metrics.get(i), c.get(s + i));
      }
    }
    int prov = s + metrics.size();
    try {
      for (String v : c.subList(p, s)) {
        new java.math.BigInteger(v); // every statistic is an integer
      }
      return new Row(new Point(params, c.subList(0, p)), Long.parseLong(c.get(prov)),
          c.subList(p, s), m, c.get(prov + 1), c.get(prov + 2), null);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + ":" + line + ": a statistic or `rep` is not an"
          + " integer; expected a row written by simkernel sweep");
    }
  }

  /**
   * The rows of a JSON Lines file. With {@code strict} false a line that does not parse — the
   * last line of a sweep that was killed while writing it — is counted and skipped.
   */
  public static Loaded readJsonl(Path file, boolean strict) throws IOException {
    List<Row> rows = new ArrayList<>();
    List<String> params = null;
    int bad = 0;
    int n = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      n++;
      if (line.isBlank()) {
        continue;
      }
      try {
        Row r = Row.fromJson(JSON.readTree(line));
        params = params == null ? r.point().names() : params;
        rows.add(r);
      } catch (JsonProcessingException | IllegalArgumentException e) {
        if (strict) {
          throw new IllegalArgumentException(file + ":" + n + ": not a sweep record ("
              + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        bad++;
      }
    }
    return new Loaded(params == null ? List.of() : params, rows, bad);
  }

  /** Writes a whole file at once: readers never see half of it, a crash leaves the old one. */
  public static void writeAtomically(Path file, String text) throws IOException {
    Path tmp = temporaryBeside(file);
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      moveInto(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * A name for a temporary file in the directory of {@code file} (created if need be), for a
   * write-then-rename. Not {@code Files.createTempFile}, whose files are private to the user:
   * results are for sharing, so they get the usual permissions (the umask's).
   */
  static Path temporaryBeside(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // unique per process and thread: shards sharing a directory never write the same name
    return dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + "."
        + Thread.currentThread().getId() + ".tmp");
  }

  /** Renames {@code tmp} to {@code file}, atomically where the file system can. */
  static void moveInto(Path tmp, Path file) throws IOException {
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
