package io.simkernel.traces.strace;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.simkernel.traces.strace.Expectations.Delivery;
import io.simkernel.traces.strace.Expectations.End;
import io.simkernel.traces.strace.Expectations.Kill;
import io.simkernel.traces.strace.Expectations.Proc;
import io.simkernel.traces.strace.Expectations.Reap;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a hand-checked {@code ground-truth.json} (schema {@code os-sim/strace-ground-truth/1},
 * traces/README.md) into {@link Expectations}. Facts the file does not hold (getrusage counts)
 * are taken from the log. In the file the root's parent and reaper are strace (by PID, or null
 * when the root never called getppid) and an auto-reaped child has a null reaper; both become
 * {@link Expectations#TRACER} and {@link Expectations#AUTO}.
 */
public final class GroundTruth {
  static final String SCHEMA = "os-sim/strace-ground-truth/1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private GroundTruth() {}

  /**
   * Parses the file and checks that it describes the log's run; throws
   * {@link StraceException} otherwise.
   */
  public static Expectations read(String file, String text, ProcessTree tree) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new StraceException(file, at == null ? 1 : Math.max(1, at.getLineNr()),
          "not valid JSON: " + e.getOriginalMessage(), "a ground-truth.json file");
    }
    if (root == null || !SCHEMA.equals(root.path("schema").asText())) {
      throw new StraceException(file, 1, "the file is not a ground truth of schema " + SCHEMA,
          "\"schema\": \"" + SCHEMA + "\"");
    }
    int rootPid = root.path("root_pid").asInt();
    if (rootPid != tree.root().pid()) {
      throw new StraceException(file, 1, "this ground truth is for root pid " + rootPid
          + " but the log's root is " + tree.root().pid(), "the ground-truth.json of this log");
    }
    List<Proc> procs = new ArrayList<>();
    int i = 0;
    for (JsonNode p : root.path("processes")) {
      String where = "processes[" + i++ + "]";
      String kind = p.path("end").path("kind").asText();
      if (!kind.equals("exited") && !kind.equals("killed")) {
        throw new StraceException(file, 1, where + " has no end", "\"end\": {\"kind\": "
            + "\"exited\", \"code\": N} or {\"kind\": \"killed\", \"signo\": N}");
      }
      if (tree.get(p.path("pid").asInt()) == null) {
        throw new StraceException(file, 1, where + " is pid " + p.path("pid").asText()
            + ", which the log does not contain", "the ground-truth.json of this log");
      }
      procs.add(proc(p));
    }
    Expectations fromLog = LogFacts.derive(tree);
    return new Expectations(file, rootPid, procs, deliveries(root), kills(root), reaps(root),
        fromLog.rusage());
  }

  private static Proc proc(JsonNode p) {
    boolean isRoot = p.path("root").asBoolean();
    JsonNode end = p.path("end");
    End e = end.path("kind").asText().equals("killed")
        ? new End(true, 0, end.path("signo").asInt(), end.path("core_dumped").asBoolean())
        : new End(false, end.path("code").asInt(), 0, false);
    int parent = isRoot ? Expectations.TRACER : p.path("ppid").asInt();
    int finalParent = isRoot ? Expectations.TRACER : p.path("final_ppid").asInt();
    JsonNode by = p.path("reaped_by").path("pid");
    int reaper = isRoot ? Expectations.TRACER : by.isNull() || by.isMissingNode()
        ? Expectations.AUTO : by.asInt();
    String program = p.path("program").isTextual() ? p.path("program").asText() : null;
    return new Proc(p.path("pid").asInt(), parent, finalParent, e, reaper, program);
  }

  private static List<Delivery> deliveries(JsonNode root) {
    List<Delivery> out = new ArrayList<>();
    for (JsonNode d : root.path("signals_delivered")) {
      JsonNode artifact = d.path("ptrace_artifact");
      boolean isArtifact = !artifact.isMissingNode() && !artifact.isNull()
          && !(artifact.isBoolean() && !artifact.asBoolean());
      out.add(new Delivery(d.path("line").asInt(), d.path("to_pid").asInt(),
          d.path("signo").asInt(), d.path("sender_pid").asInt(0), d.path("disposition").asText(),
          isArtifact, d.path("observed").asText().startsWith("inferred")));
    }
    return out;
  }

  private static List<Kill> kills(JsonNode root) {
    List<Kill> out = new ArrayList<>();
    for (JsonNode k : root.path("kill_calls")) {
      out.add(new Kill(k.path("line").asInt(), k.path("from_pid").asInt(),
          k.path("syscall").asText(), k.path("target").asLong(), k.path("signo").asInt(),
          k.path("ret").asLong()));
    }
    return out;
  }

  private static List<Reap> reaps(JsonNode root) {
    List<Reap> out = new ArrayList<>();
    for (JsonNode r : root.path("reaps")) {
      out.add(new Reap(r.path("line").asInt(), r.path("reaper_pid").asInt(),
          r.path("reaped_pid").asInt()));
    }
    return out;
  }
}
