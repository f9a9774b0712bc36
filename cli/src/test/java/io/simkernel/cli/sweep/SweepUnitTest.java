package io.simkernel.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pieces of a sweep: values, seeds, grids, shards, CSV and means. */
class SweepUnitTest {
  @Test
  void listsAndRanges() {
    Map<String, List<String>> d = Defines.lists(List.of("mib=0..1024:256", "fork=classic,ondemand",
        "x=1,1,2"));
    assertEquals(List.of("0", "256", "512", "768", "1024"), d.get("mib"));
    assertEquals(List.of("classic", "ondemand"), d.get("fork"));
    assertEquals(List.of("1", "2"), d.get("x"), "repeats dropped");
    assertEquals(List.of(1L, 2L, 3L, 7L), Defines.seeds("3,1..2,7"));
    assertThrows(IllegalArgumentException.class, () -> Defines.seeds("1..1000000000"));
    assertThrows(IllegalArgumentException.class, () -> Defines.lists(List.of("a=1", "a=2")));
  }

  @Test
  void seedsDependOnThePointAloneNotOnParameterOrder() {
    Point p = new Point(List.of("mib", "fork"), List.of("64", "classic"));
    Point q = new Point(List.of("fork", "mib"), List.of("classic", "64"));
    assertEquals(p.seedFor(1), q.seedFor(1));
    assertNotEquals(p.seedFor(1), p.seedFor(2));
    assertNotEquals(p.seedFor(1), new Point(List.of("mib", "fork"), List.of("65", "classic"))
        .seedFor(1));
    assertTrue(p.seedFor(1) >= 0);
    // fixed forever: results files rely on it
    assertEquals(p.seedFor(1), new Point(List.of("mib", "fork"), List.of("64", "classic"))
        .seedFor(1));
  }

  @Test
  void gridsAreInCanonicalOrderAndShardsPartitionThem() {
    Map<String, String> declared = new LinkedHashMap<>();
    declared.put("mib", "64");
    declared.put("fork", "classic");
    declared.put("k", "4");
    Map<String, List<String>> swept = new LinkedHashMap<>();
    swept.put("fork", List.of("ondemand", "classic"));
    swept.put("mib", List.of("1024", "0", "64"));
    Grid g = Grid.of(declared, swept, List.of(1L, 2L));
    assertEquals(12, g.tasks().size());
    assertEquals("mib=0 fork=classic k=4 rep=1", g.tasks().get(0).key());
    assertEquals("mib=1024 fork=ondemand k=4 rep=2", g.tasks().get(11).key());
    List<Task> union = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      union.addAll(g.shard(i, 5));
    }
    union.sort(null);
    assertEquals(g.tasks(), union);
    // a new value does not move any other run's seed
    swept.put("mib", List.of("1024", "0", "64", "256"));
    Grid bigger = Grid.of(declared, swept, List.of(1L, 2L));
    for (Task t : g.tasks()) {
      assertTrue(bigger.tasks().contains(t), t.key());
    }
  }

  @Test
  void valuesOrderAsNumbersWhenTheyAreNumbers() {
    List<String> v = new ArrayList<>(List.of("b", "1024", "64", "a", "-1", "0.5"));
    v.sort(Point.VALUE_ORDER);
    assertEquals(List.of("-1", "0.5", "64", "1024", "a", "b"), v);
  }

  @Test
  void csvRoundTrips() {
    List<String> rec = List.of("plain", "with,comma", "with \"quote\"", "", "multi\nline");
    String line = Csv.line(rec);
    assertEquals("plain,\"with,comma\",\"with \"\"quote\"\"\",,\"multi\nline\"\n", line);
    assertEquals(List.of(rec, List.of("x")), Csv.parse(line + "\r\nx\r\n"));
    assertThrows(IllegalArgumentException.class, () -> Csv.parse("a,\"b\n"));
  }

  @Test
  void metricMeansAreExact() {
    assertEquals("5", Row.mean(List.of(5L)));
    assertEquals("1.5", Row.mean(List.of(1L, 2L)));
    assertEquals("0.333", Row.mean(List.of(0L, 0L, 1L)));
    assertEquals("0", Row.mean(List.of(0L)));
    assertEquals("9223372036854775807", Row.mean(List.of(Long.MAX_VALUE, Long.MAX_VALUE)));
  }
}
