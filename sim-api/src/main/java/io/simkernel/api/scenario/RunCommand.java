package io.simkernel.api.scenario;

import java.util.List;

/** The {@code run /bin/x arg...} line: what init starts as PID 2 ({@code argv[0]} is the path). */
public record RunCommand(String path, List<String> args, int line, int column) {
  public RunCommand {
    args = List.copyOf(args);
  }
}
