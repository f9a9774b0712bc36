package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * examples/files-race.sks: two processes writing one file (issue 6). Separate opens have
 * separate offsets and overwrite each other (open(2)); O_APPEND and a description shared over
 * fork (posix-semantics FK-3) interleave whole writes and lose nothing. The expected file
 * contents follow from the writers' timing: A writes at 0, 2 and 4 ms, B at 1, 3 and 5 ms.
 */
class FilesRaceTest {
  @Test
  void theSameRaceEveryRun_determinism() throws IOException {
    String text = Files.readString(Path.of("../examples/files-race.sks"));
    // (DeterminismTest also runs every example twice, with both tie-breaking modes)
    Sim.Run a = Sim.run(text);
    Sim.Run b = Sim.run(text);
    assertEquals(a.result().eventHash(), b.result().eventHash(), "DESIGN.md rule 1");
    assertEquals(a.stdout(), b.stdout());
  }

  @Test
  void separateOffsetsOverwriteWhileAppendAndSharedOffsetsInterleave() throws IOException {
    Sim.Run r = completed(Files.readString(Path.of("../examples/files-race.sks")));
    String interleaved = "A: line 1\nB: 1\nA: line 2\nB: 2\nA: line 3\nB: 3\n(45 bytes; 45 were"
        + " written)\n";
    assertEquals("-- 1. separate opens, no O_APPEND\n"
        // B's three lines overwrite bytes 0..14 (A's first line and the start of its second)
        + "B: 1\nB: 2\nB: 3\nne 2\nA: line 3\n(30 bytes; 45 were written)\n"
        + "-- 2. separate opens with O_APPEND\n" + interleaved
        + "-- 3. one open before fork (shared offset)\n" + interleaved, r.stdout());
  }
}
