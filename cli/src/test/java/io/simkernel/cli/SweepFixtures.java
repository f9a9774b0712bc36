package io.simkernel.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A tiny parameterised scenario and helpers shared by the sweep, merge and plot tests. */
final class SweepFixtures {
  private SweepFixtures() {}

  /**
   * Two CPUs and random tie-breaking: the two children end at the same instant, so the seed
   * decides the order of their events (the event hash), though not the metrics. {@code mode}
   * only changes the output.
   */
  static final String TINY = """
      param n=1
      param mode=a
      kernel cpus=2 tiebreak=random
      program /bin/t
      text
      main:
        mov r1, ${n}
        mul r1, 10
        metric ten_n, r1
        fork
        jz r0, child
        fork
        jz r0, child
        wait
        wait
        clock
        metric end_ns, r0
        print "${mode}\\n"
        exit 0
      child:
        clock
        mov r2, ${n}ms
        sub r2, r0
        compute r2
        exit 0
      end
      run /bin/t
      """;

  static Path write(Path dir, String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  /** A CSV with the {@code wall_ns} column blanked: the one cell that measures the host. */
  static String maskCsv(String csv) {
    List<String> lines = csv.lines().toList();
    int col = List.of(lines.get(0).split(",", -1)).indexOf("wall_ns");
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      String[] cells = l.split(",", -1);
      cells[col] = cells[col].equals("wall_ns") ? "wall_ns" : "*";
      out.add(String.join(",", cells));
    }
    return String.join("\n", out) + "\n";
  }

  private static final Pattern WALL = Pattern.compile("\"wall_ns\":[0-9]+");

  /** JSON Lines with {@code wall_ns} blanked. */
  static String maskJsonl(String jsonl) {
    return WALL.matcher(jsonl).replaceAll("\"wall_ns\":0");
  }

  /** Runs the command line in a separate JVM, as a cluster node would. */
  static int runProcess(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(dir.resolve("process.log").toFile()).start();
    return p.waitFor();
  }
}
