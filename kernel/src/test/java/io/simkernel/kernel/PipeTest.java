package io.simkernel.kernel;

import static io.simkernel.kernel.Behaviour.completed;
import static io.simkernel.kernel.Behaviour.describe;
import static io.simkernel.kernel.Behaviour.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simkernel.api.trace.EventKind;
import io.simkernel.api.trace.TraceEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pipes: pipe(2), read(2) and write(2) on them, end-of-file, blocking both ways, PIPE_BUF,
 * SIGPIPE/EPIPE, interruption and restart, inheritance over fork. Expected values come from
 * pipe(7), pipe(2), read(2), write(2) and signal(7) (SA_RESTART), not from the simulator.
 */
class PipeTest {
  private static final String YES_HEAD = """
      program /bin/sh
      data
        buf: space 8
      text
      main:
        pipe
        mov r7, r1
        mov r8, r2
        fork
        jz r0, yes
        mov r11, r0
        fork
        jz r0, head
        mov r12, r0
        close r7
        close r8
        waitpid r12, 0
        wexitstatus r2, r1
        print "head=%d\\n", r2
        waitpid r11, 0
        wtermsig r2, r1
        print "yes_sig=%d\\n", r2
        exit 0
      yes:
        dup2 r8, 1
        close r7
        close r8
      yloop:
        print "y\\n"
        jmp yloop
      head:
        dup2 r7, 0
        close r7
        close r8
        mov r10, 0
      hloop:
        read 0, [buf], 1
        jle r0, 0, hdone
        write 1, [buf], 1
        loadb r3, [buf]
        jne r3, 10, hloop
        add r10, 1
        jlt r10, 5, hloop
      hdone:
        exit 0
      end
      run /bin/sh
      """;

  @Test
  void parentWritesChildReadsTheBytes_pipe7() {
    Sim.Run r = completed("""
        program /bin/p
        data
          buf: space 64
        text
        main:
          pipe
          print "pipe=%d rfd=%d wfd=%d\\n", r0, r1, r2
          mov r7, r1
          mov r8, r2
          fork
          jz r0, child
          close r7
          write r8, "hello", 5
          print "wrote=%d\\n", r0
          close r8
          wait
          exit 0
        child:
          close r8
          read r7, [buf], 64
          mov r9, r0
          mov r3, buf
          add r3, r9
          storeb [r3], 0
          print "read=%d data=%s\\n", r9, buf
          exit 0
        end
        run /bin/p
        """);
    // pipe(2): the two lowest free descriptors (0..2 are the terminal)
    assertTrue(r.stdout().contains("pipe=0 rfd=3 wfd=4\n"), r.stdout());
    assertEquals(5, number(r, "wrote"));
    assertEquals(5, number(r, "read"));
    assertTrue(r.stdout().contains("data=hello\n"), r.stdout());
  }

  @Test
  void readerBlocksUntilDataThenSeesEofWhenTheLastWriterCloses_pipe7() {
    Sim.Run r = completed("""
        program /bin/p
        data
          buf: space 64
        text
        main:
          pipe
          mov r7, r1
          mov r8, r2
          fork
          jz r0, child
          close r7
          sleep 5ms
          write r8, "abc", 3
          sleep 5ms
          close r8
          wait
          exit 0
        child:
          close r8
          clock
          mov r10, r0
          read r7, [buf], 64
          mov r9, r0
          clock
          sub r0, r10
          print "first=%d waited=%d\\n", r9, r0
          read r7, [buf], 64
          print "eof=%d\\n", r0
          read r7, [buf], 64
          print "again=%d\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals(3, number(r, "first"));
    // the reader slept until the write 5 ms later (virtual time went on)
    assertTrue(number(r, "waited") >= 5_000_000L, r.stdout());
    assertEquals(0, number(r, "eof")); // read(2): 0 at end-of-file, no writer left
    assertEquals(0, number(r, "again"));
  }

  @Test
  void anInheritedWriteEndKeepsTheReaderWaitingUntilTheChildExits_pipe7_fork2() {
    // the child inherits the write end (same open file description) and never closes it: the
    // parent's read sees end-of-file only when the child's exit closes it
    Sim.Run r = completed("""
        program /bin/p
        data
          buf: space 8
        text
        main:
          pipe
          mov r7, r1
          mov r8, r2
          fork
          jz r0, child
          dup2 r8, 9
          close r8
          close 9
          clock
          mov r10, r0
          read r7, [buf], 8
          mov r9, r0
          clock
          sub r0, r10
          print "eof=%d waited=%d\\n", r9, r0
          wait
          exit 0
        child:
          sleep 3ms
          exit 0
        end
        run /bin/p
        """);
    assertEquals(0, number(r, "eof"));
    assertTrue(number(r, "waited") >= 3_000_000L, r.stdout());
  }

  @Test
  void writerBlocksWhenThePipeIsFullAndEveryByteArrives_pipe7() {
    Sim.Run r = completed("""
        program /bin/p
        data
          big: space 70000
          buf: space 4096
        text
        main:
          pipe
          mov r7, r1
          mov r8, r2
          fork
          jz r0, child
          close r7
          clock
          mov r10, r0
          write r8, [big], 70000
          mov r9, r0
          clock
          sub r0, r10
          print "wrote=%d took=%d\\n", r9, r0
          close r8
          wait
          exit 0
        child:
          close r8
          mov r10, 0
          mov r11, 0
        loop:
          sleep 1ms
          read r7, [buf], 4096
          jle r0, 0, done
          add r10, r0
          add r11, 1
          jmp loop
        done:
          print "total=%d reads=%d last=%d\\n", r10, r11, r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals(70000, number(r, "wrote"));
    assertEquals(70000, number(r, "total"));
    assertEquals(0, number(r, "last"));
    // 64 KiB fit; the rest waited for the slow reader's first reads (1 ms apart)
    assertTrue(number(r, "took") >= 1_000_000L, r.stdout());
    // the write went in chunks, each a write event on the pipe's descriptor
    long bytes = Behaviour.events(r, EventKind.WRITE).stream().filter(e -> e.a() == 4)
        .mapToLong(TraceEvent::b).sum();
    assertEquals(70000, bytes);
  }

  @Test
  void writeWithNoReaderKillsTheWriterWithSigpipe_pipe7_signal7() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          fork
          jz r0, child
          wait
          wifsignaled r2, r1
          wtermsig r3, r1
          print "signaled=%d sig=%d\\n", r2, r3
          exit 0
        child:
          pipe
          close r1
          write r2, "x", 1
          print "survived\\n"
          exit 0
        end
        run /bin/p
        """);
    assertEquals(1, number(r, "signaled"));
    assertEquals(13, number(r, "sig")); // SIGPIPE, default action Term
    assertTrue(!r.stdout().contains("survived"), r.stdout());
  }

  @Test
  void withSigpipeIgnoredOrCaughtWriteReturnsEpipe_pipe7_write2() {
    Sim.Run r = completed("""
        program /bin/p
        text
        main:
          signal SIGPIPE, SIG_IGN
          pipe
          mov r8, r2
          close r1
          write r8, "x", 1
          print "ignored=%d\\n", r0
          sigaction SIGPIPE, h, SA_SIGINFO
          write r8, "x", 1
          print "caught=%d\\n", r0
          getpid
          print "me=%d\\n", r0
          exit 0
        h:
          print "code=%d from=%d\\n", r1, r2
          ret
        end
        run /bin/p
        """);
    assertEquals(-32, number(r, "ignored")); // -EPIPE
    assertEquals(-32, number(r, "caught"));
    // send_sig(SIGPIPE, current, 0): SI_USER, from the writer itself
    assertEquals(0, number(r, "code"));
    assertEquals(number(r, "me"), number(r, "from"));
  }

  private static String interruptedRead(String flags) {
    return """
        program /bin/p
        data
          buf: space 8
        text
        main:
          sigaction SIGUSR1, h, FLAGS
          pipe
          mov r7, r1
          mov r8, r2
          fork
          jz r0, child
          close r8
          read r7, [buf], 8
          print "read=%d\\n", r0
          wait
          exit 0
        child:
          close r7
          sleep 2ms
          getppid
          kill r0, SIGUSR1
          sleep 2ms
          write r8, "z", 1
          exit 0
        h:
          print "handler\\n"
          ret
        end
        run /bin/p
        """.replace("FLAGS", flags);
  }

  @Test
  void readInterruptedByAHandlerReturnsEintr_signal7() {
    Sim.Run r = completed(interruptedRead("0"));
    assertTrue(r.stdout().startsWith("handler\n"), r.stdout());
    assertEquals(-4, number(r, "read")); // -EINTR
  }

  @Test
  void readInterruptedByAnSaRestartHandlerRestarts_signal7() {
    Sim.Run r = completed(interruptedRead("SA_RESTART"));
    assertTrue(r.stdout().startsWith("handler\n"), r.stdout());
    assertEquals(1, number(r, "read")); // restarted, then got the byte written 2 ms later
  }

  @Test
  void largeWriteInterruptedAfterWritingSomeReturnsThePartialCount_pipe7() {
    Sim.Run r = completed("""
        program /bin/p
        data
          big: space 70000
        text
        main:
          sigaction SIGUSR1, h, 0
          pipe
          mov r7, r1
          mov r8, r2
          fork
          jz r0, child
          write r8, [big], 70000
          print "wrote=%d\\n", r0
          wait
          exit 0
        child:
          sleep 1ms
          getppid
          kill r0, SIGUSR1
          exit 0
        h:
          ret
        end
        run /bin/p
        """);
    // nobody reads: 64 KiB went in, then the signal ended the sleep (over PIPE_BUF: not atomic)
    assertEquals(65536, number(r, "wrote"));
  }

  @Test
  void smallWritesAreAtomic_pipe7_PIPE_BUF() {
    // 65535 bytes leave 1 free: a 2-byte write (<= PIPE_BUF) must not go in half, so it waits
    // for the reader; the reader then sees the 2 bytes together after the big block
    Sim.Run r = completed("""
        program /bin/p
        data
          big: space 65535
          buf: space 65536
        text
        main:
          pipe
          mov r7, r1
          mov r8, r2
          fork
          jz r0, child
          close r7
          write r8, [big], 65535
          write r8, "ab", 2
          print "small=%d\\n", r0
          close r8
          wait
          exit 0
        child:
          close r8
          sleep 1ms
          read r7, [buf], 65536
          print "first=%d\\n", r0
          read r7, [buf], 65536
          print "second=%d\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals(2, number(r, "small"));
    assertEquals(65535, number(r, "first"));
    assertEquals(2, number(r, "second"));
  }

  @Test
  void wrongEndsAndBadDescriptorsGiveEbadfAndTheConsoleInputIsAtEof_read2_write2() {
    Sim.Run r = completed("""
        program /bin/p
        data
          buf: space 8
        text
        main:
          pipe
          mov r7, r1
          mov r8, r2
          write r7, "x", 1
          print "write_on_read=%d\\n", r0
          read r8, [buf], 1
          print "read_on_write=%d\\n", r0
          read 42, [buf], 1
          print "bad=%d\\n", r0
          read 0, [buf], 8
          print "stdin=%d\\n", r0
          write r8, "x", 1
          mov r3, 0
          read r7, [r3], 1
          print "fault=%d\\n", r0
          read r7, [buf], 1
          print "kept=%d\\n", r0
          exit 0
        end
        run /bin/p
        """);
    assertEquals(-9, number(r, "write_on_read"));
    assertEquals(-9, number(r, "read_on_write"));
    assertEquals(-9, number(r, "bad"));
    assertEquals(0, number(r, "stdin"));
    assertEquals(-14, number(r, "fault")); // EFAULT; the byte stays in the pipe
    assertEquals(1, number(r, "kept"));
  }

  @Test
  void yesPipedIntoHeadStopsYesWithSigpipe_pipe7() {
    Sim.Run r = completed(YES_HEAD);
    assertTrue(r.stdout().startsWith("y\ny\ny\ny\ny\nhead=0\n"), describe(r));
    assertEquals(13, number(r, "yes_sig")); // SIGPIPE once head has exited
    // yes's output went into the pipe (fd 1 of pid 3), traced as write events
    long h = KernelTrace.bytesHash("y\n".getBytes(StandardCharsets.UTF_8), 0, 2);
    List<TraceEvent> w = Behaviour.events(r, EventKind.WRITE).stream()
        .filter(e -> e.pid() == 3).toList();
    assertTrue(!w.isEmpty());
    assertTrue(w.stream().allMatch(e -> e.a() == 1 && e.b() == 2 && e.c() == h));
  }

  @Test
  void theSamePipelineRunsTheSameTwice_determinism() {
    Sim.Run a = Sim.run(YES_HEAD);
    Sim.Run b = Sim.run(YES_HEAD);
    assertEquals(a.result().eventHash(), b.result().eventHash());
    assertEquals(a.events().size(), b.events().size());
    assertEquals(a.stdout(), b.stdout());
  }
}
