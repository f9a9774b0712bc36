package io.simkernel.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code simkernel} command. */
@Command(name = "simkernel", mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "A deterministic discrete-event simulator of an operating-system kernel.",
    subcommands = {RunCommand.class, ReplayCommand.class, ImportStraceCommand.class, ExportCommand.class, CheckCommand.class, SweepCommand.class, MergeCommand.class,
        PlotCommand.class, CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
        " 0-123:The main program's exit status, 128+N when it was killed by signal N.",
        "124:A limit (time_limit, events_max, insns_max) stopped the run, or it deadlocked.",
        "125:simkernel itself failed: a malformed scenario or a bad command line."})
public final class Main implements Runnable {
  /** GNU timeout's convention for a wrapper: the tool itself failed. */
  public static final int EXIT_TOOL_FAILED = 125;
  /** A limit stopped the run. */
  public static final int EXIT_LIMIT = 124;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (try `simkernel run FILE.sks`)");
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit status (for tests: no System.exit). */
  public static int execute(String... args) {
    CommandLine cmd = new CommandLine(new Main());
    cmd.setParameterExceptionHandler((ex, argv) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("simkernel: " + ex.getMessage());
      ex.getCommandLine().usage(err);
      return EXIT_TOOL_FAILED;
    });
    cmd.setExecutionExceptionHandler((ex, c, parsed) -> {
      c.getErr().println("simkernel: internal error: " + ex);
      return EXIT_TOOL_FAILED;
    });
    return cmd.execute(args);
  }

  /** The version, from the build. */
  public static String version() {
    Properties p = new Properties();
    try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"simkernel " + version(), "Java " + System.getProperty("java.version")};
    }
  }
}
