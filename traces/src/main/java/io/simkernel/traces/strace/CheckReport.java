package io.simkernel.traces.strace;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The outcome of {@code import-strace --check}: a few header lines, then one line per fact —
 * {@code match} or {@code MISMATCH ... expected X got Y}, with the reason when a missing part of
 * the simulator explains it — and a summary. Exit status 0 on a full match, 1 otherwise.
 */
public final class CheckReport {
  /**
   * One fact. {@code subject} names it ("process 9301 (sim 3): parent"); {@code why} explains a
   * mismatch that a missing simulator feature causes, or is null; {@code feature} names it.
   */
  public record Fact(boolean match, String subject, String expected, String got, String why,
      String feature) {

    /** One report line. */
    public String format() {
      if (match) {
        return "match     " + subject + " " + expected;
      }
      return "MISMATCH  " + subject + (subject.endsWith(":") ? "" : ":") + " expected "
          + expected + " got " + got
          + (why == null ? "" : " — " + why);
    }
  }

  private final List<String> header;
  private final List<Fact> facts;

  CheckReport(List<String> header, List<Fact> facts) {
    this.header = List.copyOf(header);
    this.facts = List.copyOf(facts);
  }

  public List<Fact> facts() {
    return facts;
  }

  public boolean fullMatch() {
    return facts.stream().allMatch(Fact::match);
  }

  /** 0 on a full match, 1 otherwise. */
  public int exitCode() {
    return fullMatch() ? 0 : 1;
  }

  /** The mismatching facts. */
  public List<Fact> mismatches() {
    List<Fact> out = new ArrayList<>();
    for (Fact f : facts) {
      if (!f.match()) {
        out.add(f);
      }
    }
    return out;
  }

  public String format() {
    StringBuilder sb = new StringBuilder();
    header.forEach(h -> sb.append(h).append('\n'));
    sb.append('\n');
    facts.forEach(f -> sb.append(f.format()).append('\n'));
    sb.append('\n').append(summary()).append('\n');
    return sb.toString();
  }

  /** {@code result: full match (38 facts)} or what differs and why. */
  public String summary() {
    List<Fact> bad = mismatches();
    if (bad.isEmpty()) {
      return "result: full match (" + facts.size() + " facts)";
    }
    Set<String> features = new TreeSet<>();
    int explained = 0;
    for (Fact f : bad) {
      if (f.feature() != null) {
        features.add(f.feature());
        explained++;
      }
    }
    String s = "result: " + (facts.size() - bad.size()) + " of " + facts.size()
        + " facts match, " + bad.size() + " MISMATCH";
    if (!features.isEmpty()) {
      s += "; " + explained + " of them need what the simulator does not model yet: "
          + String.join(", ", features);
    }
    return s;
  }
}
