package io.simkernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --trace} in both encodings, {@code replay} and {@code export}, as a user runs them. */
class TraceCommandsTest {
  @TempDir
  Path dir;

  private static final String FAMILY = """
      kernel cpus=2
      program /bin/family
      text
      main:
        fork
        jz    r0, child
        mov   r6, r0
        kill  r6, SIGTERM
        waitpid r6, 0
        print "parent\\n"
        exit  0
      child:
        sleep 10ms
        exit  4
      end
      run /bin/family
      """;

  private Path scenario() throws IOException {
    Path p = dir.resolve("family.sks");
    Files.writeString(p, FAMILY, StandardCharsets.UTF_8);
    return p;
  }

  private Path record(String name) throws IOException {
    Path trace = dir.resolve(name);
    CliHarness.Outcome o = CliHarness.run("run", "--quiet", "--trace", trace.toString(),
        scenario().toString());
    assertEquals(0, o.status(), o.stderr());
    return trace;
  }

  private static void assertOneLineError(CliHarness.Outcome o, String prefix) {
    assertEquals(125, o.status());
    assertTrue(o.stderr().startsWith(prefix), o.stderr());
    assertEquals(1, o.stderr().lines().count(), "one line, no stack trace: " + o.stderr());
  }

  @Test
  void runWritesTheBinaryEncodingForSktraceAndReplayMatchesTheReportedHash() throws IOException {
    Path trace = dir.resolve("t.sktrace");
    CliHarness.Outcome run = CliHarness.run("run", "--trace", trace.toString(),
        scenario().toString());
    assertEquals((byte) 0x89, Files.readAllBytes(trace)[0]);
    Matcher hash = Pattern.compile("event hash:  ([0-9a-f]{16})").matcher(run.stderr());
    assertTrue(hash.find(), run.stderr());
    CliHarness.Outcome o = CliHarness.run("replay", trace.toString());
    assertEquals(0, o.status(), o.stdout() + o.stderr());
    assertTrue(o.stdout().matches("replay: \\d+ events match, hash " + hash.group(1)
        + " \\(completed\\)\n"), o.stdout());
    assertEquals("", o.stderr());
  }

  @Test
  void replayOfATamperedTraceNamesTheFirstDifferentEventAndExits1() throws IOException {
    Path trace = record("t.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(trace));
    int k = 6; // line k + 1 holds event #k
    lines.set(k + 1, lines.get(k + 1).replaceFirst("\"cpu\":(-?\\d+)", "\"cpu\":7"));
    Path bad = dir.resolve("bad.jsonl");
    Files.write(bad, lines);
    CliHarness.Outcome o = CliHarness.run("replay", bad.toString());
    assertEquals(1, o.status(), o.stdout() + o.stderr());
    assertTrue(o.stdout().startsWith("replay: divergence at event " + k + ", virtual time "),
        o.stdout());
    assertTrue(o.stdout().contains("differs in: cpu"), o.stdout());
    assertTrue(o.stdout().contains("the 5 events before it"), o.stdout());
  }

  @Test
  void replayOfATruncatedTraceSaysSoInOneLine() throws IOException {
    Path trace = record("t.jsonl");
    List<String> lines = Files.readAllLines(trace);
    Path cut = dir.resolve("cut.jsonl");
    Files.write(cut, lines.subList(0, lines.size() - 1));
    assertOneLineError(CliHarness.run("replay", cut.toString()),
        cut + ":" + lines.size() + ": error: truncated trace: ");
  }

  @Test
  void replayOfSomethingElseOrNothingExits125() throws IOException {
    Path junk = dir.resolve("junk.jsonl");
    Files.writeString(junk, "not a trace\n");
    assertOneLineError(CliHarness.run("replay", junk.toString()), junk + ":1: error: ");
    assertOneLineError(CliHarness.run("replay", dir.resolve("none.jsonl").toString()),
        "simkernel: " + dir.resolve("none.jsonl") + ": no such file");
  }

  @Test
  void exportWritesEveryFormatFromEitherEncoding() throws IOException {
    for (String trace : List.of("t.jsonl", "t.sktrace")) {
      Path t = record(trace);
      for (String format : List.of("chrome", "html", "ftrace", "csv")) {
        Path out = dir.resolve(trace + "." + format);
        CliHarness.Outcome o = CliHarness.run("export", "--format", format, t.toString(), "-o",
            out.toString());
        assertEquals(0, o.status(), format + ": " + o.stderr());
        assertEquals("", o.stdout());
        assertTrue(Files.size(out) > 200, format);
      }
      new ObjectMapper().readTree(dir.resolve(trace + ".chrome").toFile());
      String csv = Files.readString(dir.resolve(trace + ".csv"));
      assertTrue(csv.contains(",family,/bin/family,"), csv);
      assertTrue(csv.contains("killed by SIGTERM,143,2,"), csv);
      assertTrue(Files.readString(dir.resolve(trace + ".ftrace"))
          .contains(": signal_generate: sig=15 errno=0 code=0 comm=family pid=3 grp=1 res=0"));
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertFalse(files.anyMatch(f -> f.toString().endsWith(".partial")), "no partial files");
    }
  }

  @Test
  void exportWithoutOutputWritesToStandardOutput() throws IOException {
    CliHarness.Outcome o = CliHarness.run("export", "-f", "ftrace", record("t.jsonl").toString());
    assertEquals(0, o.status(), o.stderr());
    assertTrue(o.stdout().startsWith("# tracer: nop\n"), o.stdout());
  }

  @Test
  void exportOfAnUnknownFormatOrABadTraceExits125() throws IOException {
    CliHarness.Outcome o = CliHarness.run("export", "-f", "svg", record("t.jsonl").toString());
    assertEquals(125, o.status());
    assertTrue(o.stderr().contains("unknown format 'svg'; expected chrome, html, ftrace or csv"),
        o.stderr());
    Path junk = dir.resolve("junk.sktrace");
    Files.write(junk, new byte[] {(byte) 0x89, 'S', 'K'});
    Path out = dir.resolve("out.json");
    assertOneLineError(CliHarness.run("export", "-f", "chrome", junk.toString(), "-o",
        out.toString()), junk + ":offset 0: error: truncated trace: ");
    assertFalse(Files.exists(out), "no output from a bad trace");
  }

  @Test
  void aTracePathInAMissingDirectoryIsAOneLineErrorAndNothingRuns() throws IOException {
    Path trace = dir.resolve("missing").resolve("t.jsonl");
    CliHarness.Outcome o = CliHarness.run("run", "--trace", trace.toString(),
        scenario().toString());
    assertOneLineError(o, "simkernel: cannot write the trace " + trace + ": no such directory");
    assertEquals("", o.stdout(), "nothing ran");
  }
}
