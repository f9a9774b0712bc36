package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.simkernel.api.run.MemoryStats;
import org.junit.jupiter.api.Test;

/**
 * The image cache: every process running an image maps the same cached pages of its sections,
 * so text and read-only data are held once, and .data is private copy-on-write from the image —
 * a process that writes it gets a page of its own, the others keep reading the image's
 * (posix-semantics MM-4, EX-5; DESIGN.md program model).
 */
class ImageCacheTest {
  private static String scenario(int children) {
    return """
        program /bin/w
        data
          x: word 5
        text
        main:
          load r2, [x]
          loadb r3, [main]
          jeq r0, 1, done
          store [x], 6
        done:
          load r2, [x]
          print "x=%d ", r2
          sleep 1ms
          exit 0
        end
        program /bin/p
        text
        main:
          mov r6, N
        again:
          fork
          jz r0, child
          sub r6, 1
          jnz r6, again
        reap:
          wait
          jge r0, 0, reap
          exit 0
        child:
          jeq r6, 1, writer
          execve "/bin/w"
          exit 127
        writer:
          execve "/bin/w", "write"
          exit 127
        end
        run /bin/p
        """.replace("N", Integer.toString(children));
  }

  @Test
  void everyProcessOfAnImageSharesItsCachedPagesAndDataIsCopiedOnlyWhenWritten() {
    Sim.Run one = completed(scenario(1));
    Sim.Run three = completed(scenario(3));
    assertEquals("x=5 x=5 x=6 ", three.stdout(), "the writer's store stays its own");
    MemoryStats m1 = one.result().memory();
    MemoryStats m3 = three.result().memory();
    assertEquals(2, m1.cachedFrames(), "one text page and one data page cached");
    assertEquals(m1.cachedFrames(), m3.cachedFrames(), "three processes: the same cached pages");
    assertEquals(6, m3.fileFills(), "each process maps the cached text and data page");
    assertEquals(1, m3.cowCopies(), ".data copied once: by the one process that wrote it");
    int readers = 0;
    for (MemoryStats.ProcessMemory p : m3.processes()) {
      if (!p.command().equals("w")) {
        continue;
      }
      boolean writer = p.rssAnonKiB() == 8;
      assertEquals(writer ? 4 : 8, p.rssFileKiB(), p + ": text (and data unless written)"
          + " are the image's pages");
      if (!writer) {
        readers++;
        assertEquals(4, p.rssAnonKiB(), p + ": only its stack is private");
        assertEquals(true, p.pssKiB() < p.rssAnonKiB() + p.rssFileKiB(), p + ": PSS counts"
            + " the shared image pages in part");
      }
    }
    assertEquals(2, readers);
  }
}
