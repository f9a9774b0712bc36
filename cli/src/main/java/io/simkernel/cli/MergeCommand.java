package io.simkernel.cli;

import io.simkernel.cli.sweep.Merge;
import io.simkernel.cli.sweep.ResultFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code simkernel merge s1.csv s2.csv ... -o all.csv}: joins the shards of a sweep. */
@Command(name = "merge", mixinStandardHelpOptions = true,
    description = {"Merges sweep results (the shards of a sweep) into one CSV and JSON Lines.",
        "The result is exactly what the unsharded sweep writes (but for wall_ns)."})
final class MergeCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE.csv", arity = "1..*", description = "results of `simkernel sweep`")
  List<Path> inputs;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE.csv", required = true,
      description = "the merged CSV; the JSON Lines go beside it, with .jsonl")
  Path output;

  @Option(names = "--quiet", description = "no summary")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    Merge.Merged m;
    try {
      for (Path in : inputs) {
        if (!Files.exists(in)) {
          throw new NoSuchFileException(in.toString());
        }
      }
      m = Merge.read(inputs);
      Merge.write(m, output);
    } catch (NoSuchFileException e) {
      System.err.println("simkernel: " + e.getFile() + ": no such file");
      return Main.EXIT_TOOL_FAILED;
    } catch (IllegalArgumentException e) {
      System.err.println("simkernel: " + e.getMessage());
      return Main.EXIT_TOOL_FAILED;
    }
    if (!quiet) {
      System.err.printf("simkernel merge: %d runs from %d files (%d duplicates) → %s, %s%n",
          m.rows().size(), inputs.size(), m.duplicates(), output, ResultFiles.jsonlFor(output));
    }
    return 0;
  }
}
