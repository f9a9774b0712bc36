package io.simkernel.cli.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the result files of a sweep's shards (or of sweeps that were run in pieces) into one:
 * the union of their rows, sorted, under the header the rows call for — the same function the
 * sweep itself writes with, so merging shards gives exactly the file of the unsharded sweep.
 * A run found in two inputs must have the same result in both (every cell but {@code wall_ns});
 * anything else means the inputs are not of one sweep and is refused.
 */
public final class Merge {
  private Merge() {}

  /** The merged rows and their parameter columns. */
  public record Merged(List<String> params, List<Row> rows, int duplicates) {}

  /**
   * Reads and merges the inputs: each CSV, with each run's detail from the JSON Lines beside it
   * when there is one.
   *
   * @throws IllegalArgumentException for an input that is not a sweep's, inputs with different
   *     parameters, or one run with two different results
   */
  public static Merged read(List<Path> inputs) throws IOException {
    List<String> params = null;
    Path paramsFrom = null;
    Map<String, Row> byKey = new LinkedHashMap<>();
    Map<String, Path> from = new LinkedHashMap<>();
    int duplicates = 0;
    for (Path in : inputs) {
      ResultFiles.Loaded csv = ResultFiles.readCsv(in);
      if (params == null) {
        params = csv.params();
        paramsFrom = in;
      } else if (!params.equals(csv.params())) {
        throw new IllegalArgumentException(in + " has the parameters " + csv.params() + " but "
            + paramsFrom + " has " + params + "; expected result files of one sweep");
      }
      for (Row r : withDetail(in, csv.rows())) {
        Row old = byKey.get(r.key());
        if (old == null) {
          byKey.put(r.key(), r);
          from.put(r.key(), in);
        } else if (old.sameResultAs(r)) {
          duplicates++;
        } else {
          throw new IllegalArgumentException("the run " + r.key() + " has different results in "
              + from.get(r.key()) + " and " + in + "; expected result files of one sweep");
        }
      }
    }
    List<Row> rows = new ArrayList<>(byKey.values());
    Collections.sort(rows);
    return new Merged(params == null ? List.of() : params, rows, duplicates);
  }

  /** Writes merged rows as a CSV and the JSON Lines beside it. */
  public static void write(Merged m, Path csv) throws IOException {
    ResultFiles.writeAtomically(csv, ResultFiles.csv(m.params(), m.rows()));
    ResultFiles.writeAtomically(ResultFiles.jsonlFor(csv), ResultFiles.jsonl(m.rows()));
  }

  /** The CSV's rows, each replaced by its JSON Lines record when that has the same result. */
  private static List<Row> withDetail(Path csv, List<Row> rows) throws IOException {
    Path jsonl = ResultFiles.jsonlFor(csv);
    if (!Files.exists(jsonl)) {
      return rows;
    }
    Map<String, Row> detailed = new LinkedHashMap<>();
    for (Row r : ResultFiles.readJsonl(jsonl, false).rows()) {
      detailed.put(r.key(), r);
    }
    List<Row> out = new ArrayList<>();
    for (Row r : rows) {
      Row d = detailed.get(r.key());
      out.add(d != null && d.sameResultAs(r) && d.stat("wall_ns").equals(r.stat("wall_ns"))
          ? d : r);
    }
    return out;
  }
}
