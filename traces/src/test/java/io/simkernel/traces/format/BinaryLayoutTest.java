package io.simkernel.traces.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.simkernel.api.trace.EventKind;
import io.simkernel.api.trace.TraceEvent;
import io.simkernel.api.trace.TraceHash;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The binary layout is the one docs/trace-format.md documents, byte for byte. */
class BinaryLayoutTest {
  private static final TraceHeader HEADER = new TraceHeader(2, "x", "s.sks", "0".repeat(64), 0,
      "cpus=1", "run /bin/x\n");

  /**
   * A kind's code is its position in {@link EventKind} plus one: reordering the enum would change
   * the format, so the codes are pinned here (a new kind goes at the end, with a version bump).
   */
  @Test
  void kindCodesArePinned() {
    List<String> codes = List.of("sched_process_fork", "sched_process_exec", "sched_process_exit",
        "sched_process_wait", "sched_process_free", "sched_switch", "sched_wakeup", "sched_block",
        "signal_generate", "signal_deliver", "reparent", "page_fault_user", "write", "task_stop",
        "task_continue", "limit", "create_process", "image_load", "handle_open", "handle_close",
        "job_assign", "job_terminate");
    assertEquals(codes, Arrays.stream(EventKind.values()).map(EventKind::tracepoint).toList());
  }

  private static TraceEvent event(long seq, long t, int cpu, EventKind k, int pid, long a,
      String text, long prevHash) {
    TraceEvent e = new TraceEvent(seq, t, cpu, k, pid, a, 0, 0, text, 0);
    return new TraceEvent(seq, t, cpu, k, pid, a, 0, 0, text, TraceHash.step(prevHash, e));
  }

  @Test
  void eventsEncodeAsTheDocumentedExample() throws IOException {
    TraceEvent wake = event(0, 1000, 0, EventKind.SCHED_WAKEUP, 2, 0, null, TraceHash.SEED);
    TraceEvent block = event(1, 1000, 0, EventKind.SCHED_BLOCK, 2, 'S', "sleep", wake.hash());
    TraceEvent again = event(2, 1500, -1, EventKind.SCHED_BLOCK, 3, 'S', "sleep", block.hash());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryTraceWriter w = new BinaryTraceWriter(out, HEADER);
    List.of(wake, block, again).forEach(w::accept);
    w.finish(new TraceEnd("completed", "", 3, 1500, again.hash(), 0));
    byte[] file = out.toByteArray();
    byte[] header = JsonRecords.headerBytes(HEADER);
    int start = 8 + 1 + 2 + header.length; // magic, version 2, a 2-byte length, the JSON
    assertArrayEquals(new byte[] {(byte) 0x89, 'S', 'K', 'T', 'R', 'C', '\r', '\n', 2},
        Arrays.copyOf(file, 9));
    assertEquals(header.length, (file[9] & 0x7F) | (file[10] << 7));
    byte[] events = Arrays.copyOfRange(file, start, start + 21);
    assertArrayEquals(new byte[] {
        0x27, (byte) 0xD0, 0x0F, 0x00, 0x04, 0x00, 0x00, 0x00,  // wakeup: tag 7|cpu, dt 1000, cpu 0
        0x48, 0x00, 0x00, (byte) 0xA6, 0x01, 0x00, 0x00, 0x00, // block: tag 8|text, 'S' = 83
        0x05, 's', 'l', 'e', 'e'}, events);                     // text literal, 5 bytes
    assertArrayEquals(new byte[] {'p', 0x68, (byte) 0xE8, 0x07, 0x01, 0x02, (byte) 0xA6, 0x01,
        0x00, 0x00, 0x01, 0x00}, Arrays.copyOfRange(file, start + 21, start + 33),
        "block again: tag 8|cpu|text, dt 500, cpu -1, pid +1, a, b, c, text #1, end tag");
    try (TraceReader in = TraceFiles.open(new ByteArrayInputStream(file), "golden")) {
      assertEquals(List.of(wake, block, again), io.simkernel.traces.TestRuns.readAll(in));
    }
  }
}
