package io.simkernel.traces.strace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the parts of one import share: the log's tree and the scenario being written. */
final class ImportContext {
  private final ProcessTree tree;
  private final Dispositions dispositions;
  private final Descriptors descriptors;
  private final MemoryWork memory;
  private final PidMap pids;
  private final ImportOptions options;
  private final Images images;
  private final Map<String, ProgramText> programs = new LinkedHashMap<>();
  private final List<String> approximations = new ArrayList<>();
  private final Map<String, Map<String, Integer>> omitted = new TreeMap<>();
  private final List<Unreplayable> unreplayable = new ArrayList<>();

  ImportContext(ProcessTree tree, ImportOptions options) {
    this.tree = tree;
    this.options = options;
    this.dispositions = Dispositions.compute(tree);
    this.descriptors = Descriptors.compute(tree);
    this.memory = MemoryWork.compute(tree);
    this.pids = PidMap.predict(tree);
    this.images = new Images(tree);
    approximations.addAll(tree.notes());
    approximations.addAll(memory.notes());
  }

  ProcessTree tree() {
    return tree;
  }

  Dispositions dispositions() {
    return dispositions;
  }

  /** The log's pipes: which calls to replay, and the closes the log does not show. */
  Descriptors descriptors() {
    return descriptors;
  }

  /** The memory writes behind the log's getrusage fault counts. */
  MemoryWork memory() {
    return memory;
  }

  PidMap pids() {
    return pids;
  }

  ImportOptions options() {
    return options;
  }

  /** The programs, in the order they were opened (the root's first). */
  Map<String, ProgramText> programs() {
    return programs;
  }

  /** A new program for an image that {@code p} starts by exec'ing {@code recorded}. */
  ProgramText newProgram(TracedProcess p, String recorded, boolean root) {
    String name = images.name(p, recorded, root);
    ProgramText t = new ProgramText(name);
    programs.put(name, t);
    return t;
  }

  /** A program that is no exec'd path (a root whose exec the log does not show). */
  ProgramText newProgram(String path) {
    ProgramText t = new ProgramText(path);
    programs.put(path, t);
    return t;
  }

  /** Records one left-out call under a category. */
  void omit(String category, String call) {
    omitted.computeIfAbsent(category, k -> new TreeMap<>()).merge(call, 1, Integer::sum);
  }

  /** Records something the replay does differently from the log. */
  void approximate(String what) {
    approximations.add(what);
  }

  void unreplayable(Unreplayable u) {
    unreplayable.add(u);
  }

  List<String> approximations() {
    return approximations;
  }

  /** Category → call → how many were left out. */
  Map<String, Map<String, Integer>> omitted() {
    return omitted;
  }

  List<Unreplayable> unreplayableDeaths() {
    return unreplayable;
  }
}
