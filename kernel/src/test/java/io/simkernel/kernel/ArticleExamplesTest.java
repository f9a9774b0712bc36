package io.simkernel.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.run.StopReason;
import io.simkernel.kernel.asm.ScenarioParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every scenario of examples/article runs to completion (checked) and prints the key lines its
 * README note quotes — which are CPython 3.11.7's observed results (Part D, EXP-n) — and each runs
 * the same twice (DESIGN.md rule 1: same trace hash).
 */
class ArticleExamplesTest {
  private static final Path DIR = Path.of("../examples/article");

  private static Sim.Run run(String file, Map<String, String> params) throws IOException {
    Path p = DIR.resolve(file);
    Sim.Run r = Sim.run(ScenarioParser.parse(p.toString(), Files.readString(p), params));
    assertEquals(StopReason.COMPLETED, r.result().reason(), Behaviour.describe(r));
    return r;
  }

  private static Sim.Run run(String file) throws IOException {
    return run(file, Map.of());
  }

  private static void contains(Sim.Run r, String... lines) {
    for (String l : lines) {
      assertTrue(r.stdout().contains(l), "missing `" + l + "` in:\n" + r.stdout());
    }
  }

  @Test
  void processAttributes() throws IOException {
    // EXP-11, EXP-1, EXP-7, EXP-6
    Sim.Run r = run("process-attributes.sks");
    contains(r, "before start: name=Process-1 pid=None exitcode=None alive=0\n",
        "running: exitcode=None alive=1\n", "after join: exitcode=0 alive=0\n",
        "Process-2: exitcode=1\n", "sys.exit(256): exitcode=0\n", "sys.exit(-1): exitcode=255\n");
    assertTrue(r.stderr().startsWith("Process Process-2:\n"), r.stderr());
  }

  @Test
  void daemonRules() throws IOException {
    // EXP-17, EXP-19, EXP-38
    Sim.Run r = run("daemon-rules.sks");
    contains(r, "in daemon: new Process daemon=1\n",
        "in daemon: AssertionError: daemonic processes are not allowed to have children\n",
        "setting daemon after start: AssertionError: process has already started\n",
        "worker: done after 1 s\n");
    assertTrue(r.result().virtualNs() < 1_100_000_000L);
  }

  @Test
  void terminateIsNotImmediate() throws IOException {
    // EXP-12, EXP-13, EXP-14
    contains(run("terminate-not-immediate.sks"),
        "right after terminate(): is_alive=1 exitcode=None\n",
        "after join(): is_alive=0 exitcode=-15\n",
        "kill(): is_alive right after=1, exitcode after join=-9\n");
  }

  @Test
  void zombie() throws IOException {
    // EXP-43
    contains(run("zombie.sks"), "si_pid=3 (a zombie", "p.exitcode = 0\n",
        "waitpid afterwards: -ECHILD (already reaped)\n");
  }

  @Test
  void orphan() throws IOException {
    // EXP-44, EXP-41
    contains(run("orphan.sks"), "grandchild: ppid=1 after its parent died\n",
        "daemon: still running, ppid=1\n");
  }

  @Test
  void spawnWithoutGuardStopsAfterOneChild() throws IOException {
    // EXP-30, E1
    Sim.Run r = run("spawn-no-guard.sks");
    assertEquals("top level runs, is_main=1\ntop level runs, is_main=0\nexitcode=1\n",
        r.stdout());
    assertTrue(r.stderr().contains("RuntimeError: \n        An attempt has been made"));
  }

  @Test
  void spawnWithoutGuardAndWithoutTheCheckRecursesUntilNproc() throws IOException {
    // E1: the naive runtime the article describes, stopped by RLIMIT_NPROC
    Sim.Run r = run("spawn-no-guard.sks", Map.of("check", "off"));
    assertEquals(20, r.stdout().lines().filter(l -> l.startsWith("top level runs")).count());
    assertTrue(r.stderr().contains("BlockingIOError: [Errno 11] Resource temporarily"));
  }

  @Test
  void spawnWithGuard() throws IOException {
    assertEquals("top level runs, is_main=1\ntop level runs, is_main=0\nfoo ran in the child\n"
        + "exitcode=0\n", run("spawn-guard.sks").stdout());
  }

  @Test
  void idsSameUnderForkDifferentUnderSpawn() throws IOException {
    // EXP-33, EXP-34
    List<String> fork = ids(run("ids.sks"));
    assertEquals(1, fork.stream().distinct().count(), fork.toString());
    List<String> spawn = ids(run("ids.sks", Map.of("method", "spawn")));
    assertTrue(!spawn.get(0).equals(spawn.get(1)) && spawn.get(1).equals(spawn.get(2)),
        spawn.toString());
  }

  private static List<String> ids(Sim.Run r) {
    return r.stdout().lines().map(l -> l.substring(l.indexOf("id(DATA)="))).toList();
  }

  @Test
  void dataIsNotShared() throws IOException {
    // EXP-33, B26
    contains(run("data-not-shared.sks"), "child sees COUNTER=5", "parent: COUNTER=5\n");
    contains(run("data-not-shared.sks", Map.of("method", "spawn")), "child sees COUNTER=0",
        "parent: COUNTER=5\n");
    contains(run("value-shared.sks"), "v.value = 200 ");
  }

  @Test
  void terminalContentionWithAndWithoutALock() throws IOException {
    // EXP-36: interleaved without a lock; whole lines and a longer run with mp.Lock
    Sim.Run free = run("terminal-contention.sks");
    assertTrue(free.stdout().contains("[writer 1: [writer 2:"), free.stdout());
    Sim.Run locked = run("terminal-contention.sks", Map.of("lock", "1"));
    assertTrue(locked.stdout().lines().allMatch(l -> l.matches("\\[writer \\d: line \\d done]")),
        locked.stdout());
    assertEquals(12, locked.stdout().lines().count());
    assertTrue(locked.result().virtualNs() > 2 * free.result().virtualNs());
  }

  /** The file's lines as main printed them (after the header line). */
  private static List<String> fileLines(Sim.Run r) {
    String out = r.stdout();
    return out.substring(out.indexOf('\n') + 1).lines().toList();
  }

  private static long corrupt(List<String> lines) {
    return lines.stream().filter(l -> !l.matches("\\[writer \\d: line \\d done]")).count();
  }

  @Test
  void fileContentionWithAndWithoutALock() throws IOException {
    // EXP-36 (O_APPEND file): without a lock lines are corrupt but no byte is lost; with mp.Lock
    // none is corrupt and the run takes longer (serialised) — for fork and spawn alike
    for (String method : new String[] {"fork", "spawn"}) {
      Sim.Run free = run("file-contention.sks", Map.of("method", method));
      List<String> lines = fileLines(free);
      assertTrue(corrupt(lines) > 0, free.stdout());
      assertEquals(20 * "[writer 1: line 0 done]\n".length(),
          String.join("\n", lines).length() + 1, "O_APPEND: nothing lost");
      Sim.Run locked = run("file-contention.sks", Map.of("lock", "1", "method", method));
      assertEquals(0, corrupt(fileLines(locked)), locked.stdout());
      assertEquals(20, fileLines(locked).size());
      assertTrue(locked.result().virtualNs() > 2 * free.result().virtualNs());
    }
    // open(2): separate opens without O_APPEND each write from their own offset 0: the writers
    // overwrite each other and only 5 of the 20 lines survive, with the lock or without
    for (String lock : new String[] {"0", "1"}) {
      Sim.Run over = run("file-contention.sks", Map.of("append", "0", "lock", lock));
      assertEquals(5, fileLines(over).size(), over.stdout());
    }
  }

  @Test
  void forkVersusCreateProcess() throws IOException {
    // B2, EXP-33/35: the fork child continues after fork with the parent's memory and
    // registers (same id, current values), its writes private; A2: CreateProcess runs the image
    // from main with nothing of the parent's memory; A13/A14: only inheritable handles; A26:
    // not the creator's Linux child
    Sim.Run r = run("fork-vs-createprocess.sks");
    contains(r, "fork child: continues after fork(); id(obj) = 402000 (same), obj = 42, "
        + "local = 1234\n",
        "fork child: handles 4 and 8 close with 1 and 1",
        "parent: after the fork child changed its obj, mine is still 42\n",
        "parent: waitpid(-1) = -ECHILD",
        "CreateProcess child: starts at main; id(obj) = 402000, obj = 0, local = 0\n",
        "CreateProcess child: handles 4 and 8 close with 0 and 1: only the inheritable one\n",
        "parent: CreateProcess child ended with exit code 3\n");
  }

  @Test
  void everyArticleScenarioIsDeterministic() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".sks")).sorted().toList()) {
        String text = Files.readString(p);
        Sim.Run a = Sim.run(ScenarioParser.parse(p.toString(), text, Map.of()));
        Sim.Run b = Sim.run(ScenarioParser.parse(p.toString(), text, Map.of()));
        assertEquals(a.result().eventHash(), b.result().eventHash(), p.toString());
        assertEquals(a.stdout() + a.stderr(), b.stdout() + b.stderr(), p.toString());
      }
    }
  }
}
