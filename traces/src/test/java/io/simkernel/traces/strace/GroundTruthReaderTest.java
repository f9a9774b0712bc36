package io.simkernel.traces.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reading ground-truth.json: what it means, and the errors of a file that does not fit. */
class GroundTruthReaderTest {
  private final ImportResult zombie = Corpus.imported("zombie-reap");

  private Expectations read(String json) {
    return GroundTruth.read("gt.json", json, zombie.tree());
  }

  @Test
  void theRootsParentAndReaperAreStraceAndAnAutoReapIsTheKernel() {
    Expectations z = Corpus.truthOf("zombie-reap", zombie);
    assertEquals(Expectations.TRACER, z.process(9691).reapedBy());
    assertEquals(Expectations.TRACER, z.process(9691).parent());
    ImportResult ign = Corpus.imported("sigchld-ign-echild");
    Expectations s = Corpus.truthOf("sigchld-ign-echild", ign);
    assertEquals(Expectations.AUTO, s.process(9562).reapedBy(), "ZB-1");
  }

  @Test
  void ptraceArtifactsAndInferredKillsAreRecognised() {
    Expectations z = Corpus.truthOf("zombie-reap", zombie);
    assertTrue(z.deliveries().get(0).artifact());
    ImportResult k = Corpus.imported("sigkill-child");
    Expectations s = Corpus.truthOf("sigkill-child", k);
    assertTrue(s.deliveries().get(1).inferred());
    assertEquals(9577, s.deliveries().get(1).sender());
  }

  @Test
  void invalidJsonIsReportedWithItsLine() {
    StraceException e = assertThrows(StraceException.class, () -> read("{\n\"schema\": ,\n}"));
    assertEquals(2, e.line());
    assertTrue(e.format().startsWith("gt.json:2: error: not valid JSON"), e.format());
  }

  @Test
  void anotherSchemaIsRefused() {
    assertTrue(assertThrows(StraceException.class, () -> read("{\"schema\": \"x\"}"))
        .getMessage().contains("os-sim/strace-ground-truth/1"));
  }

  @Test
  void theTruthOfAnotherLogIsRefused() {
    StraceException e = assertThrows(StraceException.class,
        () -> read(Corpus.truth("bash-bg-wait")));
    assertTrue(e.getMessage().contains("root pid 9300 but the log's root is 9691"),
        e.getMessage());
    String foreign = Corpus.truth("zombie-reap").replace("\"pid\": 9692", "\"pid\": 4242");
    assertTrue(assertThrows(StraceException.class, () -> read(foreign)).getMessage()
        .contains("4242"));
  }
}
