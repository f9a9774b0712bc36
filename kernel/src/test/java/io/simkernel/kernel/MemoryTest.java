package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static io.simkernel.kernel.Behaviour.events;
import static io.simkernel.kernel.Behaviour.number;
import static io.simkernel.kernel.Behaviour.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.WaitStatus;
import io.simkernel.api.trace.EventKind;
import io.simkernel.api.trace.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Virtual memory seen from programs: demand paging, SIGSEGV's si_code, copy-on-write across
 * fork under both fork policies, shared and private mappings, vfork. posix-semantics §18 (MM-1
 * .. MM-9), FK-3/FK-4 (madvise settings at fork), I-10; Linux mm/memory.c for fault counts.
 */
class MemoryTest {

  private static String policy(String fork, String body) {
    if (body.startsWith("kernel ")) {
      return body.replaceFirst("kernel ", "kernel fork=" + fork + " ");
    }
    return "kernel fork=" + fork + "\n" + body;
  }

  @Test
  void firstTouchOfAnonymousMemoryIsOneMinorFaultPerPage() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          mmap 64KiB, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS
          mov r10, r0
          getrusage RUSAGE_SELF
          mov r11, r1
          touch r10, 64KiB, write
          getrusage RUSAGE_SELF
          sub r1, r11
          mov r12, r1
          getrusage RUSAGE_SELF
          mov r11, r1
          touch r10, 64KiB, write
          getrusage RUSAGE_SELF
          sub r1, r11
          print "first=%d again=%d\\n", r12, r1
          exit 0
        end
        run /bin/p
        """);
    assertEquals(16, number(r, "first"), "do_anonymous_page: one minor fault per page");
    assertEquals(0, number(r, "again"), "present writable pages never fault");
  }

  @Test
  void aReadMapsTheZeroPageSoAWriteAfterItFaultsAgain() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          mmap 16KiB, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS
          mov r10, r0
          store [r10+8], 0
          load r9, [r10+16]
          getrusage RUSAGE_SELF
          mov r11, r1
          touch r10, 16KiB, read
          getrusage RUSAGE_SELF
          sub r1, r11
          mov r12, r1
          getrusage RUSAGE_SELF
          mov r11, r1
          touch r10, 16KiB, write
          getrusage RUSAGE_SELF
          sub r1, r11
          print "value=%d reads=%d writes=%d\\n", r9, r12, r1
          exit 0
        end
        run /bin/p
        """);
    assertEquals(0, number(r, "value"), "anonymous memory reads as zero");
    assertEquals(3, number(r, "reads"), "the first page was mapped by the store");
    assertEquals(3, number(r, "writes"), "each zero-page mapping faults again on a write");
  }

  @Test
  void aStoreToFreshMemoryIsOneFaultEvenThoughTheVmReadsTheOldWordFirst() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          mmap 4KiB, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS
          mov r10, r0
          getrusage RUSAGE_SELF
          mov r11, r1
          store [r10+8], 77
          getrusage RUSAGE_SELF
          sub r1, r11
          load r2, [r10+8]
          print "faults=%d value=%d\\n", r1, r2
          exit 0
        end
        run /bin/p
        """);
    assertEquals(1, number(r, "faults"));
    assertEquals(77, number(r, "value"));
    List<TraceEvent> f = events(r, EventKind.PAGE_FAULT_USER);
    assertTrue(f.stream().anyMatch(e -> e.b() == 1 && e.c() == 0), "a write zero-fill: " + f);
  }

  private static final String SEGV_HANDLER = """
        handler:
          print "si_code=%d\\n", r1
          exit 0
        """;

  @Test
  void anAccessOutsideEveryMappingIsSigsegvWithSegvMaperr() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction SIGSEGV, handler, SA_SIGINFO
          mov r3, 0x1000
          load r2, [r3]
          print "not reached\\n"
          exit 1
        """ + SEGV_HANDLER + """
        end
        run /bin/p
        """);
    assertEquals("si_code=1\n", r.stdout(), "SEGV_MAPERR");
  }

  @Test
  void aWriteToAReadOnlyMappingIsSigsegvWithSegvAccerr() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction SIGSEGV, handler, SA_SIGINFO
          mmap 4KiB, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS
          load r2, [r0]
          store [r0], 1
          print "not reached\\n"
          exit 1
        """ + SEGV_HANDLER + """
        end
        run /bin/p
        """);
    assertEquals("si_code=2\n", r.stdout(), "SEGV_ACCERR");
  }

  @Test
  void aReadOfProtNoneMemoryIsSigsegvWithSegvAccerr() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction SIGSEGV, handler, SA_SIGINFO
          mmap 4KiB, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS
          load r2, [r0]
          exit 1
        """ + SEGV_HANDLER + """
        end
        run /bin/p
        """);
    assertEquals("si_code=2\n", r.stdout());
  }

  @Test
  void anUnhandledSegvKillsTheProcessWithSignal11() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          waitpid r0, 0
          wtermsig r2, r1
          print "termsig=%d\\n", r2
          exit 0
        child:
          mov r3, 8
          store [r3], 1
          exit 0
        end
        run /bin/p
        """);
    assertEquals(11, number(r, "termsig"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"classic", "ondemand"})
  void privateWritesAfterForkAreNeverSeenByTheOtherProcess_MM1_I10(String fork) {
    Sim.Run r = completed(policy(fork, """
        program /bin/p
        data
          x: word 1
        text
        main:
          mmap 8KiB, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS
          mov r10, r0
          store [r10], 2
          fork
          jz r0, child
          mov r6, r0
          store [x], 10
          store [r10], 20
          waitpid r6, 0
          load r2, [x]
          load r3, [r10]
          print "parent x=%d m=%d\\n", r2, r3
          exit 0
        child:
          sleep 1ms
          load r2, [x]
          load r3, [r10]
          print "child sees x=%d m=%d\\n", r2, r3
          store [x], 30
          store [r10], 40
          exit 0
        end
        run /bin/p
        """));
    assertEquals("child sees x=1 m=2\nparent x=10 m=20\n", r.stdout());
  }

  @ParameterizedTest
  @ValueSource(strings = {"classic", "ondemand"})
  void readsAfterForkNeverFaultAndEachFirstWriteFaultsOnce_MM2_MM3_MM4_MM9(String fork) {
    Sim.Run r = completed(policy(fork, """
        program /bin/p
        text
        main:
          mmap 256KiB, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS
          mov r10, r0
          touch r10, 256KiB, write
          fork
          jz r0, child
          waitpid r0, 0
          getrusage RUSAGE_SELF
          mov r11, r1
          touch r10, 256KiB, write
          getrusage RUSAGE_SELF
          sub r1, r11
          print "parent_after=%d\\n", r1
          exit 0
        child:
          getrusage RUSAGE_SELF
          mov r11, r1
          touch r10, 256KiB, read
          getrusage RUSAGE_SELF
          mov r12, r1
          touch r10, 256KiB, write
          getrusage RUSAGE_SELF
          mov r13, r1
          touch r10, 256KiB, write
          getrusage RUSAGE_SELF
          sub r1, r13
          sub r13, r12
          sub r12, r11
          print "read=%d write=%d again=%d\\n", r12, r13, r1
          exit 0
        end
        run /bin/p
        """));
    assertEquals(0, number(r, "read"), "MM-3: reads never copy, never fault");
    assertEquals(64, number(r, "write"), "MM-4: one fault per page on the first write");
    assertEquals(0, number(r, "again"));
    assertEquals(64, number(r, "parent_after"), "MM-9: the parent's entries stay protected");
    long copies = events(r, EventKind.PAGE_FAULT_USER).stream()
        .filter(e -> e.pid() == 3 && e.c() == 2).count();
    long reuses = events(r, EventKind.PAGE_FAULT_USER).stream()
        .filter(e -> e.pid() == 2 && e.c() == 3).count();
    assertEquals(64, copies, "the child copies every page it writes (cow-copy)");
    assertEquals(64, reuses, "once the child is gone the parent reuses its frames (cow-reuse)");
    assertEquals(64, r.result().memory().cowCopies());
    assertEquals(64, r.result().memory().cowReuses());
  }

  @ParameterizedTest
  @ValueSource(strings = {"classic", "ondemand"})
  void sharedAnonymousMemoryIsSharedAcrossFork_MM5(String fork) {
    Sim.Run r = completed(policy(fork, """
        program /bin/p
        text
        main:
          mmap 4KiB, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS
          mov r10, r0
          store [r10], 1
          fork
          jz r0, child
          waitpid r0, 0
          load r2, [r10]
          print "parent sees %d\\n", r2
          exit 0
        child:
          load r2, [r10]
          print "child sees %d\\n", r2
          store [r10], 42
          exit 0
        end
        run /bin/p
        """));
    assertEquals("child sees 1\nparent sees 42\n", r.stdout());
  }

  @Test
  void writesToSharedMemoryTakeEffectInVirtualTimeOrderAcrossCpus() {
    // the parent publishes at 3 ms; the child polls every 100 us on another CPU
    Sim.Run r = completed("""
        kernel cpus=2
        program /bin/p
        text
        main:
          mmap 4KiB, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS
          mov r10, r0
          fork
          jz r0, child
          compute 3ms
          store [r10], 7
          waitpid r0, 0
          exit 0
        child:
          load r2, [r10]
          jne r2, 0, seen
          sleep 100us
          jmp child
        seen:
          clock
          print "seen=%d at=%d\\n", r2, r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals(7, number(r, "seen"));
    long at = number(r, "at");
    assertTrue(at >= 3_000_000 && at < 3_300_000, "seen after it was written, within a poll: " + at);
  }

  @Test
  void aVforkChildWritesTheParentsPages_MM8() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          mmap 16KiB, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS
          mov r10, r0
          vfork
          jz r0, child
          waitpid r0, 0
          getrusage RUSAGE_SELF
          mov r11, r1
          load r9, [r10+8]
          touch r10, 16KiB, write
          getrusage RUSAGE_SELF
          sub r1, r11
          print "value=%d faults=%d\\n", r9, r1
          exit 0
        child:
          touch r10, 16KiB, write
          store [r10+8], 5
          exit 0
        end
        run /bin/p
        """);
    assertEquals(5, number(r, "value"), "no copy: the child ran on the parent's frames");
    assertEquals(0, number(r, "faults"), "and left them present and writable");
  }

  @ParameterizedTest
  @ValueSource(strings = {"classic", "ondemand"})
  void aDontforkRangeIsAbsentInTheChild_MM7_FK4(String fork) {
    Sim.Run r = completed(policy(fork, """
        program /bin/p
        text
        main:
          mmap 8KiB, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS
          mov r10, r0
          store [r10], 3
          madvise r10, 8KiB, MADV_DONTFORK
          print "madvise=%d\\n", r0
          fork
          jz r0, child
          waitpid r0, 0
          wtermsig r2, r1
          load r3, [r10]
          print "child termsig=%d parent still reads %d\\n", r2, r3
          madvise r10, 8KiB, MADV_DOFORK
          fork
          jz r0, child
          waitpid r0, 0
          exit 0
        child:
          load r2, [r10]
          print "child reads %d\\n", r2
          exit 0
        end
        run /bin/p
        """));
    assertEquals("madvise=0\nchild termsig=11 parent still reads 3\nchild reads 3\n",
        r.stdout());
  }

  @ParameterizedTest
  @ValueSource(strings = {"classic", "ondemand"})
  void aWipeonforkRangeReadsZeroInChildAndGrandchild_MM7_FK3_FK4(String fork) {
    Sim.Run r = completed(policy(fork, """
        program /bin/p
        text
        main:
          mmap 8KiB, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS
          mov r10, r0
          store [r10], 5
          madvise r10, 8KiB, MADV_WIPEONFORK
          fork
          jz r0, child
          waitpid r0, 0
          load r3, [r10]
          print "parent %d\\n", r3
          madvise r10, 8KiB, MADV_KEEPONFORK
          fork
          jz r0, kept
          waitpid r0, 0
          exit 0
        child:
          load r2, [r10]
          store [r10], 9
          fork
          jz r0, grandchild
          waitpid r0, 0
          print "child %d\\n", r2
          exit 0
        grandchild:
          load r2, [r10]
          print "grandchild %d\\n", r2
          exit 0
        kept:
          load r2, [r10]
          print "kept %d\\n", r2
          exit 0
        end
        run /bin/p
        """));
    assertEquals("grandchild 0\nchild 0\nparent 5\nkept 5\n", r.stdout());
  }

  @Test
  void madviseAnswersLinuxsErrors_MM7() {
    Sim.Run r = completed("""
        program /bin/p
        data
          x: word 1
        text
        main:
          mmap 8KiB, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS
          mov r10, r0
          mmap 4KiB, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS
          mov r11, r0
          mov r12, r10
          add r12, 8
          madvise r12, 4KiB, MADV_DONTFORK
          print "unaligned=%e\\n", r0
          madvise r10, 4KiB, 5
          print "advice=%e\\n", r0
          madvise r11, 4KiB, MADV_WIPEONFORK
          print "shared=%e\\n", r0
          madvise x, 4KiB, MADV_WIPEONFORK
          print "file=%e\\n", r0
          madvise 0x10000, 4KiB, MADV_DONTFORK
          print "unmapped=%e\\n", r0
          madvise r10, 0, MADV_WIPEONFORK
          print "empty=%d\\n", r0
          madvise r10, 8KiB, MADV_WIPEONFORK
          print "ok=%d\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("unaligned=-EINVAL\nadvice=-EINVAL\nshared=-EINVAL\nfile=-EINVAL\n"
        + "unmapped=-ENOMEM\nempty=0\nok=0\n", r.stdout());
  }

  @Test
  void mmapAnswersLinuxsErrors() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          mmap 0, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS
          print "zero=%e\\n", r0
          mmap 4KiB, PROT_READ, MAP_ANONYMOUS
          print "type=%e\\n", r0
          mmap 4KiB, PROT_READ, MAP_PRIVATE, 9
          print "badfd=%e\\n", r0
          mmap 4KiB, PROT_READ, MAP_PRIVATE, 0
          print "tty=%e\\n", r0
          mmap 4KiB, PROT_READ, MAP_PRIVATE, 1, 0
          print "writeonly=%e\\n", r0
          mmap 4KiB, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 100
          print "offset=%e\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals("zero=-EINVAL\ntype=-EINVAL\nbadfd=-EBADF\ntty=-ENODEV\nwriteonly=-EACCES\n"
        + "offset=-EINVAL\n", r.stdout());
  }

  @Test
  void munmapRemovesTheMappingAndChecksItsArguments() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          sigaction SIGSEGV, handler, SA_SIGINFO
          mmap 8KiB, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS
          mov r10, r0
          store [r10], 1
          mov r12, r10
          add r12, 1
          munmap r12, 4KiB
          print "unaligned=%e\\n", r0
          munmap r10, 0
          print "empty=%e\\n", r0
          munmap r10, 8KiB
          print "unmapped=%d\\n", r0
          load r2, [r10]
          exit 1
        """ + SEGV_HANDLER + """
        end
        run /bin/p
        """);
    assertEquals("unaligned=-EINVAL\nempty=-EINVAL\nunmapped=0\nsi_code=1\n", r.stdout());
  }

  @Test
  void mprotectChangesAccessAndAnExclusivePageBecomesWritableAgainWithoutAFault() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          mmap 8KiB, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS
          mov r10, r0
          store [r10], 1
          mov r12, r10
          add r12, 8
          mprotect r12, 4KiB, PROT_READ
          print "unaligned=%e\\n", r0
          mprotect r10, 4KiB, 64
          print "prot=%e\\n", r0
          mprotect 0x10000, 4KiB, PROT_READ
          print "unmapped=%e\\n", r0
          mprotect r10, 4KiB, PROT_READ
          mprotect r10, 4KiB, PROT_READ|PROT_WRITE
          getrusage RUSAGE_SELF
          mov r11, r1
          store [r10], 2
          getrusage RUSAGE_SELF
          sub r1, r11
          print "faults=%d\\n", r1
          sigaction SIGSEGV, handler, SA_SIGINFO
          mprotect r10, 8KiB, PROT_READ
          store [r10], 3
          exit 1
        """ + SEGV_HANDLER + """
        end
        run /bin/p
        """);
    assertEquals("unaligned=-EINVAL\nprot=-EINVAL\nunmapped=-ENOMEM\nfaults=0\nsi_code=2\n",
        r.stdout());
  }

  @Test
  void brkStartsAtTheImagesEndAndGrowsAndShrinksTheHeap() {
    Sim.Run r = completed("""
        program /bin/p
        data
          x: word 1
        text
        main:
          brk 0
          mov r10, r0
          mov r11, r10
          add r11, 12KiB
          brk r11
          mov r12, r0
          store [r10], 7
          store [r10+8192], 8
          load r2, [r10]
          mov r13, r10
          add r13, 4KiB
          brk r13
          mov r14, r0
          brk 4096
          sub r12, r10
          sub r14, r10
          sub r0, r10
          print "start=%x grown=%d value=%d shrunk=%d below=%d\\n", r10, r12, r2, r14, r0
          exit 0
        end
        run /bin/p
        """);
    long start = Long.parseLong(r.stdout().replaceAll("(?s).*start=([0-9a-f]+).*", "$1"), 16);
    assertEquals(0, start % 4096, "page-aligned end of bss");
    assertEquals(12288, number(r, "grown"));
    assertEquals(7, number(r, "value"));
    assertEquals(4096, number(r, "shrunk"));
    assertEquals(4096, number(r, "below"), "a break below the start is refused: the current one");
  }

  @Test
  void touchChecksItsArgumentsAndRaisesSigsegvOnABadPage() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          mmap 4KiB, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS
          mov r10, r0
          touch r10, -1, read
          print "len=%e\\n", r0
          touch r10, 4KiB, 4
          print "mode=%e\\n", r0
          sigaction SIGSEGV, handler, SA_SIGINFO
          touch r10, 8KiB, read
          exit 1
        """ + SEGV_HANDLER + """
        end
        run /bin/p
        """);
    assertEquals("len=-EINVAL\nmode=-EINVAL\nsi_code=1\n", r.stdout());
  }

  @ParameterizedTest
  @ValueSource(strings = {"classic", "ondemand"})
  void outOfMemoryKillsTheLargestProcessAndTheRunGoesOn(String fork) {
    Sim.Run r = completed(policy(fork, """
        kernel memory=1MiB
        program /bin/p
        text
        main:
          fork
          jz r0, hog
          mov r6, r0
          waitpid r6, 0
          wtermsig r2, r1
          print "hog %d killed by %d\\n", r6, r2
          exit 0
        hog:
          mmap 4MiB, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS
          mov r10, r0
        loop:
          store [r10], 1
          add r10, 4096
          jmp loop
        end
        run /bin/p
        """));
    assertEquals("hog 3 killed by 9\n", r.stdout());
    assertEquals(1, r.result().memory().oomKills().size(), r.result().memory().oomKills()
        .toString());
    assertTrue(r.result().memory().oomKills().get(0).startsWith(
        "Out of memory: Killed process 3 (p)"), r.result().memory().oomKills().get(0));
    assertEquals(WaitStatus.signaled(9, false), record(r, 3).status());
  }

  @Test
  void outOfMemoryDuringTouchKillsTheLargestProcessToo() {
    Sim.Run r = completed("""
        kernel memory=1MiB
        program /bin/p
        text
        main:
          mmap 512KiB, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS
          touch r0, 512KiB, write
          fork
          jz r0, hog
          waitpid r0, 0
          wtermsig r2, r1
          print "child killed by %d\\n", r2
          exit 0
        hog:
          mmap 2MiB, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS
          touch r0, 2MiB, write
          print "not reached\\n"
          exit 0
        end
        run /bin/p
        """);
    assertEquals("child killed by 9\n", r.stdout());
  }

  @Test
  void classicForkCostGrowsWithMappedEntriesAndOndemandForkDoesNot() {
    String scenario = """
        program /bin/p
        text
        main:
          mmap 64MiB, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS
          touch r0, SIZE, write
          clock
          mov r10, r0
          fork
          jz r0, child
          mov r6, r0
          clock
          sub r0, r10
          print "fork_ns=%d\\n", r0
          waitpid r6, 0
          exit 0
        child:
          exit 0
        end
        run /bin/p
        """;
    long classicSmall = number(Sim.runFast("kernel fork=classic\n"
        + scenario.replace("SIZE", "4KiB")), "fork_ns");
    long classicBig = number(Sim.runFast("kernel fork=classic\n"
        + scenario.replace("SIZE", "64MiB")), "fork_ns");
    long ondemandSmall = number(Sim.runFast("kernel fork=ondemand\n"
        + scenario.replace("SIZE", "4KiB")), "fork_ns");
    long ondemandBig = number(Sim.runFast("kernel fork=ondemand\n"
        + scenario.replace("SIZE", "64MiB")), "fork_ns");
    // 16,384 more entries at 65 ns each (perf-anchors §1.1: 1100 us at 64 MiB)
    assertTrue(classicBig - classicSmall >= 16383 * 65, classicSmall + " -> " + classicBig);
    assertTrue(ondemandBig < 2 * ondemandSmall, ondemandSmall + " -> " + ondemandBig);
  }

  @Test
  void execReleasesTheOldMemoryAndExitLeavesOnlyCachedImagePages_MM9() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          mmap 1MiB, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS
          touch r0, 1MiB, write
          fork
          jz r0, child
          waitpid r0, 0
          exit 0
        child:
          execve "/bin/q"
          exit 1
        end
        program /bin/q
        data
          y: word 5
        text
        main:
          load r2, [y]
          print "q reads %d\\n", r2
          exit 0
        end
        run /bin/p
        """);
    assertEquals("q reads 5\n", r.stdout());
    assertTrue(r.result().memory().framesPeak() >= 256);
    assertEquals(r.result().memory().cachedFrames(), r.result().memory().framesInUse(),
        "only the images' cached pages are left");
  }
}
