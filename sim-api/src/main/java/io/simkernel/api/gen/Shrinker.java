package io.simkernel.api.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reduces a failing scenario to a small one that still fails the same way: delta debugging
 * (Zeller's ddmin) over the lines of the scenario text — which deletes whole processes' code,
 * instructions, signals and waits — followed by shrinking every duration and size literal
 * towards zero (shorter sleeps and computations), repeated until nothing more can be removed.
 *
 * <p>Library-neutral: the caller supplies the predicate "this candidate still fails the same
 * way" (typically: parse it, run it in checked mode, compare the failure's kind). A candidate
 * that no longer parses simply does not fail the same way, so the shrinker needs no knowledge of
 * the language. Deterministic: the same input and predicate give the same result.
 */
public final class Shrinker {
  /** What shrinking produced. */
  public record Result(String scenario, int attempts, int originalLines, int lines) {}

  private static final Pattern DURATION =
      Pattern.compile("(?<![\\w.])(\\d+)(ns|us|ms|s|KiB|MiB|GiB|B)\\b");

  private static final int CANDIDATE_EVENTS = 200_000;
  private static final int CANDIDATE_INSNS = 2_000_000;

  private final Predicate<String> fails;
  private final int maxAttempts;
  private int attempts;

  private Shrinker(Predicate<String> fails, int maxAttempts) {
    this.fails = fails;
    this.maxAttempts = maxAttempts;
  }

  /**
   * Shrinks {@code scenario}, which must fail ({@code fails.test(scenario)} is true), trying at
   * most {@code maxAttempts} candidates.
   */
  public static Result shrink(String scenario, Predicate<String> fails, int maxAttempts) {
    Shrinker s = new Shrinker(fails, maxAttempts);
    List<String> lines = new ArrayList<>(scenario.lines().toList());
    int original = lines.size();
    lines = s.dropCommentsAndBlanks(lines);
    boolean progress = true;
    while (progress && s.attempts < maxAttempts) {
      int before = text(lines).length();
      lines = s.ddmin(lines);
      lines = s.shrinkLiterals(lines);
      progress = text(lines).length() < before;
    }
    return new Result(text(lines), s.attempts, original, lines.size());
  }

  /**
   * {@code text} with limits on its kernel line ({@code events_max=200000 insns_max=2000000}),
   * for running shrinking candidates: deleting a loop's counter or its wait can make a loop
   * endless, and a candidate must fail fast rather than run to the default limits. A candidate
   * stopped by them ends differently from the failure being shrunk and is rejected; the limits
   * never reach the scenario reported. A text that sets either limit itself is left alone.
   */
  public static String bounded(String text) {
    String limits = " events_max=" + CANDIDATE_EVENTS + " insns_max=" + CANDIDATE_INSNS;
    if (text.contains("events_max=") || text.contains("insns_max=")) {
      return text;
    }
    if (text.startsWith("kernel ") || text.contains("\nkernel ")) {
      return text.replaceFirst("(?m)^kernel ([^#\n]*?)[ \t]*(?=#|$)", "kernel $1" + limits + " ");
    }
    return "kernel" + limits + "\n" + text;
  }

  private boolean tryCandidate(List<String> candidate) {
    if (attempts >= maxAttempts) {
      return false;
    }
    attempts++;
    return fails.test(text(candidate));
  }

  private List<String> dropCommentsAndBlanks(List<String> lines) {
    List<String> kept = new ArrayList<>();
    for (String l : lines) {
      String t = l.strip();
      if (!t.isEmpty() && !t.startsWith("#")) {
        kept.add(l);
      }
    }
    return kept.size() < lines.size() && tryCandidate(kept) ? kept : lines;
  }

  /** ddmin: remove ever smaller chunks of lines while the failure persists. */
  private List<String> ddmin(List<String> lines) {
    int n = 2;
    while (lines.size() >= 2 && attempts < maxAttempts) {
      int chunk = (int) Math.ceil(lines.size() / (double) n);
      boolean removed = false;
      for (int start = 0; start < lines.size() && attempts < maxAttempts; start += chunk) {
        List<String> candidate = new ArrayList<>(lines.subList(0, start));
        candidate.addAll(lines.subList(Math.min(lines.size(), start + chunk), lines.size()));
        if (!candidate.isEmpty() && tryCandidate(candidate)) {
          lines = candidate;
          n = Math.max(n - 1, 2);
          removed = true;
          break;
        }
      }
      if (!removed) {
        if (chunk == 1) {
          break;
        }
        n = Math.min(n * 2, lines.size());
      }
    }
    return lines;
  }

  /** Every duration or size literal is tried at 0, then halved, while the failure persists. */
  private List<String> shrinkLiterals(List<String> lines) {
    for (int i = 0; i < lines.size() && attempts < maxAttempts; i++) {
      boolean changed = true;
      while (changed && attempts < maxAttempts) {
        changed = false;
        Matcher m = DURATION.matcher(lines.get(i));
        int from = 0;
        while (m.find(from)) {
          long v = Long.parseLong(m.group(1));
          for (long smaller : new long[] {0, v / 2}) {
            if (smaller >= v) {
              continue;
            }
            String l = lines.get(i);
            String candidateLine = l.substring(0, m.start(1)) + smaller + l.substring(m.end(1));
            List<String> candidate = new ArrayList<>(lines);
            candidate.set(i, candidateLine);
            if (tryCandidate(candidate)) {
              lines = candidate;
              changed = true;
              break;
            }
          }
          if (changed) {
            break;
          }
          from = m.end();
        }
      }
    }
    return lines;
  }

  private static String text(List<String> lines) {
    return String.join("\n", lines) + "\n";
  }
}
