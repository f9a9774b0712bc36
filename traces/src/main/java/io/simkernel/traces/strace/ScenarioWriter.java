package io.simkernel.traces.strace;

import io.simkernel.traces.strace.StraceEvent.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the whole scenario: a header (where it comes from, the PID map, what was left out and
 * why, what is approximated, what cannot be replayed), the {@code kernel} line, one program per
 * image, and the {@code run} line that starts the root as the real root was started — its first
 * execve.
 */
final class ScenarioWriter {
  private ScenarioWriter() {}

  static ImportResult write(ProcessTree tree, ImportOptions options) {
    ImportContext ctx = new ImportContext(tree, options);
    TracedProcess root = tree.root();
    Call first = firstExec(root);
    ProgramText program;
    List<String> argv = List.of();
    if (first != null) {
      program = ctx.newProgram(root, Images.path(first), true);
      argv = Images.argv(first);
      program.about().add("the root's image, " + Images.path(first) + " (line " + first.line()
          + "), and the forks that run it without an execve of their own");
    } else {
      program = ctx.newProgram("/strace/root-" + root.pid());
      program.about().add("the root's image (the log does not show its execve)");
    }
    new ProcessEmitter(ctx).emit(root, program, "main", root.pid() + " (sim "
        + ctx.pids().sim(root.pid()) + "): the root", first != null);
    StringBuilder sb = new StringBuilder();
    header(sb, ctx);
    sb.append(Code.top("kernel cpus=" + options.cpus() + (coreDumps(tree) ? " core=unlimited" : ""),
        "CPUs change timing only (the corpus was captured on 2)")).append('\n');
    for (ProgramText p : ctx.programs().values()) {
      sb.append('\n').append(p.render(ctx.pids()));
    }
    sb.append('\n').append("run ").append(Code.word(program.path()));
    for (int i = 1; i < argv.size(); i++) {
      sb.append(' ').append(Code.word(argv.get(i)));
    }
    sb.append('\n');
    return new ImportResult(tree, sb.toString(), ctx.pids(), List.copyOf(ctx.approximations()),
        List.copyOf(ctx.unreplayableDeaths()), omittedSummary(ctx));
  }

  /** A core dump in the log needs RLIMIT_CORE above 0 for the same wait status (TM-6). */
  private static boolean coreDumps(ProcessTree tree) {
    for (TracedProcess p : tree.processes()) {
      if (p.end().core()) {
        return true;
      }
    }
    return false;
  }

  private static Call firstExec(TracedProcess root) {
    if (!root.events().isEmpty() && root.events().get(0) instanceof Call c && Images.isExec(c)
        && c.succeeded() && Images.path(c) != null) {
      return c;
    }
    return null;
  }

  private static void header(StringBuilder sb, ImportContext ctx) {
    ProcessTree tree = ctx.tree();
    List<String> h = new ArrayList<>();
    h.add("Imported by `simkernel import-strace` from " + tree.file() + " (" + tree.lines()
        + " lines, " + tree.processes().size() + " processes).");
    h.add("Each process replays its process-lifecycle calls in the recorded order; the time");
    h.add("between two calls is `compute` below " + Code.duration(ctx.options().computeBelowUs())
        + " (running user code), else `sleep`. Each instruction");
    h.add("cites the log line it replays. docs/import-strace.md explains the mapping.");
    h.add("");
    h.add("PID map, real -> simulated (PIDs are given from 2 in fork order: posix-semantics");
    h.add("PID-3, PID-8; `simkernel import-strace --check` verifies it):");
    for (TracedProcess p : tree.processes()) {
      h.add(String.format("  %-7d -> %-4d %s", p.pid(), ctx.pids().sim(p.pid()), about(p)));
    }
    h.add("  strace (the root's parent, which reaps it) -> init (1)");
    section(h, "Left out:", omitted(ctx));
    section(h, "Approximations:", ctx.approximations());
    List<String> deaths = new ArrayList<>();
    for (Unreplayable u : ctx.unreplayableDeaths()) {
      deaths.add(u.pid() + " (line " + u.line() + "): " + u.reason());
    }
    section(h, "Cannot be replayed (the process exits with 128+N at the recorded time instead):",
        deaths);
    for (String line : h) {
      sb.append(line.isEmpty() ? "#" : "# " + line).append('\n');
    }
    sb.append('\n');
  }

  private static void section(List<String> h, String title, List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    h.add("");
    h.add(title);
    for (String i : items) {
      h.add("  " + i);
    }
  }

  private static String about(TracedProcess p) {
    StringBuilder sb = new StringBuilder(p.isRoot() ? "the root"
        : (p.vforked() ? "vforked" : "forked") + " by " + p.parent().pid() + " (line "
            + p.creation().line() + ")");
    for (StraceEvent e : p.events()) {
      if (e instanceof Call c && Images.isExec(c) && c.succeeded() && Images.path(c) != null) {
        sb.append(", execve ").append(Images.path(c)).append(" (line ").append(c.line())
            .append(')');
      }
    }
    return sb.append(", ").append(p.end().describe()).toString();
  }

  private static List<String> omitted(ImportContext ctx) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, Integer>> cat : ctx.omitted().entrySet()) {
      StringBuilder sb = new StringBuilder(cat.getKey()).append(':');
      for (Map.Entry<String, Integer> call : cat.getValue().entrySet()) {
        sb.append(' ').append(call.getKey()).append(" x").append(call.getValue());
      }
      out.add(sb.toString());
    }
    return out;
  }

  private static String omittedSummary(ImportContext ctx) {
    return String.join("; ", omitted(ctx));
  }
}
