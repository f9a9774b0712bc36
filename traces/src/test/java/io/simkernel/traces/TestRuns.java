package io.simkernel.traces;

import io.simkernel.api.run.RunResult;
import io.simkernel.api.scenario.Scenario;
import io.simkernel.api.trace.TraceEvent;
import io.simkernel.kernel.Kernel;
import io.simkernel.kernel.KernelOptions;
import io.simkernel.kernel.asm.ScenarioParser;
import io.simkernel.traces.format.TraceEnd;
import io.simkernel.traces.format.TraceFiles;
import io.simkernel.traces.format.TraceHeader;
import io.simkernel.traces.format.TraceReader;
import io.simkernel.traces.format.TraceWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Runs scenarios for the trace tests and writes their traces: the real kernel, no mocks. */
public final class TestRuns {
  /** The simulator version the tests stamp into headers. */
  public static final String VERSION = "test";

  private TestRuns() {}

  /** A run's trace in memory: header, every event as emitted, end record. */
  public record Recorded(Scenario scenario, TraceHeader header, List<TraceEvent> events,
      RunResult result, TraceEnd end) {}

  /** The repository's examples/*.sks, in name order (the tests run from the module's folder). */
  public static List<Path> examples() {
    Path dir = Path.of("").toAbsolutePath().getParent().resolve("examples");
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".sks")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The docs folder (the schema lives there). */
  public static Path docs() {
    return Path.of("").toAbsolutePath().getParent().resolve("docs");
  }

  public static Scenario parse(Path file) {
    try {
      return ScenarioParser.parse("examples/" + file.getFileName(),
          Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Scenario parse(String name, String text) {
    return ScenarioParser.parse(name, text);
  }

  /** Runs {@code s} (console output discarded) and keeps every event. */
  public static Recorded record(Scenario s) {
    List<TraceEvent> events = new ArrayList<>();
    RunResult r = Kernel.boot(s, KernelOptions.of(OutputStream.nullOutputStream(),
        OutputStream.nullOutputStream()).withSink(events::add)).run();
    return new Recorded(s, TraceHeader.of(s, VERSION), List.copyOf(events), r, TraceEnd.of(r));
  }

  /** Writes {@code r} to {@code file}, in the encoding its name asks for. */
  public static Path write(Recorded r, Path file) throws IOException {
    return write(r.header(), r.events(), r.end(), file);
  }

  public static Path write(TraceHeader h, List<TraceEvent> events, TraceEnd end, Path file)
      throws IOException {
    try (TraceWriter w = TraceFiles.create(file, h)) {
      events.forEach(w::accept);
      w.finish(end);
    }
    return file;
  }

  /** Every event of a trace file, read back (the header and end record must be there too). */
  public static List<TraceEvent> readAll(TraceReader r) throws IOException {
    List<TraceEvent> out = new ArrayList<>();
    for (TraceEvent e = r.next(); e != null; e = r.next()) {
      out.add(e);
    }
    return out;
  }

  /** The bytes of the header's scenario text (the part of a trace both encodings share). */
  public static long scenarioBytes(Recorded r) {
    return r.header().scenarioText().getBytes(StandardCharsets.UTF_8).length;
  }

  /** A small scenario with every common event: fork, exec, wait, a zombie, signals, a stop. */
  public static final String BUSY = """
      kernel cpus=2 seed=7
      program /bin/busy
      text
      main:
        fork
        jz    r0, child
        mov   r6, r0
        fork
        jz    r0, stopper
        mov   r7, r0
        sleep 2ms
        kill  r7, SIGSTOP
        sleep 1ms
        kill  r7, SIGCONT
        kill  r7, SIGTERM
        waitpid r6, 0
        waitpid r7, 0
        print "done\\n"
        exit  0
      child:
        execve "/bin/leaf"
        exit  99
      stopper:
        compute 1ms
        sleep 50ms
        exit  5
      end
      program /bin/leaf
      text
      main:
        compute 3ms
        print "leaf\\n"
        exit  3
      end
      run /bin/busy
      """;
}
